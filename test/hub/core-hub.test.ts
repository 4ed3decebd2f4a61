// Head office inside a running Kaunter: joining from the app (credential into the keychain port, never out of the
// core), awards pushed by themselves beside the relay, the status the status bar shows, revocation, a replacement PC's
// history (and a restore of it cut short), and training kept out.
import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HubStatus } from '../../app/contract.ts';
import { databasePath } from '../../app/paths.ts';
import { openDatabase } from '../../app/store/database.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { linkToHub } from '../../app/store/hub-sync.ts';
import { linkOf } from '../../app/sync/outgoing.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { createAward } from '../../app/awards/transitions.ts';
import { enrolTerminal, revokeTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { decide } from '../../hub/decisions.ts';
import { ALL_OUTLETS } from '../../hub/history.ts';
import { makeCoreRig, MemorySecretStore, type CoreRig } from '../fixtures/core-rig.ts';
import { joinedPusher } from '../fixtures/hub-join.ts';
import { startHubProxy } from '../fixtures/hub-proxy.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';
import { APP, BY_ID, KEYS, makeRig, sale, type Rig } from '../fixtures/award-rig.ts';

let hub: HubRig;
let rig: CoreRig;
beforeAll(async () => {
  hub = await startHubRig();
});
afterAll(async () => hub?.close());
afterEach(async () => rig?.close());

const statuses = (r: CoreRig) => r.events.filter((e) => e.event === 'hub.status').map((e) => e.payload as HubStatus);

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('head office in the app', () => {
  it('joins with a code, keeps the credential in the keychain, and pushes awards by itself', async () => {
    rig = await makeCoreRig();
    expect(await rig.dispatch('settings.update', { environment: 'sandbox' })).toMatchObject({ ok: true });
    expect(await rig.dispatch('hub.status', {})).toEqual({ ok: true, value: { kind: 'not-joined' } });
    const enrolment = await enrolTerminal(hub.pool, 'Seremban', 'Till 1', 'test', ENROL_AS_NAMED);
    const bad = await rig.dispatch('hub.join', { url: hub.hub.url, code: 'AAAA-BBBB-CCCC-DDDD' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not valid/) as unknown } });
    const joined = await rig.dispatch('hub.join', { url: hub.hub.url, code: enrolment.code });
    expect(joined.ok).toBe(true);
    // The answer carries the status only: the credential never leaves the core.
    expect(JSON.stringify(joined)).not.toContain('kht1.');
    const stored = await rig.core.ports.secrets('sandbox').get('hubCredential');
    expect(stored).toMatchObject({ state: 'found', value: expect.stringMatching(/^kht1\./) as unknown });

    // No RM credentials in this rig: the award stays queued, and its record still goes to head office.
    const submitted = await rig.dispatch('award.submit', { id: '0b3f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f', amountSen: 1500, member: BY_ID });
    expect(submitted).toMatchObject({ ok: true });
    const atHub = async (id: string) => (await hub.pool.query<{ state: string }>('SELECT state FROM awards WHERE id = $1', [id])).rows;
    await until(async () => (await atHub('0b3f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f')).length === 1);
    expect(await atHub('0b3f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f')).toEqual([{ state: 'QUEUED' }]);
    expect(await rig.dispatch('hub.status', {})).toMatchObject({ ok: true, value: { kind: 'synced' } });

    await revokeTerminal(hub.pool, 'Seremban', 'Till 1', 'test');
    await rig.dispatch('award.submit', { id: '1c4f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f', amountSen: 900, member: BY_ID });
    await until(() => statuses(rig).some((s) => s.kind === 'refused' && s.code === 'REVOKED'));
  });

  it('starts pushing again after a restart, with the credential from the keychain', async () => {
    rig = await makeCoreRig();
    await rig.dispatch('settings.update', { environment: 'sandbox' });
    const enrolment = await enrolTerminal(hub.pool, 'Seremban', 'Till 2', 'test', ENROL_AS_NAMED);
    expect((await rig.dispatch('hub.join', { url: hub.hub.url, code: enrolment.code })).ok).toBe(true);
    const secrets = rig.core.ports.secrets;
    const dataDir = rig.dataDir;
    await rig.core.close();
    rig = await makeCoreRig({ secrets }, dataDir);
    await rig.dispatch('award.submit', { id: '2d5f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f', amountSen: 700, member: BY_ID });
    await until(async () => (await hub.pool.query("SELECT 1 FROM awards WHERE id = '2d5f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f'")).rowCount === 1);
  });

  it('a switch of environment shows the new one\'s head office on the status bar at once', async () => {
    rig = await makeCoreRig();
    await rig.dispatch('settings.update', { environment: 'sandbox' });
    const enrolment = await enrolTerminal(hub.pool, 'Seremban', 'Till 6', 'test', ENROL_AS_NAMED);
    expect((await rig.dispatch('hub.join', { url: hub.hub.url, code: enrolment.code })).ok).toBe(true);
    await until(() => statuses(rig).at(-1)?.kind === 'synced');
    // Training never joins: the status bar's "synced" would be the sandbox's.
    await rig.dispatch('settings.update', { environment: 'training' });
    expect(statuses(rig).at(-1)).toEqual({ kind: 'not-joined' });
    await rig.dispatch('settings.update', { environment: 'sandbox' });
    expect(statuses(rig).at(-1)).toMatchObject({ kind: 'waiting' });
    await until(() => statuses(rig).at(-1)?.kind === 'synced');
  });

  it('a replacement PC joining as the same terminal gets its history back, holds what waited to be sent, then carries on', async () => {
    rig = await makeCoreRig();
    await rig.dispatch('settings.update', { environment: 'sandbox' });
    expect(await rig.dispatch('manager.setPin', { pin: '2468', managerName: 'Siti' })).toMatchObject({ ok: true });
    const first = await enrolTerminal(hub.pool, 'Seremban', 'Till 4', 'test', ENROL_AS_NAMED);
    expect((await rig.dispatch('hub.join', { url: hub.hub.url, code: first.code })).ok).toBe(true);
    await rig.dispatch('award.submit', { id: '3e6f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f', amountSen: 1100, member: BY_ID });
    await until(async () => (await hub.pool.query("SELECT 1 FROM awards WHERE id = '3e6f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f'")).rowCount === 1);
    const before = await rig.dispatch('history.page', { filter: {}, cursor: null, limit: 50 });
    await rig.close();

    rig = await makeCoreRig();
    await rig.dispatch('settings.update', { environment: 'sandbox' });
    expect(await rig.dispatch('manager.setPin', { pin: '2468', managerName: 'Siti' })).toMatchObject({ ok: true });
    // The line drops while the history comes down: this PC is left as it was, not joined, and says what to do.
    const proxy = await startHubProxy(hub.hub.url, (path) => path.startsWith('/api/terminal/v1/restore'));
    try {
      const dropped = await enrolTerminal(hub.pool, 'Seremban', 'Till 4', 'test', ENROL_AS_NAMED);
      expect(await rig.dispatch('hub.join', { url: proxy.url, code: dropped.code })).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/could not be brought back from head office, so this PC has not joined/) as unknown },
      });
    } finally {
      proxy.close();
    }
    expect(await rig.dispatch('hub.status', {})).toEqual({ ok: true, value: { kind: 'not-joined' } });
    expect(await rig.core.ports.secrets('sandbox').get('hubCredential')).not.toMatchObject({ state: 'found' });
    expect(await rig.dispatch('history.page', { filter: {}, cursor: null, limit: 50 })).toEqual({ ok: true, value: { items: [], nextCursor: null } });
    const second = await enrolTerminal(hub.pool, 'Seremban', 'Till 4', 'test', ENROL_AS_NAMED);
    expect((await rig.dispatch('hub.join', { url: hub.hub.url, code: second.code })).ok).toBe(true);
    // The award comes back held for a manager: the old PC may have sent it after its last push.
    if (!before.ok) throw new Error('the first PC could not show its history');
    const page = before.value as { items: Array<Record<string, unknown>>; nextCursor: string | null };
    const held = { state: 'UNKNOWN', lastError: { code: 'RESTORED', message: expect.stringMatching(/old PC may have sent it/) as unknown }, updatedAt: expect.any(Number) as unknown };
    expect(page.items).toMatchObject([{ id: '3e6f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f', state: 'QUEUED' }]);
    expect(await rig.dispatch('history.page', { filter: {}, cursor: null, limit: 50 })).toEqual({
      ok: true,
      value: { ...page, items: page.items.map((award) => ({ ...award, ...held })) },
    });
    await rig.dispatch('award.submit', { id: '4f7f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f', amountSen: 1200, member: BY_ID });
    await until(async () => (await hub.pool.query("SELECT 1 FROM awards WHERE id = '4f7f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f'")).rowCount === 1);
    expect(statuses(rig).some((s) => s.kind === 'refused')).toBe(false);
    expect((await hub.pool.query("SELECT state FROM awards WHERE id = '3e6f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f'")).rows).toEqual([{ state: 'UNKNOWN' }]);
  });

  it('a join cut short while the history was written says so, and joining again finishes it: nothing held twice', async () => {
    const old = await makeRig();
    let ids: string[];
    try {
      const pusher = await joinedPusher(hub, old.db, 'Seremban', 'Till 5');
      ids = Array.from({ length: 510 }, (_, i) => createAward(old.db, { id: randomUUID(), terminalId: 'T1', amountSen: 600 + i, member: BY_ID, cashier: 'Aina' }, 'cashier:Aina', Date.UTC(2026, 10, 9) + i).award.id);
      expect((await pusher.pushPending()).status.kind).toBe('synced');
    } finally {
      await old.close();
    }

    rig = await makeCoreRig();
    await rig.dispatch('settings.update', { environment: 'sandbox' });
    // The power goes while the second page is written: a page is one transaction, so the kill leaves what this trigger
    // leaves, the first page (the newest ten sales) and nothing of the second.
    const file = databasePath(rig.dataDir, 'sandbox');
    const onDisk = (sql: string) => {
      const db = openDatabase(file);
      try {
        return sql.startsWith('SELECT') ? db.prepare(sql).get() : db.exec(sql);
      } finally {
        db.close();
      }
    };
    onDisk(`CREATE TRIGGER power_cut BEFORE INSERT ON awards WHEN NEW.id = '${ids[0]}' BEGIN SELECT RAISE(ABORT, 'power cut'); END`);
    const cut = await enrolTerminal(hub.pool, 'Seremban', 'Till 5', 'test', ENROL_AS_NAMED);
    expect(await rig.dispatch('hub.join', { url: hub.hub.url, code: cut.code })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Only part of this terminal's history came back .*sales made meanwhile are kept\. \(.*power cut/) as unknown },
    });
    onDisk('DROP TRIGGER power_cut');
    const counts = "SELECT COUNT(*) AS awards, (SELECT COUNT(DISTINCT award_id) FROM award_events WHERE error_code = 'RESTORED') AS held FROM awards";
    expect(onDisk(counts)).toEqual({ awards: 10, held: 10 });
    // Not joined, and the status bar and Settings say the history is only partly here.
    expect(await rig.dispatch('hub.status', {})).toEqual({ ok: true, value: { kind: 'restore-unfinished' } });
    expect(statuses(rig).at(-1)).toEqual({ kind: 'restore-unfinished' });
    expect(await rig.core.ports.secrets('sandbox').get('hubCredential')).not.toMatchObject({ state: 'found' });
    // The shop sells meanwhile.
    const sold = '7a8f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f';
    expect(await rig.dispatch('award.submit', { id: sold, amountSen: 1300, member: BY_ID })).toMatchObject({ ok: true });

    // Joining again with a new code brings back the rest, and holds each award once; the sale reaches head office too.
    const again = await enrolTerminal(hub.pool, 'Seremban', 'Till 5', 'test', ENROL_AS_NAMED);
    expect(await rig.dispatch('hub.join', { url: hub.hub.url, code: again.code })).toMatchObject({ ok: true });
    expect(onDisk(counts)).toEqual({ awards: 511, held: 510 });
    expect(onDisk("SELECT COUNT(*) AS n FROM award_events WHERE error_code = 'RESTORED'")).toEqual({ n: 510 });
    await until(() => statuses(rig).at(-1)?.kind === 'synced');
    const atHub = await hub.pool.query<{ state: string; n: number }>(
      "SELECT a.state, COUNT(*)::int AS n FROM awards a JOIN terminals t ON t.id = a.terminal_id WHERE t.name = 'Till 5' GROUP BY a.state ORDER BY a.state",
    );
    expect(atHub.rows).toEqual([{ state: 'QUEUED', n: 1 }, { state: 'UNKNOWN', n: 510 }]);
  });

  it('training never joins head office', async () => {
    rig = await makeCoreRig();
    const enrolment = await enrolTerminal(hub.pool, 'Seremban', 'Till 3', 'test', ENROL_AS_NAMED);
    const answer = await rig.dispatch('hub.join', { url: hub.hub.url, code: enrolment.code });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Training awards are practice/) as unknown } });
  });
});

describe('the counter\'s own reconciliation at a hub', () => {
  let other: Rig | undefined;
  const sockets = new Set<Socket>();
  // A hub that takes the connection and never answers: the Review tab must not wait on it for long.
  const silent = createServer((socket) => void sockets.add(socket));
  afterAll(async () => {
    await other?.close();
    for (const socket of sockets) socket.destroy();
    silent.close();
  });

  it('weighs the other counters\' awards to the member, and stands on its own evidence when the hub does not answer', async () => {
    // Counter B, another outlet, credits the member 12 points through RM (the sandbox) and pushes it to the hub.
    other = await makeRig();
    other.desk.startRelay();
    const enrolled = await enrolTerminal(hub.pool, 'Penang', 'Till 9', 'test', ENROL_AS_NAMED);
    const joinedB = await new HubClient(hub.hub.url, null).join(enrolled.code);
    if (joinedB.kind !== 'ok') throw new Error(joinedB.message);
    linkToHub(other.db, linkOf(hub.hub.url, joinedB.value, 0));
    const credited = await other.desk.submit(sale(1234, BY_ID, { pointsPreview: 12 }), 'cashier:Mei', 5_000);
    expect(credited.award.state).toBe('AWARDED');
    expect((await new HubPusher({ db: other.db, client: new HubClient(hub.hub.url, joinedB.value.credential) }).pushPending()).status.kind).toBe('synced');

    // The app (counter A) against the same RM; its clock moves on three minutes before the manager looks.
    let ahead = 0;
    const secrets = new Map<string, MemorySecretStore>();
    const ports = {
      rmHosts: () => ({ apiUrl: other!.sandbox.url, oauthUrl: other!.sandbox.url }),
      now: () => Date.now() + ahead,
      secrets: (scope: string) => secrets.get(scope) ?? secrets.set(scope, new MemorySecretStore()).get(scope)!,
    };
    rig = await makeCoreRig(ports);
    await rig.dispatch('settings.update', { environment: 'sandbox' });
    expect(await rig.dispatch('credentials.set', { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: KEYS.privateKeyPem })).toMatchObject({ ok: true });
    await rig.dispatch('manager.setPin', { pin: '2468', managerName: 'Lim' });
    await rig.dispatch('manager.unlock', { pin: '2468' });
    other.sandbox.setFault({ mode: 'http-5xx', status: 500, path: '/v3/loyalty/spending-reward', count: 1 });
    const id = '5a8f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f';
    expect(await rig.dispatch('award.submit', { id, amountSen: 1234, member: BY_ID })).toMatchObject({ ok: true, value: { award: { state: 'UNKNOWN' } } });
    ahead = 3 * 60_000;

    // Not joined: one credit of 12 points and nothing here explains it.
    expect(await rig.dispatch('manager.evidence', { id })).toMatchObject({ ok: true, value: { suggestion: 'credited', neighbours: [] } });
    // Joined: B's award explains that credit.
    const code = (await enrolTerminal(hub.pool, 'Johor', 'Till 9', 'test', ENROL_AS_NAMED)).code;
    expect((await rig.dispatch('hub.join', { url: hub.hub.url, code })).ok).toBe(true);
    expect(await rig.dispatch('manager.evidence', { id })).toMatchObject({
      ok: true,
      value: { suggestion: 'resend', neighbours: expect.arrayContaining([expect.objectContaining({ id: credited.award.id, state: 'AWARDED', pointsPreview: 12 })]) as unknown },
    });

    // Head office decides; the counter carries it out through its desk, so its own screens hear of it at once.
    // (once the pusher, which runs beside, has brought the award there)
    await until(async () => (await hub.pool.query("SELECT 1 FROM awards WHERE id = $1 AND state = 'UNKNOWN'", [id])).rowCount === 1, 30_000);
    await decide(hub.pool, 'Boss', ALL_OUTLETS, id, 'void', 'customer left; nothing credited');
    const heard = rig.events.length;
    rig.core.headOffice?.wake();
    await until(() => rig.events.slice(heard).some((e) => e.event === 'award.updated' && (e.payload as { id: string; state: string }).id === id && (e.payload as { state: string }).state === 'VOIDED'), 30_000);
    await until(() => rig.events.slice(heard).some((e) => e.event === 'queue.changed' && (e.payload as { unknown: number }).unknown === 0));
    expect(await rig.dispatch('award.get', { id })).toMatchObject({ ok: true, value: { award: { state: 'VOIDED', resolution: { by: 'Boss (head office)' } } } });
    await until(async () => (await hub.pool.query("SELECT 1 FROM decisions WHERE award_id = $1 AND outcome = 'carried out'", [id])).rowCount === 1);
    const second = '6b9f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f';
    other.sandbox.setFault({ mode: 'http-5xx', status: 500, path: '/v3/loyalty/spending-reward', count: 1 });
    expect(await rig.dispatch('award.submit', { id: second, amountSen: 1234, member: BY_ID })).toMatchObject({ ok: true, value: { award: { state: 'UNKNOWN' } } });

    // The hub stops answering (here: the terminal's link points at a hub that never replies): the manager gets this
    // counter's own evidence after a short wait, not the 30 s a push may take.
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const dataDir = rig.dataDir;
    await rig.core.close();
    const db = openDatabase(databasePath(dataDir, 'sandbox'));
    db.prepare('UPDATE hub_sync SET hub_url = ?').run(`http://127.0.0.1:${(silent.address() as { port: number }).port}`);
    db.close();
    rig = await makeCoreRig(ports, dataDir);
    await rig.dispatch('manager.unlock', { pin: '2468' });
    const started = Date.now();
    // Only this counter's own award (the one voided above) beside it: nothing from the chain.
    expect(await rig.dispatch('manager.evidence', { id: second })).toMatchObject({ ok: true, value: { suggestion: 'credited', neighbours: [{ id, state: 'VOIDED' }] } });
    expect(Date.now() - started).toBeLessThan(20_000);
    for (const socket of sockets) socket.destroy();
  }, 90_000);
});
