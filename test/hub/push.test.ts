// Replication from a counter to the hub over real HTTP into a real PostgreSQL: enrolment, idempotent batches, order,
// ownership, revocation and hostile input.
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_CANDIDATES } from '../../app/awards/rm-evidence.ts';
import { MAX_POINTS } from '../../app/common/money.ts';
import { purgeFinishedAwards } from '../../app/awards/retention.ts';
import { confirmPoints, markClaimed } from '../../app/awards/transitions.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { hubLink, linkToHub, recordAck } from '../../app/store/hub-sync.ts';
import { linkOf, readBatch, waitingAwards } from '../../app/sync/outgoing.ts';
import { describeSyncStatus, HubPusher } from '../../app/sync/pusher.ts';
import type { PushBatch } from '../../app/sync/wire.ts';
import { enrolTerminal, revokeTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { openPool } from '../../hub/db/pool.ts';
import { serveHub } from '../../hub/server/server.ts';
import { award, counterDb, counts } from '../fixtures/counter-records.ts';
import { startHubProxy } from '../fixtures/hub-proxy.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';
import { until } from '../fixtures/until.ts';

let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
});
afterAll(async () => rig?.close());

async function joinedCounter(outlet: string, terminal: string) {
  const enrolment = await enrolTerminal(rig.pool, outlet, terminal, 'test', ENROL_AS_NAMED);
  const answer = await new HubClient(rig.hub.url, null).join(enrolment.code);
  if (answer.kind !== 'ok') throw new Error(answer.message);
  const counter = counterDb();
  linkToHub(counter.db, linkOf(rig.hub.url, answer.value, 0));
  const { credential } = answer.value;
  return { ...counter, terminalId: answer.value.terminalId, credential, client: new HubClient(rig.hub.url, credential), code: enrolment.code };
}

const one = async (sql: string, params: unknown[] = []) => Number((await rig.pool.query<{ n: string }>(sql, params)).rows[0]?.n);

/** Everything a push can write, across the whole hub. */
async function wholeHub() {
  return {
    awards: await one('SELECT COUNT(*) AS n FROM awards'),
    events: await one('SELECT COUNT(*) AS n FROM award_events'),
    attempts: await one('SELECT COUNT(*) AS n FROM attempts'),
    evidence: await one('SELECT COUNT(*) AS n FROM award_evidence'),
    totals: await one('SELECT COALESCE(SUM(awards), 0) AS n FROM award_totals'),
    acked: (await rig.pool.query<{ id: string; acked_seq: string }>('SELECT id, acked_seq FROM terminals ORDER BY id')).rows,
  };
}

async function hubCounts(terminalId: string) {
  return {
    awards: await one('SELECT COUNT(*) AS n FROM awards WHERE terminal_id = $1', [terminalId]),
    events: await one('SELECT COUNT(*) AS n FROM award_events WHERE terminal_id = $1', [terminalId]),
    attempts: await one('SELECT COUNT(*) AS n FROM attempts t JOIN awards a ON a.id = t.award_id WHERE a.terminal_id = $1', [terminalId]),
  };
}

describe('hub push', () => {
  it('an enrolment code works once, and the credential is kept only as a hash', async () => {
    const enrolment = await enrolTerminal(rig.pool, 'Kepong', 'Till 9', 'test', ENROL_AS_NAMED);
    const first = await new HubClient(rig.hub.url, null).join(enrolment.code.toLowerCase().replace(/-/g, ' '));
    expect(first.kind).toBe('ok');
    const second = await new HubClient(rig.hub.url, null).join(enrolment.code);
    expect(second).toMatchObject({ kind: 'refused', code: 'CODE_INVALID' });
    const stored = await rig.pool.query<{ credential_hash: Buffer; enrol_code_hash: Buffer | null }>('SELECT credential_hash, enrol_code_hash FROM terminals WHERE id = $1', [enrolment.terminalId]);
    const credential = first.kind === 'ok' ? first.value.credential : '';
    expect(stored.rows[0]?.enrol_code_hash).toBeNull();
    expect(stored.rows[0]?.credential_hash.length).toBe(32);
    expect(stored.rows[0]?.credential_hash.toString('utf8')).not.toContain(credential.slice(-20));
  });

  it('pushes awards, attempts and events once, in order, and says synced', async () => {
    const counter = await joinedCounter('Bangsar', 'Till 1');
    const t0 = Date.UTC(2026, 10, 1, 2);
    for (const [i, end] of (['AWARDED', 'QUEUED', 'UNKNOWN', 'REJECTED', 'VOIDED', 'CANCELLED'] as const).entries()) award(counter.db, 'till-1', end, t0 + i * 60_000);
    const pusher = new HubPusher({ db: counter.db, client: counter.client });
    const pass = await pusher.pushPending();
    expect(pass.status.kind).toBe('synced');
    expect(describeSyncStatus(pass.status)).toBe('head office: synced');
    expect(await hubCounts(counter.terminalId)).toEqual(counts(counter.db));
    expect(counts(counter.db)).toEqual({ awards: 6, events: 16, attempts: 4 });
    const states = await rig.pool.query<{ state: string }>('SELECT state FROM awards WHERE terminal_id = $1 ORDER BY created_at', [counter.terminalId]);
    expect(states.rows.map((r) => r.state)).toEqual(['AWARDED', 'QUEUED', 'UNKNOWN', 'REJECTED', 'VOIDED', 'CANCELLED']);
    expect(waitingAwards(counter.db)).toBe(0);
  });

  /**
   * Pushes of one batch at once: each is applied (acknowledged to its last event) or, while the same counter's push is
   * still open at that hub process, told to wait (which the counter's pusher takes as a normal wait); one at least is
   * applied.
   */
  function expectAppliedOrTold(answers: Array<Awaited<ReturnType<HubClient['push']>>>, batch: PushBatch): void {
    const applied = { kind: 'ok', value: { ackedSeq: batch.events.at(-1)!.seq } };
    for (const answer of answers) {
      if (answer.kind === 'ok') expect(answer).toEqual(applied);
      else expect(answer).toMatchObject({ kind: 'unreachable', message: 'This counter has a push open at the hub already: try again when it is answered.' });
    }
    expect(answers.some((answer) => answer.kind === 'ok')).toBe(true);
  }

  it('the same batch twice, or twice at once, or after the hub already acknowledged it, changes nothing', async () => {
    const counter = await joinedCounter('Bangsar', 'Till 2');
    for (let i = 0; i < 20; i += 1) award(counter.db, 'till-2', i % 3 === 0 ? 'UNKNOWN' : 'AWARDED', Date.UTC(2026, 10, 2) + i * 1000);
    const batch = readBatch(counter.db) as PushBatch;
    const results = await Promise.all([counter.client.push(batch), counter.client.push(batch), counter.client.push(batch)]);
    expectAppliedOrTold(results, batch);
    const again = await counter.client.push(batch);
    expect(again.kind).toBe('ok');
    expect(await hubCounts(counter.terminalId)).toEqual(counts(counter.db));
    expect(counts(counter.db)).toEqual({ awards: 20, events: 60, attempts: 20 });
  });

  it('two hubs on one database receiving the same batches at the same moment apply each once', async () => {
    const counter = await joinedCounter('Bangsar', 'Till 5');
    for (let i = 0; i < 30; i += 1) award(counter.db, 'till-5', i % 4 === 0 ? 'UNKNOWN' : 'AWARDED', Date.UTC(2026, 10, 2, 5) + i * 1000);
    const secondPool = openPool(rig.databaseUrl);
    const second = await serveHub({ pool: secondPool, host: '127.0.0.1', port: 0, log: () => {} });
    const credential = (counter.client as unknown as { credential: string }).credential;
    const viaSecond = new HubClient(second.url, credential);
    try {
      const totalsBefore = await one('SELECT COALESCE(SUM(awards), 0) AS n FROM award_totals');
      // Every batch sent to both hubs at once (twice to each), as a retry through a load balancer would.
      let sent = 0;
      for (let batch = readBatch(counter.db, 25); batch; batch = readBatch(counter.db, 25), sent += 1) {
        const answers = await Promise.all([counter.client.push(batch), viaSecond.push(batch), counter.client.push(batch), viaSecond.push(batch)]);
        expectAppliedOrTold(answers, batch);
        recordAck(counter.db, batch.events.at(-1)!.seq);
      }
      expect(sent).toBe(4);
      expect(await hubCounts(counter.terminalId)).toEqual(counts(counter.db));
      expect(await one('SELECT COALESCE(SUM(awards), 0) AS n FROM award_totals')).toBe(totalsBefore + 30);
    } finally {
      await second.close();
      await secondPool.end();
    }
  });

  it('a batch committed whose reply never reached the counter is sent again and changes nothing', async () => {
    const counter = await joinedCounter('Bangsar', 'Till 6');
    for (let i = 0; i < 10; i += 1) award(counter.db, 'till-6', i % 2 === 0 ? 'UNKNOWN' : 'AWARDED', Date.UTC(2026, 10, 2, 6) + i * 1000);
    // A proxy that hands the push to the hub, lets it commit and answer, then drops the connection before the answer.
    const forwarded: number[] = [];
    const dropper = createHttpServer((request, response) => {
      const upstream = httpRequest(`${rig.hub.url}${request.url ?? '/'}`, { method: request.method, headers: request.headers }, (answer) => {
        forwarded.push(answer.statusCode ?? 0);
        answer.resume();
        answer.on('end', () => response.socket?.destroy());
      });
      request.pipe(upstream);
    });
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    const credential = (counter.client as unknown as { credential: string }).credential;
    try {
      const cut = new HubPusher({ db: counter.db, client: new HubClient(`http://127.0.0.1:${(dropper.address() as { port: number }).port}`, credential) });
      const lost = await cut.pushPending();
      expect(lost.status.kind).toBe('unreachable');
      expect(forwarded).toEqual([200]);
      // The hub has it all; the counter does not know.
      const committed = await hubCounts(counter.terminalId);
      expect(committed).toEqual(counts(counter.db));
      expect(hubLink(counter.db)?.ackedEventId).toBe(0);
      const totals = await one('SELECT COALESCE(SUM(awards), 0) AS n FROM award_totals');

      const resent = await new HubPusher({ db: counter.db, client: counter.client }).pushPending();
      expect(resent.status.kind).toBe('synced');
      expect(await hubCounts(counter.terminalId)).toEqual(committed);
      expect(await one('SELECT COALESCE(SUM(awards), 0) AS n FROM award_totals')).toBe(totals);
      expect(hubLink(counter.db)?.ackedEventId).toBe(counts(counter.db).events);
    } finally {
      dropper.closeAllConnections();
      await new Promise<void>((resolve) => dropper.close(() => resolve()));
    }
  });

  it('an award state at the hub only moves forward: an older snapshot sent late does not undo a newer one', async () => {
    const counter = await joinedCounter('Bangsar', 'Till 3');
    const id = award(counter.db, 'till-3', 'UNKNOWN', Date.UTC(2026, 10, 3));
    const older = readBatch(counter.db) as PushBatch;
    expect((await counter.client.push(older)).kind).toBe('ok');
    counter.db.prepare("UPDATE hub_sync SET acked_event_id = ?").run(older.events.at(-1)!.seq);
    const { resolveUnknown } = await import('../../app/awards/reconcile.ts');
    resolveUnknown(counter.db, id, 'credited', 'Lim', 'seen in RM history', Date.UTC(2026, 10, 3, 1));
    const newer = readBatch(counter.db) as PushBatch;
    expect((await counter.client.push(newer)).kind).toBe('ok');
    expect((await counter.client.push(older)).kind).toBe('ok');
    const row = await rig.pool.query<{ state: string; resolved_by: string }>('SELECT state, resolved_by FROM awards WHERE id = $1', [id]);
    expect(row.rows[0]).toEqual({ state: 'AWARDED', resolved_by: 'Lim' });
  });

  it('a terminal cannot write another terminal\'s awards, and the refused batch changes nothing', async () => {
    const owner = await joinedCounter('Cheras', 'Till 1');
    const thief = await joinedCounter('Cheras', 'Till 2');
    award(owner.db, 'owner', 'UNKNOWN', Date.UTC(2026, 10, 4));
    expect((await new HubPusher({ db: owner.db, client: owner.client }).pushPending()).status.kind).toBe('synced');
    owner.db.prepare('UPDATE hub_sync SET acked_event_id = 0').run();
    const stolen = readBatch(owner.db) as PushBatch;
    const forged: PushBatch = { ...stolen, after: 0, awards: stolen.awards.map((a) => ({ ...a, state: 'VOIDED' as const, lastEventSeq: 99 })), events: stolen.events.map((e, i) => ({ ...e, seq: 90 + i })) };
    forged.events[forged.events.length - 1] = { ...forged.events.at(-1)!, seq: 99, from: 'UNKNOWN', to: 'VOIDED' };
    const before = await hubCounts(thief.terminalId);
    const answer = await thief.client.push(forged);
    expect(answer).toMatchObject({ kind: 'refused', code: 'NOT_YOURS' });
    expect(await hubCounts(thief.terminalId)).toEqual(before);
    const state = await rig.pool.query<{ state: string }>('SELECT state FROM awards WHERE id = $1', [stolen.awards[0]!.id]);
    expect(state.rows[0]?.state).toBe('UNKNOWN');
  });

  it('hostile and malformed batches get clear errors and change nothing', async () => {
    const counter = await joinedCounter('Cheras', 'Till 3');
    award(counter.db, 'till', 'AWARDED', Date.UTC(2026, 10, 5));
    const good = readBatch(counter.db) as PushBatch;
    const cases: Array<[string, unknown, RegExp]> = [
      ['not JSON', 'this is not json', /not valid JSON/],
      ['no events', { ...good, events: [] }, /events/],
      ['out of order', { ...good, events: [...good.events].reverse() }, /increasing order/],
      ['event before the position', { ...good, after: 50 }, /increasing order/],
      ['negative amount', { ...good, awards: [{ ...good.awards[0], amountSen: -5 }] }, /amountSen/],
      // More points than the largest sale earns at the richest rule: 1,024 of them would overflow the day's totals.
      ['points beyond any rule', { ...good, awards: [{ ...good.awards[0], pointsPreview: MAX_POINTS + 1 }] }, /pointsPreview/],
      ['impossible state change', { ...good, events: good.events.map((e, i) => (i === good.events.length - 1 ? { ...e, from: 'REJECTED' } : e)) }, /which no award can do/],
      ['unknown field', { ...good, awards: [{ ...good.awards[0], admin: true }] }, /admin|Unrecognized/i],
      ['award without events', { ...good, awards: [...good.awards, { ...good.awards[0], id: '7d1e0c77-3f5a-4b6e-9d7c-2f1a0b9c8d7e' }] }, /none of its events/],
      ['snapshot ahead of its events', { ...good, awards: [{ ...good.awards[0], state: 'QUEUED' }] }, /newest event says/],
      ['evidence beyond its bounds', { ...good, awards: [{ ...good.awards[0], evidence: { gatheredAt: 1, memberId: 'M-1', expectedPoints: 12, window: { fromMs: 0, toMs: 1 }, candidates: Array.from({ length: MAX_EVIDENCE_CANDIDATES + 1 }, () => ({ entry: { points: 12, createdAt: '2026-11-05T00:00:00Z' }, secondsFromAttempt: 0, pointsMatch: true })) } }] }, /candidates/],
      // Well formed, but continuing from a position the hub never acknowledged: it says where it is.
      ['ahead of the hub', { ...good, after: 100, events: good.events.map((e) => ({ ...e, seq: e.seq + 100 })), awards: good.awards.map((a) => ({ ...a, lastEventSeq: a.lastEventSeq + 100 })) }, /up to event 0; send from there/],
      ['SQL in a name', { ...good, awards: [{ ...good.awards[0], cashier: "x'); DROP TABLE awards; --" }] }, /./],
    ];
    for (const [name, body, message] of cases) {
      const before = await wholeHub();
      const response = await fetch(`${rig.hub.url}/api/terminal/v1/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${(counter.client as unknown as { credential: string }).credential}` },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const reply = (await response.json()) as { error?: { code: string; message: string } };
      if (name === 'SQL in a name') {
        // Stored as the text it is: parameters, never string-built SQL.
        expect(response.status, name).toBe(200);
        continue;
      }
      expect(response.status, name).toBe(name === 'ahead of the hub' ? 409 : 400);
      expect(reply.error?.message, name).toMatch(message);
      expect(reply.error?.message, name).not.toMatch(/at .*\.ts:\d+/);
      expect(await wholeHub(), name).toEqual(before);
    }
    expect(await one('SELECT COUNT(*) AS n FROM awards')).toBeGreaterThan(0);
    expect(await one("SELECT COUNT(*) AS n FROM awards WHERE cashier LIKE 'x''); DROP%'")).toBe(1);
    const tooBig = await fetch(`${rig.hub.url}/api/terminal/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nonsense' },
      body: '{}',
    });
    expect(tooBig.status).toBe(401);
  });

  it('a points figure beyond any rule, written before points had a bound, goes as unknown rather than jam the pushes', async () => {
    const counter = await joinedCounter('Serdang', 'Till 1');
    const id = award(counter.db, 'till', 'AWARDED', Date.UTC(2026, 10, 8));
    counter.db.prepare('UPDATE awards SET points_preview = ?, points_confirmed = 1 WHERE id = ?').run(MAX_POINTS * 2, id);
    expect((await new HubPusher({ db: counter.db, client: counter.client }).pushPending()).status.kind).toBe('synced');
    const row = await rig.pool.query<{ points: number | null; confirmed: boolean }>('SELECT points_preview AS points, points_confirmed AS confirmed FROM awards WHERE id = $1', [id]);
    expect(row.rows).toEqual([{ points: null, confirmed: false }]);
  });

  it('what was recorded at the sale cannot be rewritten: a re-sent award with another amount is refused', async () => {
    const counter = await joinedCounter('Cheras', 'Till 4');
    award(counter.db, 'till', 'UNKNOWN', Date.UTC(2026, 10, 5));
    const batch = readBatch(counter.db) as PushBatch;
    expect((await counter.client.push(batch)).kind).toBe('ok');
    const rewritten = { ...batch, awards: batch.awards.map((a) => ({ ...a, amountSen: a.amountSen + 100_00 })) };
    expect(await counter.client.push(rewritten)).toMatchObject({ kind: 'refused', code: 'CONFLICT' });
    // Also with a real later event: the state may move forward, the amount may not change.
    counter.db.prepare('UPDATE hub_sync SET acked_event_id = ?').run(batch.events.at(-1)!.seq);
    const { resolveUnknown } = await import('../../app/awards/reconcile.ts');
    resolveUnknown(counter.db, batch.awards[0]!.id, 'void', 'Lim', 'customer left', Date.UTC(2026, 10, 5, 1));
    const later = readBatch(counter.db) as PushBatch;
    const tampered = { ...later, awards: later.awards.map((a) => ({ ...a, amountSen: 1 })) };
    expect(await counter.client.push(tampered)).toMatchObject({ kind: 'refused', code: 'CONFLICT' });
    expect(await counter.client.push(later)).toMatchObject({ kind: 'ok' });
    const row = await rig.pool.query<{ amount_sen: number }>('SELECT amount_sen FROM awards WHERE id = $1', [batch.awards[0]!.id]);
    expect(row.rows[0]?.amount_sen).toBe(batch.awards[0]!.amountSen);
  });

  it('a revoked terminal is refused and its status says so; enrolling again lets it back', async () => {
    const counter = await joinedCounter('Ampang', 'Till 1');
    award(counter.db, 'till', 'AWARDED', Date.UTC(2026, 10, 6));
    await revokeTerminal(rig.pool, 'Ampang', 'Till 1', 'test');
    const pusher = new HubPusher({ db: counter.db, client: counter.client });
    const pass = await pusher.pushPending();
    expect(pass.status).toMatchObject({ kind: 'refused', code: 'REVOKED', waiting: 1 });
    expect(describeSyncStatus(pass.status)).toBe('head office: this terminal was revoked');
    expect(await hubCounts(counter.terminalId)).toEqual({ awards: 0, events: 0, attempts: 0 });
    const again = await enrolTerminal(rig.pool, 'Ampang', 'Till 1', 'test', ENROL_AS_NAMED);
    const rejoined = await new HubClient(rig.hub.url, null).join(again.code);
    expect(rejoined.kind).toBe('ok');
    // The old credential stays refused: the new one replaced it.
    expect((await pusher.pushPending()).status).toMatchObject({ kind: 'refused', code: 'UNAUTHENTICATED' });
  });

  it('with nothing to send the counter still checks in: it learns of a revocation, and refills a hub restored from an older backup', async () => {
    const counter = await joinedCounter('Ampang', 'Till 4');
    award(counter.db, 'till', 'AWARDED', Date.UTC(2026, 10, 6));
    const pusher = new HubPusher({ db: counter.db, client: counter.client });
    expect((await pusher.pushPending()).status.kind).toBe('synced');
    // The hub's database comes back from a backup taken before this terminal's records arrived.
    const client = await rig.pool.connect();
    await client.query("SET session_replication_role = 'replica'");
    await client.query('DELETE FROM award_events WHERE terminal_id = $1', [counter.terminalId]);
    await client.query('DELETE FROM attempts WHERE award_id IN (SELECT id FROM awards WHERE terminal_id = $1)', [counter.terminalId]);
    await client.query('DELETE FROM awards WHERE terminal_id = $1', [counter.terminalId]);
    await client.query('UPDATE terminals SET acked_seq = 0 WHERE id = $1', [counter.terminalId]);
    // Back to the pool with its triggers on again, or the next test's awards would skip the day totals.
    await client.query('RESET session_replication_role');
    client.release();
    const refill = await pusher.pushPending();
    expect(refill).toMatchObject({ events: 3, awards: 1, status: { kind: 'synced' } });
    expect(await hubCounts(counter.terminalId)).toEqual(counts(counter.db));
    await revokeTerminal(rig.pool, 'Ampang', 'Till 4', 'test');
    expect((await pusher.pushPending()).status).toMatchObject({ kind: 'refused', code: 'REVOKED', waiting: 0 });
  });

  it('in the background, a wake pushes what was written within moments, in one batch', async () => {
    const counter = await joinedCounter('Ampang', 'Till 5');
    const pusher = new HubPusher({ db: counter.db, client: counter.client, coalesceMs: 200, idleMs: 60_000 });
    pusher.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (let i = 0; i < 5; i += 1) award(counter.db, 'till', 'AWARDED', Date.UTC(2026, 10, 9) + i);
      pusher.wake();
      await until(() => waitingAwards(counter.db) === 0, 'the woken pusher to send every award', 10_000, 50);
      expect(pusher.status().kind).toBe('synced');
      expect(await hubCounts(counter.terminalId)).toEqual(counts(counter.db));
    } finally {
      await pusher.stop();
    }
  });

  it('passes asked for at once run one after the other: each batch is sent once', async () => {
    const counter = await joinedCounter('Ampang', 'Till 6');
    for (let i = 0; i < 5; i += 1) award(counter.db, 'till', 'AWARDED', Date.UTC(2026, 10, 9) + i);
    const paths: string[] = [];
    const proxy = await startHubProxy(rig.hub.url, (path) => {
      paths.push(path);
      return false;
    });
    try {
      // The background loop's pass and one a manager's evidence asks for.
      const pusher = new HubPusher({ db: counter.db, client: new HubClient(proxy.url, counter.credential) });
      const passes = await Promise.all([pusher.pushPending(), pusher.pushPending()]);
      expect(passes.map((pass) => [pass.events, pass.status.kind])).toEqual([
        [15, 'synced'],
        [0, 'synced'],
      ]);
      expect(paths.filter((path) => path.endsWith('/push'))).toHaveLength(1);
    } finally {
      proxy.close();
    }
  });

  it('stopping waits for the batch on its way, not the whole backlog, and refuses a pass asked for after, so the database can then be closed', async () => {
    const counter = await joinedCounter('Ampang', 'Till 6b');
    for (let i = 0; i < 5; i += 1) award(counter.db, 'till', 'AWARDED', Date.UTC(2026, 10, 9) + i);
    // A slow hub and small batches: the pass a manager's evidence asked for is still out when the counter shuts down.
    const proxy = await startHubProxy(rig.hub.url, () => false, 300);
    try {
      const pusher = new HubPusher({ db: counter.db, client: new HubClient(proxy.url, counter.credential), batchEvents: 3 });
      const asked = pusher.pushPending();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await pusher.stop();
      counter.db.close();
      expect(await asked).toMatchObject({ events: 3, status: { kind: 'waiting' } });
      await expect(pusher.pushPending()).rejects.toThrow(/stopped/);
    } finally {
      proxy.close();
    }
  });

  it('an unreachable hub is waited out with back-off, and the counter catches up', async () => {
    const counter = await joinedCounter('Ampang', 'Till 2');
    award(counter.db, 'till', 'AWARDED', Date.UTC(2026, 10, 7));
    const offline = new HubPusher({ db: counter.db, client: new HubClient('http://127.0.0.1:9', (counter.client as unknown as { credential: string }).credential), now: () => Date.UTC(2026, 10, 7, 2, 42) });
    const pass = await offline.pushPending();
    expect(pass.status).toMatchObject({ kind: 'unreachable', waiting: 1 });
    expect(describeSyncStatus(pass.status)).toBe('head office: unreachable since 2026-11-07 10:42 (1 waiting)');
    const delays = [offline.nextDelayMs(pass.status), offline.nextDelayMs(pass.status), offline.nextDelayMs(pass.status)];
    expect(delays[1]!).toBeGreaterThan(delays[0]! * 1.2);
    expect(delays[2]!).toBeGreaterThan(delays[1]! * 1.2);
    expect((await new HubPusher({ db: counter.db, client: counter.client }).pushPending()).status.kind).toBe('synced');
  });

  it('told to wait, then refused, then told to wait again: the second wait starts its own two minutes', async () => {
    const counter = await joinedCounter('Puchong', 'Till 1');
    award(counter.db, 'till', 'AWARDED', Date.UTC(2026, 10, 7));
    // A hub on loopback that answers each push as the script says.
    const script = [
      [429, { error: { code: 'BUSY', message: 'This counter has a push open at the hub already: try again when it is answered.' } }],
      [403, { error: { code: 'FORBIDDEN', message: 'Not now.' } }],
      [429, { error: { code: 'BUSY', message: 'This counter has a push open at the hub already: try again when it is answered.' } }],
    ] as const;
    let asked = 0;
    const scripted = createHttpServer((request, response) => {
      request.resume();
      const [status, body] = script[Math.min(asked++, script.length - 1)]!;
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => scripted.listen(0, '127.0.0.1', resolve));
    try {
      let now = Date.UTC(2026, 10, 7, 2, 0);
      const client = new HubClient(`http://127.0.0.1:${(scripted.address() as AddressInfo).port}`, counter.credential);
      const pusher = new HubPusher({ db: counter.db, client, now: () => now });
      expect((await pusher.pushPending()).status).toEqual({ kind: 'waiting', waiting: 1 });
      now += 60_000;
      expect((await pusher.pushPending()).status).toMatchObject({ kind: 'refused', code: 'FORBIDDEN' });
      now += 2 * 60_000;
      expect((await pusher.pushPending()).status).toEqual({ kind: 'waiting', waiting: 1 });
      expect(asked).toBe(3);
    } finally {
      await new Promise<void>((resolve) => scripted.close(() => resolve()));
    }
  });

  it('the hub\'s Retry-After is never undercut, a proxy\'s day-long one is capped, and its words reach `kaunter sync`', async () => {
    const counter = await joinedCounter('Puchong', 'Till 2');
    award(counter.db, 'till', 'AWARDED', Date.UTC(2026, 10, 7));
    const restarting = 'The hub could not do this just now (its database may be restarting); try again shortly.';
    const busy = 'This counter has a push open at the hub already: try again when it is answered.';
    const script: Array<[number, Record<string, string>, unknown]> = [
      [503, { 'retry-after': '30' }, { error: { code: 'UNAVAILABLE', message: restarting } }],
      [429, { 'retry-after': new Date(Date.now() + 40_000).toUTCString() }, { error: { code: 'LOCKED', message: busy } }],
      [503, { 'retry-after': '86400' }, '<html>maintenance</html>'],
      [503, {}, '<html>maintenance</html>'],
    ];
    let asked = 0;
    const scripted = createHttpServer((request, response) => {
      request.resume();
      const [status, headers, body] = script[Math.min(asked++, script.length - 1)]!;
      response.writeHead(status, headers).end(typeof body === 'string' ? body : JSON.stringify(body));
    });
    await new Promise<void>((resolve) => scripted.listen(0, '127.0.0.1', resolve));
    try {
      const now = Date.UTC(2026, 10, 7, 2, 0);
      const client = new HubClient(`http://127.0.0.1:${(scripted.address() as AddressInfo).port}`, counter.credential);
      const pusher = new HubPusher({ db: counter.db, client, now: () => now, firstBackoffMs: 1_000, idleMs: 15_000 });
      // Unreachable backs off from 1 s, but the hub asked for 30 s.
      const restart = await pusher.pushPending();
      expect(restart).toMatchObject({ status: { kind: 'unreachable', message: restarting }, hubAskedToWait: restarting });
      expect(pusher.nextDelayMs(restart.status)).toBe(30_000);
      // Told to wait, as an HTTP date: longer than the usual 15 s between pushes.
      const told = await pusher.pushPending();
      expect(told).toMatchObject({ status: { kind: 'unreachable' }, hubAskedToWait: busy });
      expect(pusher.nextDelayMs(told.status)).toBeGreaterThan(35_000);
      expect(pusher.nextDelayMs(told.status)).toBeLessThanOrEqual(40_000);
      // A day, from a page that is not the hub's: ten minutes at most.
      const proxy = await pusher.pushPending();
      expect(proxy.hubAskedToWait).toMatch(/answered HTTP 503/);
      expect(pusher.nextDelayMs(proxy.status)).toBe(10 * 60_000);
      // No Retry-After: nothing asked, the back-off alone.
      const plain = await pusher.pushPending();
      expect(plain.hubAskedToWait).toBeUndefined();
      expect(pusher.nextDelayMs(plain.status)).toBeLessThan(60_000);
      expect(asked).toBe(4);
    } finally {
      await new Promise<void>((resolve) => scripted.close(() => resolve()));
    }
  });

  it('RM\'s points figure, a claimed QR and a member stored under older rules reach the hub and its totals', async () => {
    const counter = await joinedCounter('Kepong', 'Till 1');
    const at = Date.UTC(2026, 10, 9, 3);
    const confirmed = award(counter.db, 'till', 'AWARDED', at);
    const estimated = award(counter.db, 'till', 'AWARDED', at + 60_000);
    const claimed = award(counter.db, 'till', 'AWARDED', at + 120_000, 2_000, 3);
    // A landline: refused at the counter today, but an award from before that rule must still sync.
    counter.db.prepare("UPDATE awards SET member_type = 'PHONENUMBER', member_id = NULL, country_code = '60', phone_number = '361234567' WHERE id = ?").run(estimated);
    confirmPoints(counter.db, confirmed, 40, at + 5_000);
    markClaimed(counter.db, claimed, at + 6_000);
    expect((await new HubPusher({ db: counter.db, client: counter.client }).pushPending()).status.kind).toBe('synced');
    const rows = await rig.pool.query<{ id: string; points_preview: number; points_confirmed: boolean; claimed_at: number | null; phone_number: string | null }>(
      'SELECT id, points_preview, points_confirmed, claimed_at, phone_number FROM awards WHERE terminal_id = $1 ORDER BY created_at',
      [counter.terminalId],
    );
    expect(rows.rows).toEqual([
      { id: confirmed, points_preview: 40, points_confirmed: true, claimed_at: null, phone_number: null },
      { id: estimated, points_preview: 12, points_confirmed: false, claimed_at: null, phone_number: '361234567' },
      { id: claimed, points_preview: 20, points_confirmed: false, claimed_at: at + 6_000, phone_number: null },
    ]);
    const totals = await rig.pool.query('SELECT SUM(points)::bigint AS points, SUM(unconfirmed)::bigint AS unconfirmed FROM award_totals WHERE terminal_id = $1', [counter.terminalId]);
    expect(totals.rows[0]).toEqual({ points: 72, unconfirmed: 2 });
  });

  it('retention never purges an award the hub has not acknowledged', async () => {
    const counter = await joinedCounter('Ampang', 'Till 3');
    const now = Date.UTC(2026, 10, 8);
    const unsent = award(counter.db, 'till', 'AWARDED', Date.UTC(2025, 0, 1));
    const recent = award(counter.db, 'till', 'AWARDED', now);
    expect(purgeFinishedAwards(counter.db, 30, now)).toBe(0);
    expect(counter.db.prepare('SELECT id FROM awards ORDER BY created_at').all()).toEqual([{ id: unsent }, { id: recent }]);
    await new HubPusher({ db: counter.db, client: counter.client }).pushPending();
    expect(purgeFinishedAwards(counter.db, 30, now)).toBe(1);
  });

  it('retention keeps the award holding the newest event, so event ids are never used twice', () => {
    const { db } = counterDb();
    award(db, 'till', 'AWARDED', Date.UTC(2026, 0, 1));
    const newest = (db.prepare('SELECT MAX(id) AS n FROM award_events').get() as { n: number }).n;
    expect(purgeFinishedAwards(db, 30, Date.UTC(2026, 10, 8))).toBe(0);
    award(db, 'till', 'AWARDED', Date.UTC(2026, 10, 8));
    expect((db.prepare('SELECT MIN(id) AS n FROM award_events WHERE award_id IN (SELECT id FROM awards ORDER BY created_at DESC LIMIT 1)').get() as { n: number }).n).toBe(newest + 1);
  });
});
