// The customer display through the real browser host in real Chromium (issue 13 part 1): a page at /display paired
// with the counter by the code a manager makes in Settings (a wrong code refused and logged), then every state driven
// by real awards against the training sandbox (welcome, sale, thanks, claim QR, queued offline), photographed at
// 1024x600 and 1920x1080 and checked: nothing overflows, the claim QR fills most of the screen's height and decodes to
// its URL from the pixels on screen. The display is read-only: it has no window.kaunter, a call on its socket is
// refused, and its socket hears the display's state and no other event.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPLAY_SIZES, SHOTS } from './screen-checks.ts';
import { backToCounter, counterForThisFile, ledgerFor, MEMBERS, outcome, typeAmount, typePhone, unlockManager } from './counter-page.ts';
import { contrastProblems } from './page-checks.ts';
import { until } from '../fixtures/until.ts';

const SIZES = DISPLAY_SIZES;

const app = counterForThisFile();
let displayContext: BrowserContext;
let display: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  displayContext = await app().browser.newContext({ viewport: SIZES[0] });
  display = await displayContext.newPage();
});
afterAll(async () => displayContext?.close());

async function makePairingCode(): Promise<string> {
  const { page } = app();
  await unlockManager(page);
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('make-pairing-code').click();
  const code = (await page.getByTestId('pairing-code-shown').innerText()).trim();
  await backToCounter(page);
  return code;
}

async function typeCode(code: string): Promise<void> {
  await display.getByTestId('pairing-code').fill(code);
  await display.getByTestId('pair').click();
}

async function shows(view: string): Promise<string> {
  const screen = display.locator(`[data-testid=customer-display][data-view=${view}]`);
  await screen.waitFor({ timeout: 20_000 });
  return (await screen.innerText()).replace(/\s+/g, ' ');
}

/** Every text inside the screen and nothing cut off: no scrolling, no text wider or taller than its box. */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth || root.scrollHeight > window.innerHeight) found.push(`page ${root.scrollWidth}x${root.scrollHeight}`);
    for (const element of document.querySelectorAll('.customer-display *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0) continue;
      if (element.scrollWidth > element.clientWidth + 1 || box.right > window.innerWidth + 1 || box.bottom > window.innerHeight + 1) {
        found.push(`${element.tagName.toLowerCase()}.${element.className} "${element.textContent?.trim().slice(0, 30)}"`);
      }
    }
    return found;
  });
}

/** The same state in Bahasa Melayu and Chinese (the counter's language), photographed and checked too. */
async function inOtherLanguages(state: string): Promise<void> {
  for (const language of ['ms', 'zh'] as const) {
    await app().page.evaluate((chosen) => window.kaunter.settings.setLanguage({ language: chosen }), language);
    await display.locator(`html[lang^=${language}]`).waitFor();
    await photograph(`${state}-${language}`);
  }
  await app().page.evaluate(() => window.kaunter.settings.setLanguage({ language: 'en' }));
  await display.locator('html[lang^=en]').waitFor();
}

/** Photographs the display in this state at both sizes, checking each. */
async function photograph(state: string): Promise<Buffer[]> {
  const shots: Buffer[] = [];
  for (const size of SIZES) {
    await display.setViewportSize(size);
    await display.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await overflows(display), `${state} at ${size.width}x${size.height}`).toEqual([]);
    expect(await contrastProblems(display), `${state} at ${size.width}x${size.height}: contrast`).toEqual([]);
    const path = join(SHOTS, `customer-display-${state}-${size.width}x${size.height}.png`);
    await display.screenshot({ path });
    shots.push(readFileSync(path));
  }
  return shots;
}

function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('the customer display in the browser host', () => {
  it('pairs by the code made on the counter; a wrong code is refused and logged, and guessing the address gets nothing', async () => {
    await display.goto(`${app().host.origin}/display`);
    await display.getByTestId('pairing-code').waitFor();
    const socket = await display.evaluate(
      (origin) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`${origin.replace('http', 'ws')}/display-ipc`, ['kaunter-display.guessed']);
          ws.onopen = () => resolve('opened');
          ws.onerror = () => resolve('refused');
        }),
      app().host.origin,
    );
    expect(socket).toBe('refused');
    const code = await makePairingCode();
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === '000000' ? '000001' : '000000';
    await typeCode(wrong);
    expect(await display.getByTestId('pairing-refused').innerText()).toContain('That code is not right');
    expect(await display.locator('[data-testid=customer-display]').count()).toBe(0);
    // Refusals in a quick row are logged as one line within 10 s, with the last reason.
    const log = (): string => readFileSync(join(app().dataDir, 'kaunter.log'), 'utf8');
    await until(() => /display socket before any pairing/.test(log()) && /customer display pairing: wrong or expired code/.test(log()), 'the refusals in the log', 15_000, 100);
    await typeCode(code);
    const welcome = await shows('idle');
    expect(welcome).toContain('Kedai Runcit Aina');
    expect(welcome).toContain('Welcome');
    expect(welcome).toContain('Selamat datang');
    expect(welcome).toContain('欢迎光临');
    // The code worked once: another page cannot pair with it.
    expect((await fetch(`${app().host.origin}/display/pair`, { method: 'POST', headers: { Origin: app().host.origin }, body: JSON.stringify({ code }) })).status).toBe(403);
    await photograph('idle');
  });

  it('follows the counter: the sale with its points, then thanks with the shortened name and the new balance', async () => {
    const { page } = app();
    await typeAmount(page, '12.50');
    // The counter sends the amount once typing pauses: on a slow machine "12" may show before "12.50" does.
    await display.getByTestId('display-amount').filter({ hasText: /^RM\s12\.50$/ }).waitFor({ timeout: 20_000 });
    expect((await shows('sale')).replace(/\u00a0/g, ' ')).toContain('RM 12.50');
    await display.getByText('You earn 12 points').waitFor();
    await photograph('sale');

    const before = ledgerFor(app(), MEMBERS.nurul.memberId).length;
    await typePhone(page, MEMBERS.nurul.phone);
    await page.getByTestId('preview-member').waitFor();
    await page.keyboard.press('Enter');
    await outcome(page, 'awarded');
    expect(ledgerFor(app(), MEMBERS.nurul.memberId)).toHaveLength(before + 1);
    await display.getByTestId('display-balance').waitFor({ timeout: 20_000 });
    // A figure and its unit are joined by a no-break space, so that they never part at a line's end.
    const thanks = (await shows('thanks')).replace(/\u00a0/g, ' ');
    expect(thanks).toContain('Thank you, Nurul A.!');
    expect(thanks).toContain('+12 points');
    expect(thanks).not.toContain('Aisyah');
    expect(thanks).not.toContain('6990');
    const counterBalance = (await page.getByTestId('outcome-balance').innerText()).trim();
    expect(await display.getByTestId('display-balance').innerText()).toBe(`Your balance: ${counterBalance}\u00a0points`);
    await photograph('thanks');
  });

  it('shows the claim QR large enough to scan across the counter, and it decodes to the claim link', async () => {
    const { page } = app();
    await page.keyboard.press('Escape');
    await typeAmount(page, '45.90');
    await page.getByTestId('mode-qr').click();
    await page.getByTestId('preview').waitFor();
    await page.getByTestId('confirm').click();
    const counterQr = page.locator('[data-testid=claim-qr] img.qr-image');
    await counterQr.waitFor();
    const url = await counterQr.getAttribute('data-url');
    await display.getByTestId('display-qr').waitFor();
    expect(await display.getByTestId('display-qr').getAttribute('data-url')).toBe(url);
    expect((await shows('claimQr')).replace(/\u00a0/g, ' ')).toContain('RM 45.90 You earn 45 points');
    const shots = await photograph('claim-qr');
    for (const [index, size] of SIZES.entries()) {
      await display.setViewportSize(size);
      const box = await display.getByTestId('display-qr').boundingBox();
      expect(box?.height, `QR height at ${size.width}x${size.height}`).toBeGreaterThanOrEqual(size.height * 0.75);
      expect(decodeQr(shots[index] as Buffer), `QR read from the screen at ${size.width}x${size.height}`).toBe(url);
    }
    await inOtherLanguages('claim-qr');
    // The cashier closes the QR: the customer sees the welcome again.
    await page.getByTestId('dismiss-qr').click();
    await shows('idle');
  });

  it('queued while RM is out of reach: "your points will arrive shortly"', async () => {
    const { page } = app();
    await app().sandbox.refuseConnections(true);
    try {
      await typeAmount(page, '6.50');
      await typePhone(page, MEMBERS.meiLing.phone);
      await page.getByTestId('confirm').click();
      await outcome(page, 'queued');
      expect(await shows('queued')).toContain('Your points will arrive shortly');
      // (Held 15 s, then the welcome: two photographs fit well inside that on a slow machine.)
      await photograph('queued');
    } finally {
      await app().sandbox.refuseConnections(false);
    }
  });

  it('is read-only: no window.kaunter on its page, a call on its own socket is refused, and it hears only its state', async () => {
    expect(await display.evaluate(() => 'kaunter' in window)).toBe(false);
    await display.evaluate((origin) => {
      const heard: Array<{ type: string; name?: string; id?: number; result?: unknown; payload?: unknown }> = [];
      Object.assign(window, { heard });
      const token = sessionStorage.getItem('kaunter.display-token') ?? '';
      const ws = new WebSocket(`${origin.replace('http', 'ws')}/display-ipc`, [`kaunter-display.${token}`]);
      ws.onmessage = (event: MessageEvent<string>) => {
        const message = JSON.parse(event.data) as { type: string; nextToken?: string };
        heard.push(message);
        if (message.type === 'welcome' && message.nextToken) sessionStorage.setItem('kaunter.display-token', message.nextToken);
        if (message.type === 'welcome') ws.send(JSON.stringify({ type: 'call', id: 1, method: 'app.info', payload: {} }));
      };
    }, app().host.origin);
    type Heard = Array<{ type: string; name?: string; id?: number; result?: unknown; payload?: { view?: { kind: string } } }>;
    const heard = (): Promise<Heard> => display.evaluate(() => (window as unknown as { heard: Heard }).heard);
    await expect.poll(async () => (await heard()).some((message) => message.type === 'result'), { timeout: 15_000 }).toBe(true);
    expect((await heard()).find((message) => message.type === 'result')).toMatchObject({ type: 'result', id: 1, result: { ok: false, error: { code: 'FORBIDDEN_SENDER' } } });

    // An award at the counter makes the core send the counter its award and queue events: the display hears none of them.
    const { page } = app();
    await page.keyboard.press('Escape');
    await typeAmount(page, '3.00');
    await typePhone(page, MEMBERS.nurul.phone);
    await page.getByTestId('preview-member').waitFor();
    await page.keyboard.press('Enter');
    await outcome(page, 'awarded');
    await expect.poll(async () => (await heard()).some((message) => message.payload?.view?.kind === 'thanks'), { timeout: 20_000 }).toBe(true);
    const names = new Set((await heard()).filter((message) => message.type === 'event').map((message) => message.name));
    expect([...names]).toEqual(['display.state']);
  });
});
