// A counter joined to head office, put back from a backup copy of its database: head office refuses it, and Settings >
// Head office offers to bring it back in step, asks first, and says what it did; once head office takes the next push
// the offer is gone. While it runs, a second screen says so too; what it did is shown there when it ends, and on the
// first screen once its manager, locked out meanwhile, unlocks. Real Chromium against the browser host, our RM sandbox
// on loopback, a real hub on PostgreSQL (its line held by the test while the merge runs), in Bahasa Malaysia at
// 1024x768. Screenshots: test-output/screenshots/screens/settings-put-back-merge-*-ms-1024x768.png.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCredentials } from '../../app/core/credentials.ts';
import { databasePath } from '../../app/paths.ts';
import { generateKeyPair } from '../../app/rm/keys.ts';
import { startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import type { SecretStore } from '../../app/secrets.ts';
import { SettingsStore } from '../../app/settings.ts';
import { ShiftBook } from '../../app/shifts/shifts.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { linkToHub } from '../../app/store/hub-sync.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { linkOf } from '../../app/sync/outgoing.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { migrate } from '../../hub/db/migrate.ts';
import { openPool, type Pool } from '../../hub/db/pool.ts';
import { serveHub, type RunningHub } from '../../hub/server/server.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { award } from '../fixtures/counter-records.ts';
import { startHoldingHubProxy, type HoldingHubProxy } from '../fixtures/holding-hub-proxy.ts';
import { createTestDatabase, startEmbeddedPostgres, type TestPostgres } from '../fixtures/postgres.ts';
import { counterReady, unlockManager } from './counter-page.ts';
import { CASHIERS, startApp, type RunningApp } from './harness.ts';
import { checkScreen, shot } from './screen-checks.ts';

const APP = { clientId: 'kedai-aina-put-back', clientSecret: 'sandbox-secret-for-put-back' };
const AT = Date.UTC(2026, 10, 20, 3);
const CASHIER = CASHIERS[0] ?? 'Aina';

let rm: RunningSandbox;
let postgres: TestPostgres;
let pool: Pool;
let hub: RunningHub;
/** The shop's line to head office, as the counter reaches it. */
let line: HoldingHubProxy;
let app: RunningApp;

async function pushAll(db: Db, client: HubClient): Promise<void> {
  expect((await new HubPusher({ db, client }).pushPending()).status.kind).toBe('synced');
}

/**
 * The sandbox terminal joined to head office in the app (its credential in the keychain), with three sales at head
 * office; then put back from a copy taken after the first two, on which one more sale was made. Kaunter starts in
 * training (as the harness needs), and the manager switches to it.
 */
async function seedPutBackCounter(dataDir: string, keychain: SecretStore): Promise<void> {
  const settings = new SettingsStore(dataDir);
  const pair = await generateKeyPair();
  await saveCredentials('sandbox', { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: pair.privateKeyPem }, keychain, settings);
  rm.registerApp({ ...APP, publicKeyPem: pair.publicKeyPem });
  const terminalId = settings.value.terminalId;
  const enrolment = await enrolTerminal(pool, 'Bangsar', 'Till 3', 'test', ENROL_AS_NAMED);
  const joined = await new HubClient(hub.url, null).join(enrolment.code);
  if (joined.kind !== 'ok') throw new Error(joined.message);
  expect(await keychain.set('hubCredential', joined.value.credential)).toEqual({ ok: true });
  const client = new HubClient(hub.url, joined.value.credential);

  const dbPath = databasePath(dataDir, 'sandbox');
  const backup = join(dataDir, 'backup.db');
  const original = openDatabase(dbPath);
  linkToHub(original, linkOf(line.url, joined.value, 0));
  award(original, terminalId, 'AWARDED', AT, 1200, 0, CASHIER);
  award(original, terminalId, 'AWARDED', AT + 1_000, 1300, 0, CASHIER);
  await pushAll(original, client);
  original.exec(`VACUUM INTO '${backup}'`);
  award(original, terminalId, 'AWARDED', AT + 2_000, 1400, 0, CASHIER);
  await pushAll(original, client);
  original.close();

  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  copyFileSync(backup, dbPath);
  const putBack = openDatabase(dbPath);
  try {
    award(putBack, terminalId, 'AWARDED', AT + 60_000, 1500, 0, CASHIER);
    new ShiftBook({ db: putBack, terminalId, now: Date.now, onChange: () => undefined }).start(CASHIER);
  } finally {
    putBack.close();
  }
}

beforeAll(async () => {
  rm = await startSandbox({ apps: [] });
  postgres = await startEmbeddedPostgres();
  pool = openPool(await createTestDatabase(postgres.url, 'put_back_merge'), 2);
  await migrate(pool);
  hub = await serveHub({ pool, host: '127.0.0.1', port: 0, log: () => {} });
  line = await startHoldingHubProxy(hub.url);
  app = await startApp({ viewport: { width: 1024, height: 768 }, rmHosts: { sandbox: { apiUrl: rm.url, oauthUrl: rm.url } }, seed: seedPutBackCounter });
  await counterReady(app.page);
}, 120_000);

afterAll(async () => {
  await app?.close();
  line?.close();
  await hub?.close();
  await pool?.end();
  await postgres?.stop();
  await rm?.close();
});

describe('a counter put back from a backup copy, in Settings > Head office', () => {
  it('is offered the way back only while head office refuses it, asked to confirm, and told what was done', async () => {
    const { page } = app;
    await page.evaluate(() => window.kaunter.settings.setLanguage({ language: 'ms' }));
    await page.reload();
    await page.locator('[data-testid=language-ms][aria-pressed=true]').waitFor();
    await unlockManager(page);
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('environment-sandbox').check();
    await page.getByTestId('environment-save').click();
    await page.getByTestId('environment-confirm-yes').click();
    await page.locator('[data-testid=hub-status][data-state=refused]').waitFor({ timeout: 30_000 });

    const offer = page.getByTestId('put-back-merge');
    await offer.waitFor();
    expect(await offer.innerText()).toContain('PC ini nampaknya dipulihkan daripada salinan sandaran');
    // Asked first: the confirmation says the counter pauses and nothing changes if it does not finish.
    await page.getByTestId('put-back-merge-start').click();
    const confirm = page.getByTestId('put-back-merge-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('Jika ia tidak selesai, tiada apa-apa yang berubah.');
    await confirm.scrollIntoViewIfNeeded();
    await checkScreen(page, 'settings, put-back merge confirmation ms 1024x768');
    await shot(page, 'settings-put-back-merge-confirm', 'ms-1024x768');

    // A second screen, its manager unlocked on their own, has Settings open as well.
    const token = await page.evaluate(() => sessionStorage.getItem('kaunter.bridge-token'));
    const other = await app.context.newPage();
    await other.goto(`${app.host.origin}/#token=${token ?? ''}`);
    await counterReady(other);
    await unlockManager(other);
    await other.getByTestId('tab-settings').click();
    await other.getByTestId('put-back-merge-start').waitFor();

    // Head office's record comes down only when the test lets it: meanwhile the merge is under way, for certain.
    const download = line.hold('/api/terminal/v1/restore');
    await page.getByTestId('put-back-merge-yes').click();
    await download.reached;
    // Both screens say so, in Settings and on the status bar (not "not joined"), and neither offers a second one.
    for (const screen of [page, other]) {
      const state = screen.locator('[data-testid=head-office-state][data-state=merging]');
      await state.waitFor();
      expect(await state.innerText()).toBe('Sedang diselaraskan semula dengan rekod ibu pejabat (beberapa minit bagi terminal yang sibuk): jangan beri ganjaran sehingga selesai.');
      const pill = screen.locator('[data-testid=hub-status][data-state=merging]');
      await pill.waitFor();
      expect(await pill.getAttribute('aria-label')).toBe('Ibu pejabat: kaunter ini sedang diselaraskan semula dengan rekod ibu pejabat. Jangan beri ganjaran sehingga selesai.');
      await screen.getByTestId('put-back-merge-busy').waitFor();
      expect(await screen.getByTestId('put-back-merge-start').count()).toBe(0);
    }
    await other.getByTestId('head-office-state').scrollIntoViewIfNeeded();
    await checkScreen(other, 'settings, put-back merge under way on another screen ms 1024x768');
    await shot(other, 'settings-put-back-merge-elsewhere', 'ms-1024x768');

    // The manager who asked locks the screen (as it locks itself after five quiet minutes): the merge goes on.
    await page.getByTestId('manager-lock').click();
    await page.locator('#pin').waitFor();
    download.release();
    // The other screen shows what it did, and when, as soon as it ends.
    const seenElsewhere = other.getByTestId('put-back-merge-result');
    await seenElsewhere.waitFor({ timeout: 60_000 });
    expect(await seenElsewhere.getAttribute('data-kind')).toBe('merged');
    expect(await other.getByTestId('put-back-merge-last').innerText()).toMatch(/^Penyelarasan semula, kali terakhir dicuba \S.* \(ditunjukkan sehingga Kaunter dimulakan semula\):$/);
    await other.close();

    // Unlocked again, the first screen's Settings shows it too.
    await unlockManager(page);
    await page.getByTestId('tab-settings').click();
    const result = page.getByTestId('put-back-merge-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-kind')).toBe('merged');
    const said = await result.innerText();
    expect(said).toContain('Ganjaran yang dibawa balik dari ibu pejabat: 3');
    expect(said).toContain('Jualan di sini sejak salinan dipulihkan, disimpan: 1 (menunggu untuk dihantar: 0)');
    expect(await page.getByTestId('put-back-merge-kept').innerText()).toMatch(/^awards-sandbox\.db\.before-merge-\d{8}T\d{9}Z$/);

    // Head office takes the next push, with the sale made on the put-back PC: the offer is gone, what was done stays.
    await page.locator('[data-testid=hub-status][data-state=synced]').waitFor({ timeout: 30_000 });
    expect(await offer.count()).toBe(0);
    const atHub = await pool.query<{ amount_sen: string }>('SELECT amount_sen FROM awards ORDER BY created_at');
    expect(atHub.rows.map((row) => Number(row.amount_sen))).toEqual([1200, 1300, 1400, 1500]);
    await result.scrollIntoViewIfNeeded();
    await checkScreen(page, 'settings, put-back merge done ms 1024x768');
    await shot(page, 'settings-put-back-merge-done', 'ms-1024x768');
  }, 120_000);
});
