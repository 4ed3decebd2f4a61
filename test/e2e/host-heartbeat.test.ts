// The page and its host: when the browser host's process stops answering (frozen, or gone), the status bar says so
// within 3 s instead of "Online" until the next Confirm; when it answers again, the page carries on by itself. A host
// that was restarted (new tokens) is said plainly, with what to do.
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seedSetUpTerminal } from './harness.ts';
import { counterReady } from './counter-page.ts';
import { startHostProcess } from './host-child.ts';

let dataDir: string;
let host: ChildProcess;
let browser: Browser;
let page: Page;
/** The address the first host printed: spent once the page above opened it. */
let firstAddress: string;

const startHost = () => startHostProcess(dataDir);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kaunter-heartbeat-'));
  await seedSetUpTerminal(dataDir);
  const started = await startHost();
  firstAddress = started.url;
  host = started.child;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(started.url);
  await counterReady(page);
  await page.locator('[data-testid=online][data-online=true]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  host?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a spent address', () => {
  it('opened in another tab, says it no longer opens Kaunter and how to get a new one, instead of waiting to reconnect', async () => {
    const other = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    try {
      await other.goto(firstAddress);
      const said = other.getByRole('alert');
      await expect.poll(() => said.innerText(), { timeout: 10_000 }).toContain('This address no longer opens Kaunter');
      // A spent address gets no new one printed (that would end the open tab's reload token): a restart gives one.
      expect(await said.innerText()).toContain('start it again for a new address');
      expect(await other.getByText('reconnects by itself').count()).toBe(0);
      expect(await other.getByText('Loading').count()).toBe(0);
      await other.screenshot({ path: 'test-output/screenshots/browser-host-spent-address.png' });
    } finally {
      await other.close();
    }
  });
});

describe('the connection to the host', () => {
  it('a host that stops answering is shown as lost within 3 s, and the page carries on when it answers again', async () => {
    // Timed in the page, by its own clock: from just before the host stops to the moment the status bar says "lost".
    await page.evaluate(() => {
      const marks = window as unknown as { lostAt: number | null };
      marks.lostAt = null;
      new MutationObserver(() => {
        if (marks.lostAt === null && document.querySelector('[data-testid=connection][data-state=lost]')) marks.lostAt = performance.now();
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const stoppedAt = await page.evaluate(() => performance.now());
    host.kill('SIGSTOP');
    await page.locator('[data-testid=connection][data-state=lost]').waitFor({ timeout: 5_000 });
    const lostAt = await page.evaluate(() => (window as unknown as { lostAt: number | null }).lostAt);
    expect(lostAt).not.toBeNull();
    expect((lostAt ?? Infinity) - stoppedAt).toBeLessThanOrEqual(3_000);
    expect(await page.getByTestId('online').count()).toBe(0);
    const call = await page.evaluate(() => window.kaunter.queue.status({}));
    expect(call.ok).toBe(false);
    expect(call.ok ? '' : call.error.message).toContain('connection to Kaunter was lost');
    // The page's own refusal carries its catalogue key like the core's, so the screens say it in their language.
    expect(call.ok ? '' : call.error.key).toBe('error.connectionLost');

    host.kill('SIGCONT');
    await page.locator('[data-testid=online][data-online=true]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('connection').count()).toBe(0);
    expect((await page.evaluate(() => window.kaunter.queue.status({}))).ok).toBe(true);
  });

  it('a host that was restarted refuses the old page: the status bar says to open its new address', async () => {
    const port = Number(new URL(page.url()).port);
    await stopHost();
    await page.locator('[data-testid=connection][data-state=lost]').waitFor({ timeout: 5_000 });
    // As `npm start` starts it again: no port given, so it takes the one it had, and the open page finds it.
    const restarted = await startHost();
    host = restarted.child;
    expect(Number(new URL(restarted.url).port)).toBe(port);
    await page.locator('[data-testid=connection][data-state=refused]').waitFor({ timeout: 10_000 });
    // At 1024 px the pill says it in short; the whole sentence is its tooltip and what a screen reader reads.
    expect(await page.getByTestId('connection').getAttribute('title')).toBe('Kaunter was restarted: open the address it printed');
    expect(await page.getByTestId('connection').innerText()).toContain('Kaunter restarted');
  });

  it('a port another program took meanwhile: the host starts on another, and the next start keeps that one', async () => {
    const port = Number(new URL(page.url()).port);
    await stopHost();
    const squatter = http.createServer();
    await new Promise<void>((resolve, reject) => squatter.once('error', reject).listen(port, '127.0.0.1', resolve));
    try {
      const moved = await startHost();
      host = moved.child;
      const movedPort = Number(new URL(moved.url).port);
      expect(movedPort).not.toBe(port);
      await stopHost();
      const again = await startHost();
      host = again.child;
      expect(Number(new URL(again.url).port)).toBe(movedPort);
    } finally {
      squatter.close();
    }
  });
});

async function stopHost(): Promise<void> {
  const exited = new Promise((resolve) => host.once('exit', resolve));
  host.kill('SIGKILL');
  await exited;
}
