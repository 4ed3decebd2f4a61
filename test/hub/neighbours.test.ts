// Chain-wide reconciliation: a credit in the member's RM history that another counter's award explains is not taken as
// proof that this counter's UNKNOWN award was applied.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AwardDesk } from '../../app/awards/award-desk.ts';
import { httpProbe } from '../../app/awards/connectivity.ts';
import { gatherEvidence } from '../../app/awards/reconcile.ts';
import { openDatabase } from '../../app/store/database.ts';
import { hubNeighbours } from '../../app/sync/chain-neighbours.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { linkToHub, type HubLink } from '../../app/store/hub-sync.ts';
import { linkOf } from '../../app/sync/outgoing.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { awardDetail } from '../../hub/award-detail.ts';
import { ALL_OUTLETS } from '../../hub/history.ts';
import { neighboursOf } from '../../hub/neighbours.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { addUser } from '../../hub/users.ts';
import type { Award } from '../../app/awards/award.ts';
import type { MemberIdentity } from '../../app/common/member.ts';
import { evidenceWindow, keptCandidates, sendSpan } from '../../app/awards/rm-evidence.ts';
import { BY_ID, BY_PHONE, makeRig, sale, waitFor, type Rig } from '../fixtures/award-rig.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

let hub: HubRig;
let rig: Rig;
beforeAll(async () => {
  hub = await startHubRig();
});
afterAll(async () => hub?.close());
afterEach(async () => rig?.close());

async function enrol(outlet: string, terminal: string): Promise<{ client: HubClient; link: HubLink }> {
  const enrolment = await enrolTerminal(hub.pool, outlet, terminal, 'test', ENROL_AS_NAMED);
  const answer = await new HubClient(hub.hub.url, null).join(enrolment.code);
  if (answer.kind !== 'ok') throw new Error(answer.message);
  return { client: new HubClient(hub.hub.url, answer.value.credential), link: linkOf(hub.hub.url, answer.value, 0) };
}

/** Counter B (another outlet) awards the member 12.34 successfully (`agoMs` before now) and pushes it to the hub. */
async function creditedAtAnotherCounter(terminal: string, member: MemberIdentity = BY_ID, agoMs = 0): Promise<{ id: string; close: () => Promise<void> }> {
  const path = join(rig.dir, `other-${terminal}.db`);
  const otherDb = openDatabase(path);
  const other = new AwardDesk({ db: otherDb, dbPath: path, terminalId: 'B1', loyalty: rig.rm.loyalty, probe: httpProbe(rig.sandbox.url), idleCheckMs: 50, now: () => Date.now() - agoMs });
  other.startRelay();
  const { client: otherClient, link } = await enrol('Penang', terminal);
  linkToHub(otherDb, link);
  const credited = await other.submit(sale(1234, member, { id: randomUUID(), pointsPreview: 12 }), 'cashier:Mei', 5_000);
  expect(credited.award.state).toBe('AWARDED');
  expect((await new HubPusher({ db: otherDb, client: otherClient }).pushPending()).status.kind).toBe('synced');
  return {
    id: credited.award.id,
    async close() {
      await other.close();
      otherDb.close();
    },
  };
}

/** Counter B has credited the member; counter A (this rig, its relay running) is joined as `terminal` at Johor. */
async function besideCreditedCounter(terminal: string) {
  rig = await makeRig();
  rig.desk.startRelay();
  const credited = await creditedAtAnotherCounter(terminal);
  const { client, link } = await enrol('Johor', terminal);
  linkToHub(rig.db, link);
  return { credited, client };
}

/** Counter A's award of the same size to the same member was never applied, but its outcome is unknown. */
async function unknownHere(): Promise<Award> {
  rig.sandbox.setFault({ mode: 'http-5xx', status: 500, path: '/v3/loyalty/spending-reward', count: 1 });
  const unknown = await rig.desk.submit(sale(1234, BY_ID, { pointsPreview: 12 }), 'cashier:Aina', 5_000);
  expect(unknown.award.state).toBe('UNKNOWN');
  return unknown.award;
}

describe('chain-wide neighbours', () => {
  it('another counter crediting the same member at the same time is not evidence for this award', async () => {
    const { credited, client } = await besideCreditedCounter('Till 1');
    const unknown = await unknownHere();
    const later = Date.now() + 3 * 60_000;

    // Alone, A sees one matching credit and nothing that explains it: it would suggest "credited".
    const alone = await gatherEvidence(rig.db, unknown.id, rig.rm.loyalty, later);
    expect(alone.suggestion).toBe('credited');
    // With the chain, B's award explains that credit. The hub has not got A's award yet (the hub answers only about a
    // counter's own awards): it is sent first, then asked about.
    const pusher = new HubPusher({ db: rig.db, client });
    let caughtUp = 0;
    const catchUp = () => {
      caughtUp += 1;
      return pusher.pushPending();
    };
    const chained = await gatherEvidence(rig.db, unknown.id, rig.rm.loyalty, later, hubNeighbours(client, catchUp, 5_000));
    expect(caughtUp).toBe(1);
    // With where it was made, for the manager deciding.
    expect(chained.neighbours).toMatchObject([{ id: credited.id, state: 'AWARDED', pointsPreview: 12, place: { outlet: 'Penang', terminal: 'Till 1' } }]);
    expect(chained.suggestion).toBe('resend');
    await credited.close();
  });

  it('a counter\'s credential reads the chain\'s awards only to its own awards\' members, around its own awards, whatever it names', async () => {
    const { credited, client } = await besideCreditedCounter('Till 3');
    // Another counter credited this counter's member too, two hours ago.
    const earlier = await creditedAtAnotherCounter('Till 4', BY_PHONE, 2 * 3_600_000);
    // This counter's own award, to that member, at the hub.
    const own = await rig.desk.submit(sale(500, BY_PHONE, { pointsPreview: 5 }), 'cashier:Aina', 5_000);
    expect((await new HubPusher({ db: rig.db, client }).pushPending()).status.kind).toBe('synced');
    const sent = rig.desk.detail(own.award.id);
    const ownWindow = evidenceWindow(sendSpan(own.award.createdAt, sent?.attempts ?? [], sent?.events ?? []));
    const longBefore = { fromMs: Date.now() - 3 * 3_600_000, toMs: ownWindow.toMs };

    // Naming B's member with its own award, an award the hub does not have, or B's award: none of B's awards comes back.
    expect(await client.neighbours({ awardId: own.award.id, member: BY_ID, ...ownWindow })).toEqual({ kind: 'ok', value: { items: [] } });
    for (const awardId of [randomUUID(), credited.id]) {
      expect(await client.neighbours({ awardId, member: BY_ID, ...ownWindow })).toMatchObject({ kind: 'refused', code: 'AWARD_NOT_SENT', message: expect.stringMatching(/does not have this award from this terminal yet/) as unknown });
    }
    // Its own member's awards two hours before its own award are outside the award's window: the hub cuts the window to
    // it, and refuses one reaching past its end as not yet sent. Head office, asking the same, sees that award.
    expect(await client.neighbours({ awardId: own.award.id, member: BY_PHONE, ...longBefore })).toEqual({ kind: 'ok', value: { items: [] } });
    expect(await client.neighbours({ awardId: own.award.id, member: BY_PHONE, fromMs: ownWindow.fromMs, toMs: ownWindow.toMs + 1 })).toMatchObject({ kind: 'refused', code: 'AWARD_NOT_SENT', message: expect.stringMatching(/latest send/) as unknown });
    expect(await neighboursOf(hub.pool, own.award.id, BY_PHONE, longBefore.fromMs, longBefore.toMs)).toContainEqual(expect.objectContaining({ id: earlier.id, outlet: 'Penang' }));
    // What a counter read is in the audit, with the window it was answered for.
    const audited = await hub.pool.query<{ detail: Record<string, number> }>("SELECT detail FROM audit WHERE action = 'award.neighbours' AND subject = $1 ORDER BY id", [own.award.id]);
    expect(audited.rows.map((row) => row.detail)).toEqual([
      { ...ownWindow, answered: 0 },
      { ...ownWindow, answered: 0 },
    ]);
    // Head office's own screen cuts a window the counter pushed with its evidence the same way: one pushed reaching back
    // hours shows an outlet's manager no award to the member from before this award's window.
    const pushed = { gatheredAt: Date.now(), memberId: 'M-1', expectedPoints: 5, window: longBefore, candidates: [] };
    await hub.pool.query('INSERT INTO award_evidence (award_id, gathered_at, evidence) VALUES ($1, $2, $3)', [own.award.id, pushed.gatheredAt, JSON.stringify(pushed)]);
    const detail = await awardDetail(hub.pool, own.award.id, ALL_OUTLETS);
    expect(detail.evidence.window).toEqual(ownWindow);
    expect(detail.neighbours.map((neighbour) => neighbour.id)).not.toContain(earlier.id);
    await earlier.close();
    // A push that does not finish in time: the counter stands on its own evidence, without waiting for it.
    const unknown = await unknownHere();
    const started = Date.now();
    const never = () => new Promise(() => undefined);
    const evidence = await gatherEvidence(rig.db, unknown.id, rig.rm.loyalty, Date.now() + 3 * 60_000, hubNeighbours(client, never, 200));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(evidence.neighbours).toEqual([]);
    await credited.close();
  });

  it('the RM evidence a counter gathers goes to the hub with the award, and head office weighs it against the chain', async () => {
    const { credited, client } = await besideCreditedCounter('Till 2');
    const unknown = await unknownHere();
    const later = Date.now() + 3 * 60_000;

    // The counter asks RM (on its own, as before it joined: it sees the credit and nothing else explaining it).
    const gathered = await gatherEvidence(rig.db, unknown.id, rig.rm.loyalty, later);
    expect(gathered.suggestion).toBe('credited');
    expect(gathered.candidates.filter((c) => c.pointsMatch)).toMatchObject([{ entry: { points: 12 } }]);
    const trail = () => rig.desk.detail(unknown.id)?.events.filter((e) => e.actor === 'evidence') ?? [];
    expect(trail()).toHaveLength(1);
    // Hearing the same again adds nothing to the trail.
    await gatherEvidence(rig.db, unknown.id, rig.rm.loyalty, later + 1_000);
    expect(trail()).toHaveLength(1);
    expect((await new HubPusher({ db: rig.db, client }).pushPending()).status.kind).toBe('synced');

    // Head office: RM's credit as the counter saw it, the other counter's award beside it, and so "resend".
    await addUser(hub.pool, { name: 'Chief', role: 'head-office', password: 'correct horse battery' }, 'test');
    const login = await fetch(`${hub.hub.url}/api/hub/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Chief', password: 'correct horse battery' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const detail = (await (await fetch(`${hub.hub.url}/api/hub/v1/awards/${unknown.id}`, { headers: { cookie } })).json()) as { evidence: Record<string, unknown> };
    expect(detail.evidence).toMatchObject({
      awardId: unknown.id,
      memberId: BY_ID.memberId,
      expectedPoints: 12,
      candidates: keptCandidates(gathered.candidates),
      neighbours: expect.arrayContaining([{ id: credited.id, state: 'AWARDED', pointsPreview: 12, createdAt: expect.any(Number) as unknown, place: { outlet: 'Penang', terminal: 'Till 2' } }]) as unknown,
      suggestion: 'resend',
      explanationKey: 'evidence.resend',
      gathered: { at: later, by: 'Till 2' },
    });
    await credited.close();
  });

  it('an unreachable hub leaves the counter\'s own evidence as it was', async () => {
    rig = await makeRig();
    rig.desk.startRelay();
    rig.sandbox.setFault({ mode: 'http-5xx', status: 500, path: '/v3/loyalty/spending-reward', count: 1 });
    const unknown = await rig.desk.submit(sale(999, BY_ID, { pointsPreview: 9 }), 'cashier:Aina', 5_000);
    const evidence = await gatherEvidence(rig.db, unknown.award.id, rig.rm.loyalty, Date.now() + 3 * 60_000, hubNeighbours(new HubClient('http://127.0.0.1:9', 'kht1.x'), () => Promise.resolve()));
    expect(evidence).toMatchObject({ neighbours: [], suggestion: 'resend' });
  });

  it('an award another counter queued hours before and sent in the window is a neighbour, by when it was sent', async () => {
    rig = await makeRig();
    const otherPath = join(rig.dir, 'queued-early.db');
    const otherDb = openDatabase(otherPath);
    let clock = Date.now() - 2 * 3_600_000;
    const other = new AwardDesk({ db: otherDb, dbPath: otherPath, terminalId: 'B2', loyalty: rig.rm.loyalty, probe: httpProbe(rig.sandbox.url), idleCheckMs: 50, now: () => clock });
    try {
      const { client, link } = await enrol('Ipoh', 'Till 2');
      linkToHub(otherDb, link);
      // Queued two hours ago while the line was down, sent (and credited) now that it is back.
      const early = other.queue(sale(1234, BY_PHONE, { id: randomUUID(), pointsPreview: 12 }), 'cashier:Mei');
      clock = Date.now();
      other.startRelay();
      other.wake();
      await waitFor(() => other.detail(early.id)?.award.state === 'AWARDED', 10_000);
      expect((await new HubPusher({ db: otherDb, client }).pushPending()).status.kind).toBe('synced');
      // The window of an award of this counter's to the member, made a moment ago.
      const around = await neighboursOf(hub.pool, randomUUID(), BY_PHONE, Date.now() - 5 * 60_000, Date.now() + 15 * 60_000);
      expect(around).toContainEqual(expect.objectContaining({ id: early.id, state: 'AWARDED', outlet: 'Ipoh' }));
    } finally {
      await other.close();
      otherDb.close();
    }
  });
});
