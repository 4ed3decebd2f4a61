// A counter joined to head office in the app (its credential in the keychain), put back from a backup copy of its
// database, which the hub then refuses: a manager brings it back in step from Settings (hub.merge), with no command line
// and no new code. Real SQLite files, our RM sandbox on loopback, a real hub on PostgreSQL.
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HubStatus } from '../../app/contract.ts';
import { RelayLock } from '../../app/awards/relay-lock.ts';
import { databasePath } from '../../app/paths.ts';
import { startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import type { Db } from '../../app/store/database.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { APP, BY_ID, KEYS } from '../fixtures/award-rig.ts';
import { makeCoreRig, MemorySecretStore, TEST_CALLER, type CoreRig } from '../fixtures/core-rig.ts';
import { joinedClient } from '../fixtures/hub-join.ts';
import { startHubProxy, type HubProxy } from '../fixtures/hub-proxy.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';
import { until } from '../fixtures/until.ts';

const PIN = '2468';
const SALES = {
  first: 'a1000000-5d2a-4c1e-9f7a-1a2b3c4d5e6f',
  second: 'a2000000-5d2a-4c1e-9f7a-1a2b3c4d5e6f',
  onlyOnReplacedPc: 'a3000000-5d2a-4c1e-9f7a-1a2b3c4d5e6f',
  onPutBackPc: 'a4000000-5d2a-4c1e-9f7a-1a2b3c4d5e6f',
  afterMerge: 'a5000000-5d2a-4c1e-9f7a-1a2b3c4d5e6f',
};
/** A second terminal's, for the test that closes Kaunter during a merge. */
const OTHER_SALES = {
  first: 'b1000000-5d2a-4c1e-9f7a-1a2b3c4d5e6f',
  second: 'b2000000-5d2a-4c1e-9f7a-1a2b3c4d5e6f',
  onlyOnReplacedPc: 'b3000000-5d2a-4c1e-9f7a-1a2b3c4d5e6f',
};

let hub: HubRig;
let rm: RunningSandbox;
let proxy: HubProxy;
let rig: CoreRig | undefined;
let dataDir: string | undefined;
/** The shop's line to head office drops every request for the terminal's history while this is set. */
let historyCut = false;

beforeAll(async () => {
  hub = await startHubRig();
  rm = await startSandbox({ apps: [APP] });
  proxy = await startHubProxy(hub.hub.url, (path) => historyCut && path.startsWith('/api/terminal/v1/restore'));
});
afterEach(async () => {
  await rig?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});
afterAll(async () => {
  proxy?.close();
  await rm?.close();
  await hub?.close();
});

const statuses = (r: CoreRig) => r.events.filter((e) => e.event === 'hub.status').map((e) => e.payload as HubStatus);
const lastStatus = (r: CoreRig) => statuses(r).at(-1);
const putBackRefusal = (status: HubStatus | undefined) => status?.kind === 'refused' && ['OUT_OF_STEP', 'CONFLICT'].includes(status.code);

/** The database as the screens see it: every award and its state, and how many events its trail holds. */
function contents(db: Db): { awards: unknown[]; events: number } {
  return {
    awards: db.prepare('SELECT id, state, amount_sen FROM awards ORDER BY id').all(),
    events: (db.prepare('SELECT COUNT(*) AS n FROM award_events').get() as { n: number }).n,
  };
}

const SECOND_WINDOW = { id: 'second-window', role: 'counter' } as const;

const mergeFiles = (folder: string) => readdirSync(folder).filter((name) => name.includes('.before-merge-') || name.includes('.merging'));

async function hubHas(...ids: string[]): Promise<boolean> {
  const rows = await hub.pool.query('SELECT 1 FROM awards WHERE id = ANY($1::uuid[])', [ids]);
  return rows.rowCount === ids.length;
}

async function pollUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  let held = false;
  const poll = async () => {
    held = await check();
  };
  await poll();
  const started = Date.now();
  while (!held) {
    if (Date.now() - started > 30_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await poll();
  }
}

/** Awarded at RM, and RM's figure for its points recorded (an event of its own, written just after the award's). */
async function sell(r: CoreRig, id: string, amountSen: number): Promise<void> {
  expect(await r.dispatch('award.submit', { id, amountSen, member: BY_ID })).toMatchObject({ ok: true, value: { award: { state: 'AWARDED' } } });
  const confirmed = r.core.env.db.prepare('SELECT points_confirmed AS confirmed FROM awards WHERE id = ?');
  await until(() => (confirmed.get(id) as { confirmed: number }).confirmed === 1, `RM's points for ${id}`);
}

/** The app's keychain (one store per environment), which outlives the app's restarts as the OS keychain does. */
function keychain(): (scope: string) => MemorySecretStore {
  const stores = new Map<string, MemorySecretStore>();
  return (scope) => stores.get(scope) ?? stores.set(scope, new MemorySecretStore()).get(scope)!;
}

interface PutBack {
  putBack: CoreRig;
  secrets: (scope: string) => MemorySecretStore;
  dataDir: string;
  dbPath: string;
}

/**
 * A terminal joined in the app sells, and head office has it all; a backup copy is taken; the PC sells once more, and head
 * office has that too. Then the PC is put back from the copy, and Kaunter started on it: head office refuses it, as
 * holding less of the terminal's record than it does.
 */
async function putBackCounter(terminal: string, sales: { first: string; second: string; onlyOnReplacedPc: string }, amountSen: number): Promise<PutBack> {
  const secrets = keychain();
  const ports = { secrets, rmHosts: () => ({ apiUrl: rm.url, oauthUrl: rm.url }) };
  const first = await makeCoreRig(ports);
  rig = first;
  const folder = first.dataDir;
  dataDir = folder;
  await first.dispatch('settings.update', { environment: 'sandbox' });
  expect(await first.dispatch('credentials.set', { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: KEYS.privateKeyPem })).toMatchObject({ ok: true });
  expect(await first.dispatch('manager.setPin', { pin: PIN, managerName: 'Siti' })).toMatchObject({ ok: true });
  const enrolment = await enrolTerminal(hub.pool, 'Ipoh', terminal, 'test', ENROL_AS_NAMED);
  expect(await first.dispatch('hub.join', { url: proxy.url, code: enrolment.code })).toMatchObject({ ok: true });

  await sell(first, sales.first, amountSen + 1);
  await sell(first, sales.second, amountSen + 2);
  await pollUntil(() => hubHas(sales.first, sales.second), 'the first sales at head office');
  const dbPath = databasePath(folder, 'sandbox');
  const backup = join(folder, 'backup.db');
  first.core.env.db.exec(`VACUUM INTO '${backup}'`);
  await sell(first, sales.onlyOnReplacedPc, amountSen + 3);
  await pollUntil(() => hubHas(sales.onlyOnReplacedPc), 'the last sale of the replaced PC at head office');
  await first.core.close();
  await first.training.close();

  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  copyFileSync(backup, dbPath);
  const putBack = await makeCoreRig(ports, folder);
  rig = putBack;
  await until(() => lastStatus(putBack)?.kind === 'refused', 'head office to refuse the put-back PC');
  return { putBack, secrets, dataDir: folder, dbPath };
}

/** What the core kept of the last merge, as a manager's screen reads it. */
async function lastMerge(r: CoreRig): Promise<unknown> {
  const answer = await r.dispatch('hub.lastMerge', {});
  if (!answer.ok) throw new Error(`hub.lastMerge answered ${answer.error.code}`);
  return answer.value;
}

describe('bringing a put-back counter back in step from Settings', () => {
  it("merges with head office's record using the keychain's credential, refuses anyone but the manager, and a failed merge changes nothing", async () => {
    const { putBack, secrets, dataDir: folder } = await putBackCounter('Till 1', SALES, 1100);
    // Its words name the way back in the app, beside the command line's.
    expect(lastStatus(putBack)).toMatchObject({ kind: 'refused', code: 'OUT_OF_STEP', message: expect.stringContaining("a manager brings it back in step in Kaunter's Settings > Head office") as unknown });

    // Only the manager: the counter locked, and another window while the manager is in on this one.
    expect(await putBack.dispatch('hub.merge', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await putBack.dispatch('manager.unlock', { pin: PIN })).toMatchObject({ ok: true, value: { unlocked: true } });
    expect(await putBack.dispatchAs(SECOND_WINDOW, 'hub.merge', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    // What the last merge did is the manager's too; since Kaunter started, there was none.
    expect(await putBack.dispatchAs(SECOND_WINDOW, 'hub.lastMerge', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await lastMerge(putBack)).toBeNull();

    // The shop sells on the put-back PC meanwhile (refused, the pusher waits a minute before it asks head office again).
    await sell(putBack, SALES.onPutBackPc, 1104);
    const asPutBack = contents(putBack.core.env.db);

    // The keychain holds another terminal's credential (another data folder on this PC joined since): refused, nothing closed.
    const store = secrets('sandbox');
    const own = await store.get('hubCredential');
    if (own.state !== 'found') throw new Error('the join left no credential in the keychain');
    const other = await joinedClient(hub, 'Ipoh', 'Till 9');
    await store.set('hubCredential', other.joined.credential);
    expect(await putBack.dispatch('hub.merge', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', key: 'hub.mergeOtherTerminal', params: { terminal: 'Till 1', outlet: 'Ipoh' }, message: expect.stringMatching(/is for another terminal/) as unknown },
    });
    // None at all: the manager is told what to ask for.
    await store.delete('hubCredential');
    expect(await putBack.dispatch('hub.merge', {})).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED', key: 'hub.mergeNoCredential' } });
    // Refused before the environment closed, and said at once: no merge ran, so none is kept.
    expect(await lastMerge(putBack)).toBeNull();
    // One head office no longer takes (this terminal's id, another token): head office says no, which checking the
    // connection would not change, and the manager is told so, with head office's own words.
    await store.set('hubCredential', `${own.value.split('.').slice(0, 2).join('.')}.${'x'.repeat(43)}`);
    const beforeRefused = statuses(putBack).length;
    const refused = await putBack.dispatch('hub.merge', {});
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'HUB', key: 'hub.mergeRefused', message: expect.stringMatching(/^Head office refused to give this terminal's record.*: \S/) as unknown },
    });
    expect(contents(putBack.core.env.db)).toEqual(asPutBack);
    // Kept in the words the manager was given, for a screen that was not there when it ended; and in the log.
    if (refused.ok) throw new Error('head office took a credential it should refuse');
    const { code, message, key, params } = refused.error;
    expect(await lastMerge(putBack)).toEqual({ kind: 'failed', at: expect.any(Number) as unknown, problem: { code, message, key, params } });
    expect(putBack.logLines.filter((line) => line.includes('hub.merge: refused (HUB)'))).toHaveLength(1);
    // The environment reopened with the credential head office refused; with its own back, it is refused as put back.
    await store.set('hubCredential', own.value);
    await putBack.core.reconnect();
    await until(() => statuses(putBack).slice(beforeRefused).some(putBackRefusal), 'the reopened counter to be refused again');

    // The line to head office drops while the history comes down: the database is as it was, and open again.
    const statusesBefore = statuses(putBack).length;
    historyCut = true;
    const cut = await putBack.dispatch('hub.merge', {});
    historyCut = false;
    expect(cut).toMatchObject({
      ok: false,
      error: { code: 'HUB', key: 'hub.mergeFailed', params: { detail: expect.any(String) as unknown }, message: expect.stringMatching(/^Head office's record of this terminal could not be brought back, so nothing was changed/) as unknown },
    });
    expect(contents(putBack.core.env.db)).toEqual(asPutBack);
    expect(mergeFiles(folder)).toEqual([]);
    expect(await lastMerge(putBack)).toMatchObject({ kind: 'failed', problem: { code: 'HUB', key: 'hub.mergeFailed' } });
    expect(await putBack.dispatch('queue.status', {})).toMatchObject({ ok: true, value: { sendingEnabled: true } });
    await until(() => statuses(putBack).slice(statusesBefore).some(putBackRefusal), 'the reopened counter to be refused again');
    // Its sale took numbers head office holds for the replaced PC's: the hub's words name the app's way back.
    expect(statuses(putBack).slice(statusesBefore).find(putBackRefusal)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/put back from a backup copy.*a manager brings it back in step in Kaunter's Settings > Head office/) as unknown,
    });

    // The manager brings it back in step. Meanwhile the environment is closed: what needs it is refused in words a
    // screen can say (not an internal error sending the cashier to restart Kaunter), and so is a second merge, which
    // must not reopen the environment under the first. Every screen asking hears a merge is under way (not "not
    // joined"), and the manager's session is not kept open by it: it locks after five quiet minutes, as ever.
    let duringMerge: unknown = null;
    const asked: { status: Promise<unknown> | null; join: Promise<unknown> | null } = { status: null, join: null };
    const touched: string[] = [];
    const touch = putBack.core.manager.touch.bind(putBack.core.manager);
    putBack.core.manager.touch = (callerId) => {
      touched.push(callerId);
      touch(callerId);
    };
    let touchedBeforeProgress = -1;
    const record = putBack.events.push.bind(putBack.events);
    putBack.events.push = (...items) => {
      if (duringMerge === null && items.some((item) => item.event === 'hub.mergeProgress')) {
        asked.status = putBack.dispatchAs(SECOND_WINDOW, 'hub.status', {});
        asked.join = putBack.dispatch('hub.join', { url: proxy.url, code: 'ABCD-1234' });
        touchedBeforeProgress = touched.length;
        try {
          duringMerge = putBack.core.env.environment;
        } catch (error) {
          duringMerge = error;
        }
      }
      return record(...items);
    };
    const beforeMerge = statuses(putBack).length;
    const [merged, second] = await Promise.all([putBack.dispatch('hub.merge', {}), putBack.dispatch('hub.merge', {})]);
    expect(second).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', key: 'hub.merging' } });
    expect(duringMerge).toMatchObject({ code: 'NOT_ALLOWED', extra: { key: 'hub.merging' } });
    expect(await asked.status).toEqual({ ok: true, value: { kind: 'merging' } });
    expect(await asked.join).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', key: 'hub.merging' } });
    const heardDuringMerge = statuses(putBack).slice(beforeMerge);
    expect(heardDuringMerge[0]).toEqual({ kind: 'merging' });
    expect(heardDuringMerge.at(-1)?.kind).not.toBe('merging');
    expect(heardDuringMerge.filter((status) => status.kind === 'not-joined')).toEqual([]);
    expect(touchedBeforeProgress).toBeGreaterThan(0);
    expect(touched).toHaveLength(touchedBeforeProgress);
    expect(merged).toEqual({
      ok: true,
      value: {
        kind: 'merged',
        restored: 3,
        carriedOver: 1,
        queued: 0,
        unknown: 0,
        settledAtHeadOffice: 0,
        changedHere: 0,
        keptAs: expect.stringMatching(/^awards-sandbox\.db\.before-merge-\d{8}T\d{9}Z$/) as unknown,
      },
    });
    const keptAs = merged.ok ? (merged.value as { keptAs: string }).keptAs : '';
    expect(mergeFiles(folder)).toEqual([keptAs]);
    // Kept for any manager's screen (the kept file by name, never a path), and in the log as the manager's act.
    expect(putBack.logLines.filter((line) => line.includes('hub.merge: done'))).toHaveLength(1);
    const kept = { kind: 'done', at: expect.any(Number) as unknown, merged: merged.ok ? merged.value : null };
    expect(await lastMerge(putBack)).toEqual(kept);
    expect(await putBack.dispatchAs(SECOND_WINDOW, 'manager.unlock', { pin: PIN })).toMatchObject({ ok: true, value: { unlocked: true } });
    const readElsewhere = await putBack.dispatchAs(SECOND_WINDOW, 'hub.lastMerge', {});
    expect(readElsewhere).toEqual({ ok: true, value: kept });
    expect(JSON.stringify(readElsewhere)).not.toContain(folder);
    // How far it had come went to the manager who asked, and to nobody else.
    const progress = putBack.events.filter((e) => e.event === 'hub.mergeProgress');
    expect(progress.map((e) => e.payload)).toEqual(expect.arrayContaining([{ awards: 3, phase: 'downloaded' }, { awards: 3, phase: 'written' }]));
    expect(progress.every((e) => e.to === TEST_CALLER.id)).toBe(true);

    // Head office's awards and the sale made on the put-back PC, in the database now in use.
    const db = putBack.core.env.db;
    const states = db.prepare('SELECT id, state FROM awards ORDER BY id').all();
    expect(states).toEqual([SALES.first, SALES.second, SALES.onlyOnReplacedPc, SALES.onPutBackPc].map((id) => ({ id, state: 'AWARDED' })));

    // Open again: an award goes to RM once, and head office takes the next push, with the put-back PC's sale.
    await sell(putBack, SALES.afterMerge, 1105);
    expect(rm.ledger().filter((entry) => entry.amount === 1105)).toHaveLength(1);
    const afterMerge = statuses(putBack).length;
    putBack.core.headOffice?.wake();
    await pollUntil(() => hubHas(SALES.onPutBackPc, SALES.afterMerge), "the put-back PC's sales at head office");
    await until(() => lastStatus(putBack)?.kind === 'synced', 'head office to take the pushes');
    expect(statuses(putBack).slice(afterMerge).some((status) => status.kind === 'refused')).toBe(false);
    // In step now: nothing more to bring back.
    expect(await putBack.dispatch('hub.merge', {})).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', key: 'hub.mergeNotNeeded' } });
  }, 120_000);

  it('Kaunter closing while the merge opens the environment again leaves it closed', async () => {
    const { putBack, secrets, dbPath } = await putBackCounter('Till 2', OTHER_SALES, 2100);
    expect(await putBack.dispatch('manager.unlock', { pin: PIN })).toMatchObject({ ok: true });
    // Once the merge has begun, the environment's next read of its RM key (opening again) waits for the test: Kaunter
    // is told to close just then, for certain.
    const store = secrets('sandbox');
    const read = store.get.bind(store);
    let reopening = (): void => undefined;
    const reopeningNow = new Promise<void>((resolve) => (reopening = resolve));
    let reopen = (): void => undefined;
    const reopenGoesOn = new Promise<void>((resolve) => (reopen = resolve));
    let holdNextKeyRead = false;
    store.get = async (name) => {
      if (holdNextKeyRead && name === 'privateKey') {
        holdNextKeyRead = false;
        reopening();
        await reopenGoesOn;
      }
      return read(name);
    };
    const record = putBack.events.push.bind(putBack.events);
    putBack.events.push = (...items) => {
      if (items.some((item) => item.event === 'hub.mergeProgress')) holdNextKeyRead = true;
      return record(...items);
    };

    const merged = putBack.dispatch('hub.merge', {});
    await reopeningNow;
    const closed = putBack.core.close();
    reopen();
    await closed;
    expect(await merged).toMatchObject({ ok: true, value: { kind: 'merged', restored: 3 } });
    // Nothing of the environment is left open: no database (its relay lock is free), no pusher, nothing to call.
    expect(putBack.core.headOffice).toBeNull();
    expect(() => putBack.core.env).toThrow();
    const lock = RelayLock.tryAcquire(dbPath);
    expect(lock).not.toBeNull();
    lock?.release();
  }, 120_000);
});
