// The screens a shop meets rarely, photographed like every other in three languages at 1366x768 and 1024x768 (see
// screens.test.ts): the first-run wizard's steps that show only for sandbox and production (RM's credentials, the key,
// head office), driven against our RM sandbox and a real hub on loopback; an award RM refused; head office's history
// only partly restored; and the status bar when the connection to the host is lost. Each is checked, and its words must be the language on screen, not English.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../app/paths.ts';
import { generateKeyPair } from '../../app/rm/keys.ts';
import { openDatabase } from '../../app/store/database.ts';
import { markRestoreBegun } from '../../app/store/hub-sync.ts';
import { startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import { migrate } from '../../hub/db/migrate.ts';
import { openPool, type Pool } from '../../hub/db/pool.ts';
import { serveHub, type RunningHub } from '../../hub/server/server.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { createTestDatabase, startEmbeddedPostgres, type TestPostgres } from '../fixtures/postgres.ts';
import { counterReady, outcome, typeAmount, typePhone, unlockManager } from './counter-page.ts';
import { launchChromium, seedSetUpTerminal, startApp, type RunningApp } from './harness.ts';
import { startHostProcess } from './host-child.ts';
import { checkScreen, checkStep, EVERY_SCREEN, shot } from './screen-checks.ts';

const APP = { clientId: 'kedai-aina', clientSecret: 'sandbox-secret-for-the-wizard' };

/** The language chosen and applied (the choice is saved by the core first). */
async function chooseLanguage(page: Page, language: string): Promise<void> {
  await page.getByTestId(`language-${language}`).click();
  await page.locator(`[data-testid=language-${language}][aria-pressed=true]`).waitFor();
}

/** What English says, to make sure the other languages do not. */
const english = new Map<string, string>();
async function sayNoEnglish(page: Page, language: string, what: string, selector: string): Promise<void> {
  const text = (await page.locator(selector).first().innerText()).trim();
  expect(text, `${what}: no words`).not.toBe('');
  if (language === 'en') english.set(what, text);
  else expect(text, `${what} in ${language}`).not.toBe(english.get(what));
}

describe('the wizard for sandbox and production: credentials, key, head office', () => {
  let rm: RunningSandbox;
  let postgres: TestPostgres;
  let pool: Pool;
  let hub: RunningHub;
  beforeAll(async () => {
    rm = await startSandbox({ apps: [{ ...APP, publicKeyPem: null }] });
    postgres = await startEmbeddedPostgres();
    pool = openPool(await createTestDatabase(postgres.url, 'wizard_screens'), 2);
    await migrate(pool);
    hub = await serveHub({ pool, host: '127.0.0.1', port: 0, log: () => {} });
  });
  afterAll(async () => {
    await hub?.close();
    await pool?.end();
    await postgres?.stop();
    await rm?.close();
  });

  it.each(EVERY_SCREEN)('$language at $width x $height', async ({ language, width, height }) => {
    const where = `${language}-${width}x${height}`;
    const fresh = await startApp({ setup: 'fresh', viewport: { width, height }, rmHosts: { sandbox: { apiUrl: rm.url, oauthUrl: rm.url } } });
    try {
      const { page } = fresh;
      const step = async (name: string) => {
        await page.locator(`[data-testid=wizard-step][data-step=${name}]`).waitFor().catch(async (error: unknown) => {
          // Where the wizard stopped instead, and why, rather than only that it did not arrive.
          const at = await page.getByTestId('wizard-step').getAttribute('data-step');
          const problems = await page.locator('.problem').allInnerTexts();
          throw new Error(`wizard at ${at}, not ${name}; problems: ${JSON.stringify(problems)}`, { cause: error });
        });
        await checkStep(page, `wizard ${name} ${where}`);
      };
      const next = () => page.getByTestId('wizard-next').click();
      await chooseLanguage(page, language);
      await step('environment');
      await page.getByTestId('environment-sandbox').check();
      await next();

      await step('credentials');
      await sayNoEnglish(page, language, 'credentials state', '[data-testid=credentials-state]');
      await shot(page, 'setup-credentials', where);
      await page.locator('#client-id').fill(APP.clientId);
      await page.locator('#client-secret').fill(APP.clientSecret);
      await next();

      await step('key');
      await shot(page, 'setup-key', where);
      // The key made here; its public key uploaded to RM, as the merchant does in RM's portal.
      await page.getByTestId('generate-key').click();
      await page.getByTestId('public-key').waitFor();
      // From the top, as a person scrolls back to read it: the step, then the public key to upload.
      await page.evaluate(() => window.scrollTo(0, 0));
      await checkStep(page, `wizard key generated ${where}`);
      await shot(page, 'setup-key-generated', where);
      rm.registerApp({ ...APP, publicKeyPem: await page.locator('#public-key-pem').inputValue() });
      // A key file chosen through the screen's own button: its PEM lands in the box, the file named in this language.
      const pemFile = join(fresh.dataDir, 'kaunter-key.pem');
      writeFileSync(pemFile, (await generateKeyPair()).privateKeyPem);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('choose-key-file').click()]);
      await chooser.setFiles(pemFile);
      await page.locator('#private-key-file-name', { hasText: 'kaunter-key.pem' }).waitFor();
      // The name shows at once; the file is read after it.
      await expect.poll(() => page.locator('#private-key-pem').inputValue()).toMatch(/-----BEGIN (RSA )?PRIVATE KEY-----/);
      await page.locator('#private-key-pem').fill('');
      await next();

      await step('test');
      await page.getByTestId('test-call').click();
      await page.locator('[data-testid=test-result][data-ok=true]').waitFor({ timeout: 20_000 });
      await checkStep(page, `wizard test against the sandbox ${where}`);
      await shot(page, 'setup-test-sandbox', where);
      await next();
      await step('scanner');
      await next();
      await step('pin');
      await page.locator('#manager-name').fill('Siti');
      await page.locator('#new-pin').fill('1357');
      await page.locator('#new-pin-again').fill('1357');
      await next();
      await step('store');
      await page.locator('#store-name').fill('Kedai Aina');
      await page.locator('#cashiers').fill('Aina\nFarah');
      await next();

      await step('headOffice');
      await shot(page, 'setup-head-office', where);
      // A code head office never gave: the wizard stays and says why, in the language on screen.
      await page.getByTestId('hub-url').fill(hub.url);
      await page.getByTestId('hub-code').fill('AAAA-BBBB-CCCC-DDDD');
      await next();
      await page.locator('.problem').waitFor();
      await sayNoEnglish(page, language, 'hub join refused', '.problem');
      await checkStep(page, `wizard head office refused ${where}`);
      await shot(page, 'setup-head-office-refused', where);
      const enrolment = await enrolTerminal(pool, 'Bangsar', `Till ${where}`, 'test', ENROL_AS_NAMED);
      await page.getByTestId('hub-code').fill(enrolment.code);
      await next();
      await step('finish');
      expect(await page.getByTestId('wizard-missing').count()).toBe(0);
      const joined = await fresh.host.core.call('hub.status', {});
      expect(joined.ok && joined.value.kind).toMatch(/^(synced|waiting)$/);
    } finally {
      await fresh.close();
    }
  });
});

describe('an award RM refused', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
    await counterReady(app.page);
  });
  afterAll(async () => app?.close());

  it.each(EVERY_SCREEN.map((screen, index) => ({ ...screen, index })))('$language at $width x $height', async ({ language, width, height, index }) => {
    const where = `${language}-${width}x${height}`;
    const { page } = app;
    await page.setViewportSize({ width, height });
    await chooseLanguage(page, language);
    await page.keyboard.press('Escape');
    // Offline, a mistyped phone cannot be checked: the award is queued, and RM refuses it when it is sent.
    await app.sandbox.refuseConnections(true);
    await typeAmount(page, '9.90');
    await page.getByTestId('mode-phone').click();
    await typePhone(page, `013-999 88${String(index).padStart(2, '0')}`);
    await page.getByTestId('confirm').click();
    await outcome(page, 'queued');
    await app.sandbox.refuseConnections(false);
    await page.getByTestId('queued').click();
    await outcome(page, 'refused');
    await sayNoEnglish(page, language, 'refusal', '[data-testid=refusal-message]');
    await checkScreen(page, `counter refused ${where}`);
    await shot(page, 'counter-refused', where);
    await page.keyboard.press('Escape');
  });
});

describe('a restore from head office cut short', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
    // A replacement PC whose restore stopped after its first page (the power went) is known by the mark that page left
    // (app/sync/restore.ts); the mark alone is what the status bar and Settings read, so it alone is written here.
    const db = openDatabase(databasePath(app.dataDir, 'sandbox'));
    try {
      markRestoreBegun(db, { hubTerminalId: '00000000-0000-4000-8000-00000000000a', outlet: 'Seremban', terminal: 'Till 5', ackedSeq: 1 });
    } finally {
      db.close();
    }
    await counterReady(app.page);
    await unlockManager(app.page);
    await app.page.getByTestId('tab-settings').click();
    await app.page.getByTestId('environment-sandbox').check();
    await app.page.getByTestId('environment-save').click();
    await app.page.getByTestId('environment-confirm-yes').click();
    await app.page.locator('[data-testid=hub-status][data-state=restore-unfinished]').waitFor();
  });
  afterAll(async () => app?.close());

  it.each(EVERY_SCREEN)('$language at $width x $height', async ({ language, width, height }) => {
    const where = `${language}-${width}x${height}`;
    const { page } = app;
    await page.setViewportSize({ width, height });
    await chooseLanguage(page, language);
    await page.evaluate(() => window.scrollTo(0, 0));
    // The pill's words are its name (on a compact header it shows only its icon).
    const named = (await page.getByTestId('hub-status').getAttribute('aria-label')) ?? '';
    expect(named).not.toBe('');
    if (language === 'en') english.set('partly restored, on the status bar', named);
    else expect(named).not.toBe(english.get('partly restored, on the status bar'));
    await shot(page, 'status-bar-restore-cut-short', where);
    await checkScreen(page, `settings restore cut short ${where}`);
    // Settings says what it means and what to do, above the Join it asks for.
    await page.getByTestId('head-office-state').scrollIntoViewIfNeeded();
    await sayNoEnglish(page, language, 'partly restored, in Settings', '[data-testid=head-office-state]');
    expect(await page.getByTestId('hub-join').isVisible()).toBe(true);
    await shot(page, 'manager-settings-restore-cut-short', where);
  });
});

describe('the status bar when the connection to the host is lost', () => {
  let dataDir: string;
  let host: ChildProcess;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kaunter-lost-screens-'));
    await seedSetUpTerminal(dataDir);
    const started = await startHostProcess(dataDir);
    host = started.child;
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(started.url);
    await counterReady(page);
  });
  afterAll(async () => {
    await browser?.close();
    host?.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(EVERY_SCREEN)('$language at $width x $height', async ({ language, width, height }) => {
    const where = `${language}-${width}x${height}`;
    await page.setViewportSize({ width, height });
    await chooseLanguage(page, language);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=online][data-online=true]').waitFor({ timeout: 10_000 });
    host.kill('SIGSTOP');
    try {
      await page.locator('[data-testid=connection][data-state=lost]').waitFor({ timeout: 5_000 });
      await sayNoEnglish(page, language, 'connection lost', '[data-testid=connection]');
      await checkScreen(page, `connection lost ${where}`);
      await shot(page, 'counter-connection-lost', where);
    } finally {
      host.kill('SIGCONT');
    }
    await page.locator('[data-testid=online][data-online=true]').waitFor({ timeout: 10_000 });
  });
});
