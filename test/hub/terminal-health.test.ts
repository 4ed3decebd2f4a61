// Head office's read of its counters over real HTTP on a real PostgreSQL: a put-back copy's refused push shows with its
// code and time though the PC it copied keeps pushing, a quiet terminal and a revoked one are told apart from live
// ones, an unused enrolment code shows until when it works (never the code), an outlet manager sees only their own, and
// a refusal is answered at once though its note cannot be written.
import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../app/store/database.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { readBatch } from '../../app/sync/outgoing.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { openPool, type Client } from '../../hub/db/pool.ts';
import { serveHub } from '../../hub/server/server.ts';
import { enrolTerminal, revokeTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import type { TerminalHealth } from '../../hub/terminal-health.ts';
import { addUser } from '../../hub/users.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedClient, joinedTerminal } from '../fixtures/hub-join.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const AT = Date.UTC(2026, 10, 20, 3);
const DAY_MS = 86_400_000;
const PASSWORD = 'correct horse battery';
let rig: HubRig;
let boss = '';
const logged: string[] = [];

beforeAll(async () => {
  rig = await startHubRig((line) => logged.push(line));
  await addUser(rig.pool, { name: 'Boss', role: 'head-office', password: PASSWORD }, 'test');
  boss = await signIn('Boss');
}, 60_000);
afterAll(async () => rig?.close());

async function signIn(name: string): Promise<string> {
  const login = await fetch(`${rig.hub.url}/api/hub/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PASSWORD }) });
  expect(login.status).toBe(200);
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function terminals(cookie: string): Promise<{ text: string; items: TerminalHealth[] }> {
  const response = await fetch(`${rig.hub.url}/api/hub/v1/terminals`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const text = await response.text();
  return { text, ...(JSON.parse(text) as { items: TerminalHealth[] }) };
}

async function terminal(outlet: string, name: string): Promise<TerminalHealth | undefined> {
  return (await terminals(boss)).items.find((item) => item.outlet === outlet && item.terminal === name);
}

/** The terminal's last push `agoMs` ago, the last the hub heard of it, by a PC that joined a day before it. */
const setLastPush = (outlet: string, name: string, agoMs: number) =>
  rig.pool.query(
    `UPDATE terminals t SET last_push_at = now() - make_interval(secs => $3::double precision / 1000), last_seen_at = NULL,
       enrolled_at = now() - make_interval(secs => $3::double precision / 1000) - interval '1 day' FROM outlets o
     WHERE o.id = t.outlet_id AND o.name = $1 AND t.name = $2`,
    [outlet, name, agoMs],
  );

describe('the terminals head office sees', () => {
  it("a put-back copy's refused push shows with its code and time, while the PC it copied keeps the last push fresh", async () => {
    const { db, dir } = counterDb();
    const { client } = await joinedTerminal(rig, db, 'Johor Bahru', 'Kaunter 1');
    const now = () => AT + 60_000;
    award(db, 'Kaunter 1', 'AWARDED', AT);
    expect((await new HubPusher({ db, client, now }).pushPending()).status.kind).toBe('synced');
    const backup = join(dir, 'backup.db');
    db.exec(`VACUUM INTO '${backup}'`);
    award(db, 'Kaunter 1', 'AWARDED', AT + 1_000);
    expect((await new HubPusher({ db, client, now }).pushPending()).status.kind).toBe('synced');

    const putBack = openDatabase(backup);
    for (let sale = 0; sale < 3; sale += 1) award(putBack, 'Kaunter 1', 'QUEUED', AT + 5_000 + sale);
    const before = Date.now();
    // The counter's answer is the hub's as ever: the refusal is noted beside it, not instead of it.
    const { status } = await new HubPusher({ db: putBack, client, now }).pushPending();
    expect(status).toMatchObject({ kind: 'refused', code: 'CONFLICT', message: expect.stringContaining('put back from a backup copy') as unknown });
    putBack.close();
    // Noted before the counter was answered: the Counters tab is in step with what the counter was told.
    expect((await terminal('Johor Bahru', 'Kaunter 1'))?.refusal?.code).toBe('CONFLICT');

    // The original PC pushes on: its last push is fresh, and the copy's refusal stays in view.
    award(db, 'Kaunter 1', 'AWARDED', AT + 2_000);
    expect((await new HubPusher({ db, client, now }).pushPending()).status.kind).toBe('synced');
    db.close();
    const seen = await terminal('Johor Bahru', 'Kaunter 1');
    expect(seen).toMatchObject({ joined: true, revokedAt: null, quietDays: null, refusal: { code: 'CONFLICT' } });
    expect(seen?.refusal?.at).toBeGreaterThanOrEqual(before - 1_000);
    expect(seen?.refusal?.at).toBeLessThanOrEqual(Date.now() + 1_000);
    expect(seen?.lastPushAt).toBeGreaterThanOrEqual(seen?.refusal?.at ?? Infinity);

    // A copy still refused notes it again every minute or two; one brought back in step (from its Settings, with no new
    // code) pushes without a refusal, which is over once it has not come again for a while.
    await setLastPush('Johor Bahru', 'Kaunter 1', 60_000);
    await rig.pool.query("UPDATE refused_pushes SET at = now() - interval '11 minutes'");
    expect(await terminal('Johor Bahru', 'Kaunter 1')).toMatchObject({ refusal: null });
  });

  it('a terminal quiet for more than two days says for how many; one quiet for less does not', async () => {
    for (const name of ['Kaunter 2', 'Kaunter 3']) {
      const { db } = counterDb();
      const { pusher } = await joinedTerminal(rig, db, 'Johor Bahru', name);
      award(db, name, 'AWARDED', AT);
      expect((await pusher.pushPending()).status.kind).toBe('synced');
      db.close();
    }
    await setLastPush('Johor Bahru', 'Kaunter 3', 13 * DAY_MS + 3_600_000);
    await setLastPush('Johor Bahru', 'Kaunter 2', 2 * DAY_MS - 3_600_000);
    const quiet = await terminal('Johor Bahru', 'Kaunter 3');
    expect(quiet).toMatchObject({ quietDays: 13, revokedAt: null, refusal: null });
    expect(quiet?.lastPushAt).toBeLessThan(Date.now() - 13 * DAY_MS);
    expect(await terminal('Johor Bahru', 'Kaunter 2')).toMatchObject({ quietDays: null });

    // Kaunter 4's till sells nothing for a fortnight but stays on: its check-in keeps it from being called quiet.
    const idle = counterDb();
    const { pusher: idlePusher } = await joinedTerminal(rig, idle.db, 'Johor Bahru', 'Kaunter 4');
    expect((await idlePusher.pushPending()).status.kind).toBe('synced');
    await setLastPush('Johor Bahru', 'Kaunter 4', 14 * DAY_MS);
    expect(await terminal('Johor Bahru', 'Kaunter 4')).toMatchObject({ quietDays: 14 });
    expect((await idlePusher.pushPending()).status.kind).toBe('synced');
    const checkedIn = await terminal('Johor Bahru', 'Kaunter 4');
    expect(checkedIn).toMatchObject({ quietDays: null });
    expect(checkedIn?.lastPushAt).toBeLessThan(Date.now() - 13 * DAY_MS);
    // Its time is written again once it is some minutes old, not at every check-in.
    const seenAgo = async (interval: string) => {
      await rig.pool.query(`UPDATE terminals SET last_seen_at = now() - $1::interval WHERE name = 'Kaunter 4'`, [interval]);
      expect((await idlePusher.pushPending()).status.kind).toBe('synced');
      const row = await rig.pool.query<{ ago_s: number }>(`SELECT extract(epoch FROM now() - last_seen_at)::float8 AS ago_s FROM terminals WHERE name = 'Kaunter 4'`);
      return row.rows[0]?.ago_s;
    };
    expect(await seenAgo('10 minutes')).toBeLessThan(5);
    expect(await seenAgo('1 minute')).toBeGreaterThan(55);
    // A push holding the terminal's row (a lock taken by hand here) does not hold up the check-in's answer.
    await rig.pool.query(`UPDATE terminals SET last_seen_at = now() - interval '10 minutes' WHERE name = 'Kaunter 4'`);
    const holder = await rig.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM terminals WHERE name = 'Kaunter 4' FOR NO KEY UPDATE`);
      const answered = await Promise.race([idlePusher.pushPending().then((pass) => pass.status.kind), new Promise((resolve) => setTimeout(resolve, 5_000, 'held up'))]);
      expect(answered).toBe('synced');
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    idle.db.close();

    // Kaunter 3's PC died; a replacement joined today with a new code and has sold nothing yet: it is not quiet.
    const { db } = counterDb();
    await joinedTerminal(rig, db, 'Johor Bahru', 'Kaunter 3');
    db.close();
    expect(await terminal('Johor Bahru', 'Kaunter 3')).toMatchObject({ quietDays: null });
  });

  it('a revoked terminal says so, and its refused push is noted; it is not called quiet', async () => {
    const { db } = counterDb();
    const { pusher } = await joinedTerminal(rig, db, 'Ipoh', 'Till 1');
    award(db, 'Till 1', 'AWARDED', AT);
    expect((await pusher.pushPending()).status.kind).toBe('synced');
    await revokeTerminal(rig.pool, 'Ipoh', 'Till 1', 'test');
    await setLastPush('Ipoh', 'Till 1', 5 * DAY_MS);
    award(db, 'Till 1', 'AWARDED', AT + 1_000);
    expect((await pusher.pushPending()).status).toMatchObject({ kind: 'refused', code: 'REVOKED' });
    db.close();
    expect((await terminal('Ipoh', 'Till 1'))?.refusal?.code).toBe('REVOKED');
    const revoked = await terminal('Ipoh', 'Till 1');
    expect(revoked?.revokedAt).toBeGreaterThan(Date.now() - 60_000);
    expect(revoked?.quietDays).toBeNull();
    // Enrolled again and joined: that refusal was the old credential's, and is no longer this terminal's trouble.
    const again = await enrolTerminal(rig.pool, 'Ipoh', 'Till 1', 'test', ENROL_AS_NAMED);
    expect((await new HubClient(rig.hub.url, null).join(again.code)).kind).toBe('ok');
    expect(await terminal('Ipoh', 'Till 1')).toMatchObject({ revokedAt: null, refusal: null, enrolCode: null });
  });

  it('a credential naming a terminal it does not prove writes nothing in its name', async () => {
    const { db } = counterDb();
    const { terminal: joined } = await joinedTerminal(rig, db, 'Ipoh', 'Till 2');
    award(db, 'Till 2', 'AWARDED', AT);
    const batch = readBatch(db);
    db.close();
    const forged = new HubClient(rig.hub.url, `kht1.${joined.hubTerminalId}.${'A'.repeat(43)}`);
    expect(await forged.push(batch!)).toMatchObject({ kind: 'refused', code: 'UNAUTHENTICATED' });
    // The answer comes after any note is written, so a note that should not be there would be there by now.
    expect((await rig.pool.query('SELECT 1 FROM refused_pushes WHERE terminal_id = $1', [joined.hubTerminalId])).rowCount).toBe(0);
  });

  it('an unused enrolment code shows until when it works, never the code; an expired one says so', async () => {
    const outstanding = await enrolTerminal(rig.pool, 'Ipoh', 'Till 3', 'test', ENROL_AS_NAMED);
    const lapsed = await enrolTerminal(rig.pool, 'Ipoh', 'Till 4', 'test', ENROL_AS_NAMED);
    await rig.pool.query("UPDATE terminals SET enrol_expires_at = now() - interval '1 hour' WHERE id = $1", [lapsed.terminalId]);
    const before = Date.now();
    const { text, items } = await terminals(boss);
    const unused = items.find((item) => item.terminal === 'Till 3');
    expect(unused).toMatchObject({ joined: false, lastPushAt: null, quietDays: null, enrolCode: { expired: false } });
    expect(unused?.enrolCode?.expiresAt).toBeGreaterThan(before + 7 * DAY_MS - 120_000);
    expect(unused?.enrolCode?.expiresAt).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);
    expect(items.find((item) => item.terminal === 'Till 4')?.enrolCode).toMatchObject({ expired: true });
    for (const code of [outstanding.code, lapsed.code]) {
      expect(text).not.toContain(code);
      expect(text.toLowerCase()).not.toContain(code.replace(/[^A-Za-z0-9]/g, '').toLowerCase());
    }
    // A joined terminal has none outstanding.
    expect(items.find((item) => item.terminal === 'Kaunter 1')?.enrolCode).toBeNull();
  });

  it("an outlet manager sees their own outlet's terminals only", async () => {
    await addUser(rig.pool, { name: 'Siti', role: 'outlet-manager', outlet: 'Ipoh', password: PASSWORD }, 'test');
    const { text, items } = await terminals(await signIn('Siti'));
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((item) => item.outlet))).toEqual(new Set(['Ipoh']));
    expect(text).not.toContain('Johor Bahru');
    expect(text).not.toContain('Kaunter');
  });

  it('a refusal the hub cannot note is answered all the same, and the failure is logged', async () => {
    const { db } = counterDb();
    const { pusher } = await joinedTerminal(rig, db, 'Ipoh', 'Till 5');
    await revokeTerminal(rig.pool, 'Ipoh', 'Till 5', 'test');
    award(db, 'Till 5', 'AWARDED', AT);
    await rig.pool.query('ALTER TABLE refused_pushes RENAME TO refused_pushes_away');
    try {
      expect((await pusher.pushPending()).status).toMatchObject({ kind: 'refused', code: 'REVOKED' });
      const noted = logged.filter((line) => line.includes('could not note'));
      expect(noted).toHaveLength(1);
      expect(noted[0]).toMatch(/refused push \(REVOKED\) for the Counters tab: .*refused_pushes/);
    } finally {
      await rig.pool.query('ALTER TABLE refused_pushes_away RENAME TO refused_pushes');
      db.close();
    }
  });

  it('a refusal noted while every database connection is busy is answered long before the pool\'s 10 s wait, and logged', async () => {
    const { joined } = await joinedClient(rig, 'Ipoh', 'Till 6');
    // The hub serves on a pool of two connections of its own; the test takes both once the push is authenticated.
    const pool = openPool(rig.databaseUrl, 2);
    const hub = await serveHub({ pool, host: '127.0.0.1', port: 0, log: (line) => logged.push(line) });
    const held: Client[] = [];
    try {
      const authenticated = once(pool, 'release');
      const push = request(`${hub.url}/api/terminal/v1/push`, { method: 'POST', headers: { authorization: `Bearer ${joined.credential}`, 'content-type': 'application/json' } });
      push.flushHeaders();
      await authenticated;
      held.push(await pool.connect(), await pool.connect());
      const answered = once(push, 'response') as Promise<[IncomingMessage]>;
      const sent = Date.now();
      push.end('{}');
      const [response] = await answered;
      response.resume();
      // The note waits 1 s; the pool would hold it 10 s. The margin is for a loaded 2-core machine.
      expect(Date.now() - sent).toBeLessThan(5_000);
      expect(response.statusCode).toBe(400);
      expect(logged.filter((line) => line.includes(`terminal ${joined.terminalId}'s refused push (BAD_BATCH)`))).toEqual([
        expect.stringMatching(/could not note .*not written within 1000 ms: the hub's database connections are all busy/),
      ]);
    } finally {
      for (const client of held) client.release();
      await hub.close();
      await pool.end();
    }
  });

  it('is for signed-in users only', async () => {
    expect((await fetch(`${rig.hub.url}/api/hub/v1/terminals`)).status).toBe(401);
  });
});
