// A replacement PC brings its terminal's history back from the hub. An award the hub last saw waiting to be sent may
// have been sent by the old PC after its last push (it sends first and pushes later, and it may have died in between),
// so the replacement holds it UNKNOWN for a manager instead of sending it a second time, and the evidence for it (and
// for one the hub saw UNKNOWN, which may have been resent) looks at RM's history up to the restore. A decision the old
// PC never reported is not carried out again; a dropped line or a sale rung up meanwhile costs nothing, and a restore cut
// short while it wrote is finished by the next (unless another PC has been the terminal since).
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAttempt } from '../../app/awards/attempts.ts';
import { attemptsOf, eventsOf, findAward } from '../../app/awards/records.ts';
import { gatherEvidence } from '../../app/awards/reconcile.ts';
import { createAward, transition } from '../../app/awards/transitions.ts';
import type { Db } from '../../app/store/database.ts';
import { hubNeighbours } from '../../app/sync/chain-neighbours.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { carryOnRefusal, restoreNeeded } from '../../app/sync/join-rules.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { restoreFromHub, RestoreError } from '../../app/sync/restore.ts';
import { trailIsEmpty } from '../../app/awards/trail.ts';
import { DEMO_MEMBERS } from '../../app/sandbox/index.ts';
import { awardDetail } from '../../hub/award-detail.ts';
import { decide, REENROLLED_OUTCOME } from '../../hub/decisions.ts';
import { ALL_OUTLETS } from '../../hub/history.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { BY_ID, makeRig, sale, waitFor, type Rig } from '../fixtures/award-rig.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedPusher, joinedTerminal } from '../fixtures/hub-join.ts';
import { startHubProxy } from '../fixtures/hub-proxy.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

let hub: HubRig;
const rigs: Rig[] = [];
beforeAll(async () => {
  hub = await startHubRig();
});
afterAll(async () => hub?.close());
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function rig(): Promise<Rig> {
  const made = await makeRig();
  rigs.push(made);
  return made;
}

/** The terminal enrolled again (the old PC's credential ends) and the replacement's empty database joined with it. */
const joinReplacement = (db: Db, outlet: string, terminal: string) => joinedTerminal(hub, db, outlet, terminal);

/** An old PC joined as `terminal` with `count` sales queued a millisecond apart from `at`, all pushed to the hub. */
async function oldPcWithSales(terminal: string, count: number, firstAmountSen: number, at: number) {
  const old = await rig();
  const pusher = await joinedPusher(hub, old.db, 'Kuching', terminal);
  const ids = Array.from({ length: count }, (_, i) => createAward(old.db, { id: randomUUID(), terminalId: 'T1', amountSen: firstAmountSen + i, member: BY_ID, cashier: 'Aina' }, 'cashier:Aina', at + i).award.id);
  expect((await pusher.pushPending()).status.kind).toBe('synced');
  return { old, ids };
}

/**
 * 510 awards waiting at an old PC, pushed; then the replacement's restore cut short while it wrote the second page.
 * The first page written holds the newest events (the last 10 sales). A page is one transaction, so a kill (a power
 * cut) leaves what this trigger leaves: the first page and nothing of the second.
 */
async function cutShort(terminal: string) {
  const { old, ids } = await oldPcWithSales(terminal, 510, 800, Date.UTC(2026, 10, 8));
  const replacement = await rig();
  const first = await joinReplacement(replacement.db, 'Kuching', terminal);
  replacement.db.exec(`CREATE TRIGGER power_cut BEFORE INSERT ON awards WHEN NEW.id = '${ids[0]}' BEGIN SELECT RAISE(ABORT, 'power cut'); END`);
  await expect(restoreFromHub(replacement.db, first.client, { terminal: first.terminal })).rejects.toThrow(/power cut/);
  replacement.db.exec('DROP TRIGGER power_cut');
  const counts = () => replacement.db.prepare("SELECT COUNT(*) AS awards, SUM(state = 'UNKNOWN') AS held FROM awards").get();
  expect(counts()).toEqual({ awards: 10, held: 10 });
  return { old, ids, replacement, first, counts };
}

/** The terminal enrolled again and its new code exchanged, as a PC joining again does before it restores. */
async function joinAgain(terminal: string) {
  const again = await enrolTerminal(hub.pool, 'Kuching', terminal, 'test', ENROL_AS_NAMED);
  const joined = await new HubClient(hub.hub.url, null).join(again.code);
  if (joined.kind !== 'ok') throw new Error(joined.message);
  return {
    joined: joined.value,
    client: new HubClient(hub.hub.url, joined.value.credential),
    terminal: { hubTerminalId: joined.value.terminalId, outlet: joined.value.outlet, terminal: joined.value.terminal },
  };
}

const heldAtHub = async (terminal: string) =>
  (
    await hub.pool.query<{ state: string; n: number }>(
      "SELECT a.state, COUNT(*)::int AS n FROM awards a JOIN terminals t ON t.id = a.terminal_id WHERE t.name = $1 GROUP BY a.state ORDER BY a.state",
      [terminal],
    )
  ).rows;

describe('restoring onto a replacement PC', () => {
  it('holds every award that waited to be sent, page by page, while its relay runs and a sale is made, and the hub takes it all', async () => {
    const old = await rig();
    const pusher = await joinedPusher(hub, old.db, 'Kuching', 'Till 1');
    const at = Date.UTC(2026, 10, 2, 2);
    // 520 sales queued offline: the first 500 are the restore's first page. One of them is left mid-send, then half of
    // the last 20 are sent and credited, so their events have higher ids than anything on the first page; the other
    // half of the second page still waits.
    const ids = Array.from({ length: 520 }, (_, i) => {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      createAward(old.db, { id, terminalId: 'T1', amountSen: 1000 + i, member: BY_ID, cashier: 'Aina' }, 'cashier:Aina', at + i * 1_000);
      return id;
    });
    const midSend = ids[3]!;
    startAttempt(old.db, findAward(old.db, midSend)!, { nonce: 'a'.repeat(32), timestamp: String(Math.floor(at / 1000) + 3_600) }, at + 3_600_000, null);
    const sent = ids.slice(500).filter((_, i) => i % 2 === 0);
    for (const id of sent) {
      transition(old.db, id, ['QUEUED'], { to: 'SENDING', actor: 'relay' }, at + 3_700_000);
      transition(old.db, id, ['SENDING'], { to: 'AWARDED', actor: 'relay' }, at + 3_700_001);
    }
    expect((await pusher.pushPending()).status.kind).toBe('synced');

    // The replacement's relay is running, with RM reachable, while the history comes back.
    const replacement = await rig();
    replacement.desk.startRelay();
    const { client, ackedSeq, terminal } = await joinReplacement(replacement.db, 'Kuching', 'Till 1');
    const restoredAt = at + 86_400_000;
    // A cashier rings up a sale while the pages are being written.
    const sold = randomUUID();
    let rungUp = false;
    const onProgress = (_awards: number, phase: string) => {
      if (phase !== 'written' || rungUp) return;
      rungUp = true;
      createAward(replacement.db, { id: sold, terminalId: 'T1', amountSen: 4200, member: BY_ID, cashier: 'Aina' }, 'cashier:Aina', Date.now());
      replacement.desk.wake();
    };
    expect(await restoreFromHub(replacement.db, client, { terminal, onProgress, now: () => restoredAt })).toEqual({ awards: 520, held: 510, alreadyHere: 0, ackedSeq });
    expect(rungUp).toBe(true);
    await waitFor(() => findAward(replacement.db, sold)?.state === 'AWARDED', 10_000);

    for (const id of ids.filter((id) => !sent.includes(id))) {
      expect(findAward(replacement.db, id), id).toMatchObject({ state: 'UNKNOWN', lastError: { code: 'RESTORED' } });
    }
    for (const id of sent) expect(findAward(replacement.db, id)?.state).toBe('AWARDED');
    // Nothing restored was sent: the only attempt is the old PC's, now marked interrupted as after a crash.
    expect(attemptsOf(replacement.db, midSend)).toMatchObject([{ nonce: 'a'.repeat(32), outcome: 'interrupted', finishedAt: restoredAt }]);
    expect((replacement.db.prepare('SELECT COUNT(*) AS n FROM attempts WHERE award_id != ?').get(sold) as { n: number }).n).toBe(1);
    // The holding events (on both pages) and the sale's come after everything the hub had: none took an id a later page
    // needed, and all of them go to the hub.
    const holds = replacement.db.prepare("SELECT MIN(id) AS first, COUNT(*) AS n FROM award_events WHERE error_code = 'RESTORED'").get();
    expect(holds).toEqual({ first: ackedSeq + 1, n: 510 });
    const sale = replacement.db.prepare('SELECT MIN(id) AS first FROM award_events WHERE award_id = ?').get(sold) as { first: number };
    expect(sale.first).toBeGreaterThan(ackedSeq);

    expect((await new HubPusher({ db: replacement.db, client }).pushPending()).status.kind).toBe('synced');
    expect(await heldAtHub('Till 1')).toEqual([{ state: 'AWARDED', n: 11 }, { state: 'UNKNOWN', n: 510 }]);
  });

  it('looks for the held award\'s credit up to the restore: one the old PC got after its last push is found, so it is not sent again', async () => {
    const old = await rig();
    const pusher = await joinedPusher(hub, old.db, 'Kuching', 'Till 2');
    // Queued three hours ago while the line was down; the hub has it as QUEUED.
    const id = '00000000-0000-4000-8000-000000009999';
    createAward(old.db, { id, terminalId: 'T1', amountSen: 1234, member: BY_ID, cashier: 'Aina' }, 'cashier:Aina', Date.now() - 3 * 3_600_000);
    expect((await pusher.pushPending()).status.kind).toBe('synced');
    // The line comes back: the old PC sends it (RM credits the member), and dies before it pushes again.
    old.desk.startRelay();
    await waitFor(() => findAward(old.db, id)?.state === 'AWARDED', 10_000);

    const replacement = await rig();
    const { client, ackedSeq, terminal } = await joinReplacement(replacement.db, 'Kuching', 'Till 2');
    expect(await restoreFromHub(replacement.db, client, { terminal })).toEqual({ awards: 1, held: 1, alreadyHere: 0, ackedSeq });
    const later = Date.now() + 5 * 60_000;
    // The chain is asked too. The hub's window for the award ends 15 minutes after its sale until it has the restore's
    // note: it says so, the note is sent, and the hub answers for the window running to the restore.
    let caughtUp = 0;
    const catchUp = () => {
      caughtUp += 1;
      return new HubPusher({ db: replacement.db, client }).pushPending();
    };
    const evidence = await gatherEvidence(replacement.db, id, old.rm.loyalty, later, hubNeighbours(client, catchUp, 5_000));
    expect(evidence.window.toMs).toBeGreaterThan(Date.now());
    expect(evidence.candidates.filter((c) => c.pointsMatch)).toHaveLength(1);
    expect(evidence.suggestion).toBe('credited');
    expect(caughtUp).toBe(1);
    const read = await hub.pool.query<{ detail: { toMs: number } }>("SELECT detail FROM audit WHERE action = 'award.neighbours' AND subject = $1", [id]);
    expect(read.rows.map((row) => row.detail.toMs)).toEqual([evidence.window.toMs]);

    // Head office weighs the same evidence the same way.
    expect((await new HubPusher({ db: replacement.db, client }).pushPending()).status.kind).toBe('synced');
    const detail = await awardDetail(hub.pool, id, ALL_OUTLETS);
    expect(detail.award.state).toBe('UNKNOWN');
    expect(detail.evidence).toMatchObject({ suggestion: 'credited', window: evidence.window });
  });

  it('leaves the database empty when the line drops halfway, so the next try starts afresh and completes', async () => {
    await oldPcWithSales('Till 3', 510, 500, Date.UTC(2026, 10, 3, 2));

    // The second page never arrives: the proxy cuts the connection asking for it.
    let dropSecondPage = true;
    const proxy = await startHubProxy(hub.hub.url, (path) => dropSecondPage && path.includes('/restore?cursor='));
    try {
      const replacement = await rig();
      const { client, credential, ackedSeq, terminal } = await joinReplacement(replacement.db, 'Kuching', 'Till 3');
      const viaProxy = new HubClient(proxy.url, credential);
      // A folder a restore killed by a power cut left behind.
      mkdirSync(`${replacement.dbPath}.restore-KILLED`);
      writeFileSync(`${replacement.dbPath}.restore-KILLED/00000001.json`, '[]');
      await expect(restoreFromHub(replacement.db, viaProxy, { terminal })).rejects.toThrow(RestoreError);
      expect(trailIsEmpty(replacement.db)).toBe(true);
      // Nothing of the pages stays on disk (they hold customers' phone numbers).
      expect(readdirSync(replacement.dir).filter((name) => name.includes('.restore-'))).toEqual([]);

      dropSecondPage = false;
      expect(await restoreFromHub(replacement.db, viaProxy, { terminal })).toEqual({ awards: 510, held: 510, alreadyHere: 0, ackedSeq });
      expect((await new HubPusher({ db: replacement.db, client }).pushPending()).status.kind).toBe('synced');
      expect(await heldAtHub('Till 3')).toEqual([{ state: 'UNKNOWN', n: 510 }]);
    } finally {
      proxy.close();
    }
  });

  it('refuses clearly, writing nothing, when a sale is made on the new PC while the pages come', async () => {
    await oldPcWithSales('Till 4', 501, 700, Date.UTC(2026, 10, 4));

    const replacement = await rig();
    const sale = { id: randomUUID(), terminalId: 'T1', amountSen: 990, member: BY_ID, cashier: 'Aina' };
    // The cashier rings up a sale while the second page is on its way.
    const proxy = await startHubProxy(hub.hub.url, (path) => {
      if (path.includes('/restore?cursor=')) createAward(replacement.db, sale, 'cashier:Aina', Date.now());
      return false;
    });
    try {
      const { credential, terminal } = await joinReplacement(replacement.db, 'Kuching', 'Till 4');
      await expect(restoreFromHub(replacement.db, new HubClient(proxy.url, credential), { terminal })).rejects.toThrow(/restore only onto an empty database/);
      expect((replacement.db.prepare('SELECT id FROM awards').all() as Array<{ id: string }>).map((row) => row.id)).toEqual([sale.id]);
      // This PC is no longer the terminal the hub knows (it holds less of the trail): joining it as that terminal is
      // refused, for its sale's events would never reach the hub.
      const again = await enrolTerminal(hub.pool, 'Kuching', 'Till 4', 'test', ENROL_AS_NAMED);
      const joined = await new HubClient(hub.hub.url, null).join(again.code);
      if (joined.kind !== 'ok') throw new Error(joined.message);
      expect(carryOnRefusal(replacement.db, joined.value)).toMatchObject({ key: 'hub.otherHistory' });
    } finally {
      proxy.close();
    }
  });

  it('notes an award the hub saw UNKNOWN, so a resend the old PC made after its last push is found in its evidence', async () => {
    let clock = Date.now() - 3 * 3_600_000;
    const old = await makeRig({ desk: { now: () => clock } });
    rigs.push(old);
    old.desk.startRelay();
    const pusher = await joinedPusher(hub, old.db, 'Kuching', 'Till 5');
    // Three hours ago RM answered 500: UNKNOWN, and the hub has it so.
    old.sandbox.setFault({ mode: 'http-5xx', status: 500, path: '/v3/loyalty/spending-reward', count: 1 });
    // A member no other test here awards, so no other counter's award at this hub explains the credit.
    const unknown = await old.desk.submit(sale(1234, { type: 'ID', memberId: DEMO_MEMBERS[1]!.memberId }), 'cashier:Aina', 5_000);
    expect(unknown.award.state).toBe('UNKNOWN');
    // Its manager looked then: RM showed nothing. That evidence goes to the hub with the award.
    expect((await gatherEvidence(old.db, unknown.award.id, old.rm.loyalty, clock + 5 * 60_000)).suggestion).toBe('resend');
    expect((await pusher.pushPending()).status.kind).toBe('synced');
    // Now the old PC's manager resends it (RM credits the member), and the PC dies before it pushes again.
    clock = Date.now();
    old.desk.resolve(unknown.award.id, 'resend', 'Lim', 'RM shows nothing');
    await waitFor(() => findAward(old.db, unknown.award.id)?.state === 'AWARDED', 10_000);

    const replacement = await rig();
    const { client, ackedSeq, terminal } = await joinReplacement(replacement.db, 'Kuching', 'Till 5');
    expect(await restoreFromHub(replacement.db, client, { terminal })).toEqual({ awards: 1, held: 0, alreadyHere: 0, ackedSeq });
    expect(eventsOf(replacement.db, unknown.award.id).at(-1)).toMatchObject({ from: 'UNKNOWN', to: 'UNKNOWN', errorCode: 'RESTORED' });
    // Head office no longer shows the evidence gathered before the restore: it is out of date.
    expect((await new HubPusher({ db: replacement.db, client }).pushPending()).status.kind).toBe('synced');
    expect((await awardDetail(hub.pool, unknown.award.id, ALL_OUTLETS)).evidence).toMatchObject({ gathered: null, explanationKey: 'evidence.headOffice', historyRead: false });

    const evidence = await gatherEvidence(replacement.db, unknown.award.id, old.rm.loyalty, Date.now() + 5 * 60_000);
    expect(evidence.suggestion).toBe('credited');
    expect((await new HubPusher({ db: replacement.db, client }).pushPending()).status.kind).toBe('synced');
    expect((await awardDetail(hub.pool, unknown.award.id, ALL_OUTLETS)).evidence).toMatchObject({ suggestion: 'credited', gathered: { by: 'Till 5' }, historyRead: true });
  });

  it('closes the decisions the old PC never reported when the terminal is enrolled again: none reaches the new PC', async () => {
    const { db: oldDb } = counterDb();
    const pusher = await joinedPusher(hub, oldDb, 'Kuching', 'Till 6');
    const id = award(oldDb, 'till', 'UNKNOWN', Date.UTC(2026, 10, 5));
    expect((await pusher.pushPending()).status.kind).toBe('synced');
    await decide(hub.pool, 'Boss', ALL_OUTLETS, id, 'resend', 'RM shows no credit');
    // The old PC may have carried it out and died before reporting: the hub cannot know.

    const replacement = await rig();
    const { client, ackedSeq, terminal } = await joinReplacement(replacement.db, 'Kuching', 'Till 6');
    const decisions = await hub.pool.query<{ outcome: string | null }>('SELECT outcome FROM decisions WHERE award_id = $1', [id]);
    expect(decisions.rows).toEqual([{ outcome: REENROLLED_OUTCOME }]);
    const audit = await hub.pool.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM audit WHERE action = 'decision.closed' AND subject = $1", [id]);
    expect(audit.rows).toEqual([{ n: 1 }]);
    expect(await restoreFromHub(replacement.db, client, { terminal })).toEqual({ awards: 1, held: 0, alreadyHere: 0, ackedSeq });
    expect((await new HubPusher({ db: replacement.db, client }).pushPending()).status.kind).toBe('synced');
    expect(findAward(replacement.db, id)?.state).toBe('UNKNOWN');
    oldDb.close();
  });

  it('finishes a restore cut short while it wrote: the next one of the same terminal writes only what is missing', async () => {
    const { replacement, first, counts } = await cutShort('Till 8');
    // The shop carries on meanwhile: a sale on the new PC, and the folder a kill would have left behind. Linked before
    // the restore (as `kaunter hub join` linked before December 2026), a sync sends the hub what this PC wrote: its own events.
    const sold = createAward(replacement.db, { id: randomUUID(), terminalId: 'T1', amountSen: 4400, member: BY_ID, cashier: 'Aina' }, 'cashier:Aina', Date.now()).award.id;
    // And one voided with a reason the hub cannot keep as it is (a NUL): the hub's copy is still this PC's own event.
    const voided = createAward(replacement.db, { id: randomUUID(), terminalId: 'T1', amountSen: 4500, member: BY_ID, cashier: 'Aina' }, 'cashier:Aina', Date.now()).award.id;
    transition(replacement.db, voided, ['QUEUED'], { to: 'VOIDED', actor: 'manager:Siti', reason: 'typed \u0000 twice' }, Date.now());
    mkdirSync(`${replacement.dbPath}.restore-KILLED`);
    expect((await first.pusher.pushPending()).status.kind).toBe('synced');

    // Another terminal's restore may not finish this one, nor may this PC join as another terminal.
    const { db: elsewhere } = counterDb();
    const other = await joinedTerminal(hub, elsewhere, 'Kuching', 'Till 8b');
    elsewhere.close();
    await expect(restoreFromHub(replacement.db, other.client, { terminal: other.terminal })).rejects.toThrow(/part of the history of terminal "Till 8" at Kuching/);
    expect(carryOnRefusal(replacement.db, { terminalId: other.terminal.hubTerminalId, ackedSeq: 0 })).toEqual({ key: 'hub.restoreOther', params: { outlet: 'Kuching', terminal: 'Till 8' } });

    // Enrolled again with a new code (the old one ends), joining as Till 8 finishes the restore.
    const { joined, client, terminal } = await joinAgain('Till 8');
    expect(carryOnRefusal(replacement.db, joined)).toBeNull();
    expect(restoreNeeded(replacement.db, joined)).toBe(true);
    // Already here: the first page, and the two sales (the hub has them now).
    expect(await restoreFromHub(replacement.db, client, { terminal })).toEqual({ awards: 500, held: 500, alreadyHere: 12, ackedSeq: joined.ackedSeq });
    expect(restoreNeeded(replacement.db, joined)).toBe(false);
    expect(readdirSync(replacement.dir).filter((name) => name.includes('.restore-'))).toEqual([]);
    // Every award is held exactly once, the sale keeps its own, and all of it reaches the hub.
    expect(counts()).toEqual({ awards: 512, held: 510 });
    const holds = replacement.db.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT award_id) AS awards FROM award_events WHERE error_code = 'RESTORED'").get();
    expect(holds).toEqual({ n: 510, awards: 510 });
    expect(findAward(replacement.db, sold)?.state).toBe('QUEUED');
    expect((await new HubPusher({ db: replacement.db, client }).pushPending()).status.kind).toBe('synced');
    expect(await heldAtHub('Till 8')).toEqual([{ state: 'QUEUED', n: 1 }, { state: 'UNKNOWN', n: 510 }, { state: 'VOIDED', n: 1 }]);
    // Finished, it is a database like any other: a further restore is refused.
    await expect(restoreFromHub(replacement.db, client, { terminal })).rejects.toThrow(/restore only onto an empty database/);
  });

  it('marks the restore begun in the same transaction as its first page: without the mark, no page is kept', async () => {
    await oldPcWithSales('Till 9', 3, 900, Date.UTC(2026, 10, 9));

    const replacement = await rig();
    const { client, ackedSeq, terminal } = await joinReplacement(replacement.db, 'Kuching', 'Till 9');
    replacement.db.exec("CREATE TRIGGER no_mark BEFORE INSERT ON restore_progress BEGIN SELECT RAISE(ABORT, 'no mark'); END");
    await expect(restoreFromHub(replacement.db, client, { terminal })).rejects.toThrow(/no mark/);
    // A page kept without its mark would be a partial history no later restore could finish.
    expect(trailIsEmpty(replacement.db)).toBe(true);
    replacement.db.exec('DROP TRIGGER no_mark');
    expect(await restoreFromHub(replacement.db, client, { terminal })).toEqual({ awards: 3, held: 3, alreadyHere: 0, ackedSeq });
  });

  it('refuses to finish a restore cut short once another PC has been the terminal since, and changes nothing', async () => {
    const { old, ids, replacement, counts } = await cutShort('Till 10');
    const before = counts();
    // The old PC is mended and joined again as Till 10 (head office's mistake): it sends one of the awards the
    // replacement already holds (RM credits the member), and tells the hub.
    const revived = await joinedTerminal(hub, old.db, 'Kuching', 'Till 10');
    transition(old.db, ids[505]!, ['QUEUED'], { to: 'SENDING', actor: 'relay' }, Date.now());
    transition(old.db, ids[505]!, ['SENDING'], { to: 'AWARDED', actor: 'relay' }, Date.now());
    expect((await revived.pusher.pushPending()).status.kind).toBe('synced');

    // The hub now has events this PC never wrote, on an award it holds, with ids it has used for its own: finishing
    // would leave this PC's events at those ids unsent, and the award UNKNOWN here and AWARDED there.
    const once = await joinAgain('Till 10');
    expect(carryOnRefusal(replacement.db, once.joined)).toBeNull();
    await expect(restoreFromHub(replacement.db, once.client, { terminal: once.terminal })).rejects.toThrow(/has changed since this PC's restore of it was cut short/);
    expect(counts()).toEqual(before);

    // With more than the replacement holds, joining is refused outright, and so is the restore.
    const revivedAgain = await joinedTerminal(hub, old.db, 'Kuching', 'Till 10');
    for (let i = 0; i < 20; i += 1) createAward(old.db, { id: randomUUID(), terminalId: 'T1', amountSen: 1100 + i, member: BY_ID, cashier: 'Aina' }, 'cashier:Aina', Date.now() + i);
    expect((await revivedAgain.pusher.pushPending()).status.kind).toBe('synced');
    const twice = await joinAgain('Till 10');
    expect(carryOnRefusal(replacement.db, twice.joined)).toMatchObject({ key: 'hub.otherHistory' });
    await expect(restoreFromHub(replacement.db, twice.client, { terminal: twice.terminal })).rejects.toThrow(/has changed since this PC's restore of it was cut short/);
    expect(counts()).toEqual(before);
  });

  it('refuses too when the other PC\'s event has the id and the award of one of this PC\'s own', async () => {
    const { old, replacement, first, counts } = await cutShort('Till 11');
    // This PC held the first page's awards after the hub's position: its first hold took the next id, on an award the
    // old PC also has. Revived, the old PC starts sending that award: its event takes that same id, on that same award.
    const firstHold = replacement.db.prepare('SELECT award_id AS awardId FROM award_events WHERE id = ?').get(first.ackedSeq + 1) as { awardId: string };
    const revived = await joinedTerminal(hub, old.db, 'Kuching', 'Till 11');
    transition(old.db, firstHold.awardId, ['QUEUED'], { to: 'SENDING', actor: 'relay' }, Date.now());
    expect(eventsOf(old.db, firstHold.awardId).at(-1)?.id).toBe(first.ackedSeq + 1);
    expect((await revived.pusher.pushPending()).status.kind).toBe('synced');
    const before = counts();

    const again = await joinAgain('Till 11');
    await expect(restoreFromHub(replacement.db, again.client, { terminal: again.terminal })).rejects.toThrow(/has changed since this PC's restore of it was cut short/);
    expect(counts()).toEqual(before);
  });

  it('writes the page with the newest event first, so a sale rung up between pages takes no id a later page needs', async () => {
    const old = await rig();
    const pusher = await joinedPusher(hub, old.db, 'Kuching', 'Till 7');
    // 501 awards, all credited: nothing to hold, and the newest events belong to the one on the second page.
    const ids = Array.from({ length: 501 }, (_, i) => createAward(old.db, { id: randomUUID(), terminalId: 'T1', amountSen: 300 + i, member: BY_ID, cashier: 'Aina' }, 'cashier:Aina', Date.UTC(2026, 10, 6) + i).award.id);
    for (const id of ids) {
      transition(old.db, id, ['QUEUED'], { to: 'SENDING', actor: 'relay' }, Date.UTC(2026, 10, 7));
      transition(old.db, id, ['SENDING'], { to: 'AWARDED', actor: 'relay' }, Date.UTC(2026, 10, 7));
    }
    expect((await pusher.pushPending()).status.kind).toBe('synced');

    const replacement = await rig();
    const { client, ackedSeq, terminal } = await joinReplacement(replacement.db, 'Kuching', 'Till 7');
    const sold = randomUUID();
    const onProgress = (_awards: number, phase: string) => {
      if (phase === 'written' && findAward(replacement.db, sold) === null) {
        createAward(replacement.db, { id: sold, terminalId: 'T1', amountSen: 4300, member: BY_ID, cashier: 'Aina' }, 'cashier:Aina', Date.now());
      }
    };
    expect(await restoreFromHub(replacement.db, client, { terminal, onProgress })).toEqual({ awards: 501, held: 0, alreadyHere: 0, ackedSeq });
    expect(eventsOf(replacement.db, sold).map((event) => event.id)).toEqual([ackedSeq + 1]);
    expect((await new HubPusher({ db: replacement.db, client }).pushPending()).status.kind).toBe('synced');
    expect(await heldAtHub('Till 7')).toEqual([{ state: 'AWARDED', n: 501 }, { state: 'QUEUED', n: 1 }]);
  });
});
