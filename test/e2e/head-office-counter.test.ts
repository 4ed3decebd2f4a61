// A counter joined to head office the way a manager joins it (Settings > Head office, with the code head office gave),
// in real Chromium against the browser host, our RM sandbox on loopback, and a real hub on a real PostgreSQL. Its awards
// reach head office; while the hub takes requests and never answers, the counter awards as before; with the hub gone the
// status bar says so, in every language at 1366x768 and 1024x768; when the hub is back what waited is sent; and a
// receipt already awarded at the outlet's other counter is said as soon as it is typed.
// Screenshots go to test-output/screenshots/screens/status-bar-head-office-*.png.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCredentials } from '../../app/core/credentials.ts';
import { databasePath } from '../../app/paths.ts';
import { generateKeyPair } from '../../app/rm/keys.ts';
import { startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import { SettingsStore } from '../../app/settings.ts';
import { ShiftBook } from '../../app/shifts/shifts.ts';
import { openDatabase } from '../../app/store/database.ts';
import { migrate } from '../../hub/db/migrate.ts';
import { openPool, type Pool } from '../../hub/db/pool.ts';
import { serveHub, type RunningHub } from '../../hub/server/server.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { makeCoreRig } from '../fixtures/core-rig.ts';
import { createTestDatabase, startEmbeddedPostgres, type TestPostgres } from '../fixtures/postgres.ts';
import { backToCounter, counterReady, MEMBERS, outcome, previewShows, typeAmount, typePhone, unlockManager } from './counter-page.ts';
import { CASHIERS, startApp, type RunningApp } from './harness.ts';
import { checkScreen, EVERY_SCREEN, shot } from './screen-checks.ts';

const APP = { clientId: 'kedai-aina-hq', clientSecret: 'sandbox-secret-for-head-office' };

let rm: RunningSandbox;
let postgres: TestPostgres;
let pool: Pool;
let hub: RunningHub;
let hubPort: number;
/** The terminal requests the hub has answered, in order (their paths). */
const answered: string[] = [];
let app: RunningApp;

/**
 * RM's sandbox (our loopback one) made ready beside training: its credentials in the keychain, the first cashier's
 * shift open in its database. The manager switches to it in Settings.
 */
async function seedSandboxTerminal(dataDir: string, keychain: Parameters<typeof saveCredentials>[2]): Promise<void> {
  const settings = new SettingsStore(dataDir);
  const pair = await generateKeyPair();
  await saveCredentials('sandbox', { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: pair.privateKeyPem }, keychain, settings);
  rm.registerApp({ ...APP, publicKeyPem: pair.publicKeyPem });
  const db = openDatabase(databasePath(dataDir, 'sandbox'));
  try {
    new ShiftBook({ db, terminalId: settings.value.terminalId, now: Date.now, onChange: () => undefined }).start(CASHIERS[0] ?? 'Aina');
  } finally {
    db.close();
  }
}

/** The awards head office holds, oldest first, with the outlet and terminal they came from. */
async function hubAwards(): Promise<Array<{ amount: number; state: string; from: string }>> {
  const rows = await pool.query<{ amount_sen: string; state: string; outlet: string; terminal: string }>(
    `SELECT a.amount_sen, a.state, o.name AS outlet, t.name AS terminal
       FROM awards a JOIN terminals t ON t.id = a.terminal_id JOIN outlets o ON o.id = a.outlet_id
      ORDER BY a.created_at`,
  );
  return rows.rows.map((row) => ({ amount: Number(row.amount_sen), state: row.state, from: `${row.outlet} / ${row.terminal}` }));
}

/**
 * Confirmed once RM's points are on screen, as a cashier reads them out: confirmed sooner, the award carries Kaunter's
 * estimate (RM 20.00 made "+19 est." under CI's load), which says nothing of head office.
 */
async function award(page: Page, amount: string, points: number): Promise<string> {
  await typeAmount(page, amount);
  await typePhone(page, MEMBERS.nurul.phone);
  await previewShows(page, points);
  await page.getByTestId('confirm').click();
  return outcome(page, 'awarded');
}

const PUSH = '/api/terminal/v1/push';
const CHECK_IN = '/api/terminal/v1/check-in';

async function pill(page: Page, state: string, timeout = 20_000): Promise<void> {
  await page.locator(`[data-testid=hub-status][data-state=${state}]`).waitFor({ timeout });
}

beforeAll(async () => {
  rm = await startSandbox({ apps: [] });
  postgres = await startEmbeddedPostgres();
  pool = openPool(await createTestDatabase(postgres.url, 'head_office_counter'), 2);
  await migrate(pool);
  hub = await serveHub({ pool, host: '127.0.0.1', port: 0, log: () => {} });
  hub.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    response.once('finish', () => answered.push(request.url ?? ''));
  });
  hubPort = Number(new URL(hub.url).port);
  app = await startApp({ rmHosts: { sandbox: { apiUrl: rm.url, oauthUrl: rm.url } }, seed: seedSandboxTerminal });
  await counterReady(app.page);
});

afterAll(async () => {
  await app?.close();
  await hub?.close();
  await pool?.end();
  await postgres?.stop();
  await rm?.close();
});

describe('a counter joined to head office', () => {
  it('joins in Settings with the code head office gave, and the status bar says synced', async () => {
    const { page } = app;
    expect(await page.getByTestId('hub-status').count()).toBe(0);
    await unlockManager(page);
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('environment-sandbox').check();
    await page.getByTestId('environment-save').click();
    await page.getByTestId('environment-confirm-yes').click();
    await page.getByTestId('hub-url').waitFor();
    const enrolment = await enrolTerminal(pool, 'Bangsar', 'Till 2', 'test', ENROL_AS_NAMED);
    await page.getByTestId('hub-url').fill(hub.url);
    await page.getByTestId('hub-code').fill(enrolment.code);
    await page.getByTestId('hub-join').click();
    await page.getByTestId('head-office-state').getByText('Joined to head office.').waitFor();
    // The code is used up; the field is empty again.
    expect(await page.getByTestId('hub-code').inputValue()).toBe('');
    await pill(page, 'synced');
    await backToCounter(page);
  });

  it("sends the counter's awards to head office", async () => {
    const pushes = answered.filter((path) => path === PUSH).length;
    expect(await award(app.page, '12.34', 12)).toContain('Points given +12');
    // The pusher gathers a sale's records for a few seconds before it sends them (app/sync/pusher.ts).
    await expect.poll(hubAwards, { timeout: 20_000 }).toEqual([{ amount: 1234, state: 'AWARDED', from: 'Bangsar / Till 2' }]);
    // The pass ends with a check-in once the hub has everything: answered, so the next test's closing of the hub is not
    // under it (the pill said synced before that pass as after it, so the pill alone cannot say the pass is over).
    await expect.poll(() => answered.filter((path) => path === PUSH).length > pushes && answered.at(-1) === CHECK_IN, { timeout: 20_000 }).toBe(true);
    await pill(app.page, 'synced');
  });

  it('awards as before while the hub takes requests and never answers, then says it is unreachable', async () => {
    const { page } = app;
    // Stopped as `kaunter hub serve` stops: anything under way is answered first.
    await hub.close(5_000);
    // Where the hub was, a server that holds every request: the worst a hung hub or a half-dead line can do.
    const held: Array<() => void> = [];
    const silent: Server = createServer((request) => void held.push(() => request.socket.destroy()));
    await new Promise<void>((resolve) => silent.listen(hubPort, '127.0.0.1', resolve));
    try {
      expect(await award(page, '20.00', 20)).toContain('Points given +20');
      await expect.poll(() => held.length, { timeout: 20_000, message: "the counter's push reached the silent hub" }).toBeGreaterThan(0);
      // A push is hanging now; the cashier's next award does not wait for it.
      expect(await award(page, '7.50', 7)).toContain('Points given +7');
      expect(await page.getByTestId('hub-status').getAttribute('data-state')).toBe('synced');
      // The line drops: the push fails, and the status bar says head office is out of reach.
      for (const drop of held) drop();
      await pill(page, 'unreachable');
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
    expect((await hubAwards()).map((row) => row.amount)).toEqual([1234]);
  });

  it.each(EVERY_SCREEN)('says head office is unreachable in $language at $width x $height', async ({ language, width, height }) => {
    const { page } = app;
    const where = `${language}-${width}x${height}`;
    await page.setViewportSize({ width, height });
    await page.getByTestId(`language-${language}`).click();
    await page.locator(`[data-testid=language-${language}][aria-pressed=true]`).waitFor();
    await pill(page, 'unreachable');
    const named = (await page.getByTestId('hub-status').getAttribute('aria-label')) ?? '';
    // The sentence gives the time it was last reached, in the terminal's language.
    expect(named).toMatch(/\d{1,2}[:.]\d{2}/);
    if (language === 'en') expect(named).toContain('unreachable');
    else expect(named).not.toContain('unreachable');
    await checkScreen(page, `counter with head office unreachable ${where}`);
    await shot(page, 'status-bar-head-office-unreachable', where);
  });

  it('sends what waited when the hub is back, without the cashier doing anything', async () => {
    const { page } = app;
    hub = await serveHub({ pool, host: '127.0.0.1', port: hubPort, log: () => {} });
    // The pusher tries again on its own, backing off (1 s doubling, up to a minute) while the hub was away.
    await pill(page, 'synced', 90_000);
    expect(await hubAwards()).toEqual([
      { amount: 1234, state: 'AWARDED', from: 'Bangsar / Till 2' },
      { amount: 2000, state: 'AWARDED', from: 'Bangsar / Till 2' },
      { amount: 750, state: 'AWARDED', from: 'Bangsar / Till 2' },
    ]);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('language-en').click();
    await shot(page, 'status-bar-head-office-synced', 'en-1024x768');
  });

  it("says at once that a receipt already earned points at the outlet's other counter, and awards it again only on purpose", async () => {
    const { page } = app;
    // Till 1 at the same outlet: a second Kaunter core on its own database, joined as a manager would join it.
    const till1 = await makeCoreRig();
    try {
      await till1.dispatch('settings.update', { environment: 'sandbox' });
      const enrolment = await enrolTerminal(pool, 'Bangsar', 'Till 1', 'test', ENROL_AS_NAMED);
      expect(await till1.dispatch('hub.join', { url: hub.url, code: enrolment.code })).toMatchObject({ ok: true });
      expect(await till1.dispatch('award.submit', { id: crypto.randomUUID(), amountSen: 4250, member: { type: 'ID', memberId: MEMBERS.nurul.memberId }, receiptRef: 'INV-3001' })).toMatchObject({ ok: true });
      await expect.poll(async () => (await hubAwards()).filter((row) => row.from === 'Bangsar / Till 1').length, { timeout: 20_000 }).toBe(1);
    } finally {
      await till1.close();
    }

    await typeAmount(page, '16.00');
    await typePhone(page, MEMBERS.nurul.phone);
    await previewShows(page, 16);
    await page.locator('#receipt').fill('inv-3001');
    const told = page.getByTestId('receipt-used');
    await told.waitFor();
    expect(await told.innerText()).toMatch(/^Receipt inv-3001 already earned points at Till 1 today at \d{2}:\d{2} \(RM 42\.50\)/);
    await shot(page, 'counter-receipt-told-at-once', 'en-1024x768');
    // Award again is offered with the warning, and Confirm is held: pressed without reading, it sends nothing.
    await page.getByTestId('confirm-repeat-receipt').waitFor();
    expect(await page.getByTestId('confirm').getAttribute('aria-disabled')).toBe('true');
    // Playwright too counts the held button as not enabled: pressed anyway, as a hurried cashier would.
    await page.getByTestId('confirm').click({ force: true });
    await page.waitForTimeout(300);
    expect(await page.getByTestId('outcome').count()).toBe(0);
    expect(await page.locator('.confirm .problem').count()).toBe(0);
    await page.getByTestId('confirm-repeat-receipt').click();
    expect(await outcome(page, 'awarded')).toContain('Sale RM 16.00');
    await expect.poll(async () => (await hubAwards()).filter((row) => row.amount === 1600), { timeout: 20_000 }).toEqual([{ amount: 1600, state: 'AWARDED', from: 'Bangsar / Till 2' }]);
  });
});
