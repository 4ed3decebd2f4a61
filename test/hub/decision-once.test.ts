// A head-office decision is carried out once at the counter. Its report to the hub can be lost (the shop's line drops),
// and the hub then offers the same decision at the next check-in; if a resend's award has meanwhile gone UNKNOWN again,
// carrying the decision out a second time would send that award to RM twice.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishSend, startAttempt } from '../../app/awards/attempts.ts';
import { AwardDesk } from '../../app/awards/award-desk.ts';
import { findAward } from '../../app/awards/records.ts';
import { resolveUnknown } from '../../app/awards/reconcile.ts';
import { recordAck } from '../../app/store/hub-sync.ts';
import { readBatch } from '../../app/sync/outgoing.ts';
import type { Db } from '../../app/store/database.ts';
import type { Resolve } from '../../app/sync/decisions.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { decide, SUPERSEDED_OUTCOME } from '../../hub/decisions.ts';
import { ALL_OUTLETS } from '../../hub/history.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedTerminal } from '../fixtures/hub-join.ts';
import { startHubProxy, type HubProxy } from '../fixtures/hub-proxy.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const AT = Date.UTC(2026, 10, 20, 3);
let rig: HubRig;
let proxy: HubProxy | undefined;
/** While true, the proxy drops the counter's decision reports before they reach the hub. */
let loseReports = false;
/** While true, the proxy drops the counter's check-ins: the hub hears its pushes, never asks it about decisions. */
let loseCheckIns = false;

let viaProxy: string;
beforeAll(async () => {
  rig = await startHubRig();
  proxy = await startHubProxy(
    rig.hub.url,
    (path) => (loseReports && path.startsWith('/api/terminal/v1/decisions/')) || (loseCheckIns && path.startsWith('/api/terminal/v1/check-in')),
  );
  viaProxy = proxy.url;
});
afterAll(async () => {
  proxy?.close();
  await rig?.close();
});

/** A counter joined to the hub through the proxy, with one UNKNOWN award the hub already has. */
async function unknownAtJoinedCounter(terminal: string, resolveThrough?: (db: Db, dbPath: string) => Resolve) {
  const { db, dbPath } = counterDb();
  const { client } = await joinedTerminal(rig, db, 'Melaka', terminal, viaProxy);
  const resolve = resolveThrough?.(db, dbPath);
  const pusher = new HubPusher({ db, client, now: () => AT + 60_000, ...(resolve ? { resolve } : {}) });
  const id = award(db, 'till', 'UNKNOWN', AT);
  expect((await pusher.pushPending()).status.kind).toBe('synced');
  return { db, pusher, id, client };
}

/** A send of the queued award whose answer is lost: UNKNOWN again. */
function sendAndLoseTheAnswer(db: Db, id: string, at: number): void {
  const nonce = randomUUID().replace(/-/g, '');
  startAttempt(db, findAward(db, id)!, { nonce, timestamp: String(Math.floor(at / 1000)) }, at, null);
  finishSend(db, findAward(db, id)!, { nonce, outcome: 'maybeApplied', errorCode: 'SYSTEM_ERROR', at: at + 1_000 }, 'SENDING', { to: 'UNKNOWN', actor: 'relay' }, at + 1_000);
}

function resendsOf(db: Db, id: string): Array<{ actor: string }> {
  return db.prepare("SELECT actor FROM award_events WHERE award_id = ? AND from_state = 'UNKNOWN' AND to_state = 'QUEUED' ORDER BY id").all(id) as Array<{ actor: string }>;
}

describe("a head-office decision at the counter", () => {
  it('is carried out once: a resend whose report was lost is reported again, not sent again', async () => {
    const { db, pusher, id } = await unknownAtJoinedCounter('Till 1');
    await decide(rig.pool, 'Boss', ALL_OUTLETS, id, 'resend', 'RM shows no credit for it');

    // The counter carries out the resend; its report is lost on the way.
    loseReports = true;
    expect((await pusher.pushPending()).status.kind).not.toBe('synced');
    expect(findAward(db, id)?.state).toBe('QUEUED');
    // The resend goes out and its answer is lost too: UNKNOWN again, with two attempts now.
    sendAndLoseTheAnswer(db, id, AT + 70_000);

    // The line is back: the hub offers the same decision again.
    loseReports = false;
    expect((await pusher.pushPending()).status.kind).toBe('synced');
    expect(findAward(db, id)?.state).toBe('UNKNOWN');
    expect(resendsOf(db, id)).toEqual([{ actor: 'manager:Boss (head office)' }]);
    // Its new unknown outcome is not the one head office decided on: the decision is closed, saying so.
    const atHub = await rig.pool.query<{ outcome: string | null; state: string }>('SELECT d.outcome, a.state FROM decisions d JOIN awards a ON a.id = d.award_id WHERE d.award_id = $1', [id]);
    expect(atHub.rows).toEqual([{ outcome: SUPERSEDED_OUTCOME, state: 'UNKNOWN' }]);
  }, 60_000);

  it("taken on an outcome the counter's own manager has since sent again, and that is unknown once more: closed, not carried out", async () => {
    const { db, pusher, id } = await unknownAtJoinedCounter('Till 4');
    await decide(rig.pool, 'Boss', ALL_OUTLETS, id, 'resend', 'RM shows no credit for attempt 1');
    // Before the counter checks in, its own manager resends, and that send's answer is lost: UNKNOWN again.
    resolveUnknown(db, id, 'resend', 'Lim', 'no credit in RM history', AT + 61_000);
    sendAndLoseTheAnswer(db, id, AT + 70_000);

    expect((await pusher.pushPending()).status.kind).toBe('synced');
    expect(resendsOf(db, id)).toEqual([{ actor: 'manager:Lim' }]);
    expect(findAward(db, id)?.state).toBe('UNKNOWN');
    const atHub = await rig.pool.query<{ outcome: string | null }>('SELECT outcome FROM decisions WHERE award_id = $1', [id]);
    expect(atHub.rows).toEqual([{ outcome: SUPERSEDED_OUTCOME }]);
    const audited = await rig.pool.query<{ action: string }>("SELECT action FROM audit WHERE subject = $1 AND action LIKE 'decision.%'", [id]);
    expect(audited.rows).toEqual([{ action: 'decision.closed' }]);
  }, 60_000);

  it('offered while the award changed here after the push (the hub had not heard): the change goes first, then only what holds', async () => {
    const { db, pusher, id, client } = await unknownAtJoinedCounter('Till 5');
    await decide(rig.pool, 'Boss', ALL_OUTLETS, id, 'resend', 'RM shows no credit for attempt 1');
    // The hub answers the check-in from what it had; between its answer and the counter reading it, the counter's manager
    // resends and the send ends unknown.
    const checkIn = client.checkIn.bind(client);
    let first = true;
    client.checkIn = async () => {
      const answer = await checkIn();
      if (first) {
        first = false;
        expect(answer.kind === 'ok' && answer.value.decisions.map((decision) => decision.awardId)).toEqual([id]);
        resolveUnknown(db, id, 'resend', 'Lim', 'no credit in RM history', AT + 61_000);
        sendAndLoseTheAnswer(db, id, AT + 70_000);
      }
      return answer;
    };

    expect((await pusher.pushPending()).status.kind).toBe('synced');
    expect(resendsOf(db, id)).toEqual([{ actor: 'manager:Lim' }]);
    const atHub = await rig.pool.query<{ outcome: string | null }>('SELECT outcome FROM decisions WHERE award_id = $1', [id]);
    expect(atHub.rows).toEqual([{ outcome: SUPERSEDED_OUTCOME }]);
  }, 60_000);

  it("one the counter cannot carry out (its manager settled the award first) is refused, and that report is what is sent again", async () => {
    const { db, pusher, id } = await unknownAtJoinedCounter('Till 2');
    await decide(rig.pool, 'Boss', ALL_OUTLETS, id, 'void', 'customer left');
    resolveUnknown(db, id, 'credited', 'Lim', 'RM shows +12 at 11:00', AT + 30_000);

    loseReports = true;
    expect((await pusher.pushPending()).status.kind).not.toBe('synced');
    const kept = db.prepare('SELECT outcome, message FROM hub_decisions').all() as Array<{ outcome: string; message: string }>;
    expect(kept).toEqual([{ outcome: 'refused', message: expect.stringMatching(/AWARDED/) as unknown }]);
    loseReports = false;
    expect((await pusher.pushPending()).status.kind).toBe('synced');
    expect(findAward(db, id)?.state).toBe('AWARDED');
    const atHub = await rig.pool.query<{ outcome: string }>('SELECT outcome FROM decisions WHERE award_id = $1', [id]);
    expect(atHub.rows).toEqual([{ outcome: expect.stringMatching(/^refused: .*AWARDED/) as unknown }]);
  }, 60_000);

  it('taken again while the counter has not checked in since its award became UNKNOWN again: the old one is closed', async () => {
    const { db, pusher, id } = await unknownAtJoinedCounter('Till 6');
    await decide(rig.pool, 'Boss', ALL_OUTLETS, id, 'void', 'customer left');
    loseCheckIns = true;
    try {
      resolveUnknown(db, id, 'resend', 'Lim', 'no credit in RM history', AT + 61_000);
      sendAndLoseTheAnswer(db, id, AT + 70_000);
      // The hub has the new unknown outcome from the push; the counter has not been asked about the old decision.
      await pusher.pushPending();
    } finally {
      loseCheckIns = false;
    }
    const again = await decide(rig.pool, 'Boss', ALL_OUTLETS, id, 'credited', 'RM history shows +12 at the second attempt');
    const atHub = await rig.pool.query<{ id: string; outcome: string | null }>('SELECT id, outcome FROM decisions WHERE award_id = $1 ORDER BY decided_at', [id]);
    expect(atHub.rows).toEqual([
      { id: expect.any(String) as unknown, outcome: SUPERSEDED_OUTCOME },
      { id: again.id, outcome: null },
    ]);
    expect((await pusher.pushPending()).status.kind).toBe('synced');
    expect(findAward(db, id)?.state).toBe('AWARDED');
  }, 60_000);

  it('taken while the hub had the award\'s UNKNOWN snapshot before the event that made it so: carried out', async () => {
    const { db } = counterDb();
    const { client } = await joinedTerminal(rig, db, 'Melaka', 'Till 7', viaProxy);
    const id = award(db, 'till', 'UNKNOWN', AT);
    // A backlog pushed one event at a time: the first batch carries the award as it stands now (UNKNOWN), and only
    // its first event (QUEUED).
    const first = readBatch(db, 1);
    expect(first?.events.map((event) => event.to)).toEqual(['QUEUED']);
    const pushed = await client.push(first!);
    if (pushed.kind !== 'ok') throw new Error(pushed.message);
    recordAck(db, pushed.value.ackedSeq);
    await decide(rig.pool, 'Boss', ALL_OUTLETS, id, 'void', 'customer left');

    // The rest of the backlog brings the event that made it UNKNOWN: the outcome head office decided on, not a new one.
    const pusher = new HubPusher({ db, client, now: () => AT + 60_000 });
    expect((await pusher.pushPending()).status.kind).toBe('synced');
    expect(findAward(db, id)?.state).toBe('VOIDED');
    const atHub = await rig.pool.query<{ outcome: string | null }>('SELECT outcome FROM decisions WHERE award_id = $1', [id]);
    expect(atHub.rows).toEqual([{ outcome: 'carried out' }]);
  }, 60_000);

  it('reaches the screens only once it is recorded: while its record cannot be written, nothing is announced or sent', async () => {
    const told: string[] = [];
    const inTransactionWhenTold: boolean[] = [];
    let desk: AwardDesk | undefined;
    const { db, pusher, id } = await unknownAtJoinedCounter('Till 3', (db, dbPath) => {
      desk = new AwardDesk({ db, dbPath, terminalId: 'till', loyalty: null, probe: () => Promise.resolve(false), onAwardChanged: (changed) => told.push(changed.state) });
      return (awardId, decision, manager, reason) => {
        const { afterCommit } = desk!.settle(awardId, decision, manager, reason);
        return () => {
          inTransactionWhenTold.push(db.inTransaction);
          afterCommit();
        };
      };
    });
    await decide(rig.pool, 'Boss', ALL_OUTLETS, id, 'resend', 'RM shows no credit for it');

    db.exec("CREATE TEMP TRIGGER refuse_reports BEFORE INSERT ON main.hub_decisions BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    await expect(pusher.pushPending()).rejects.toThrow(/disk I\/O error/);
    expect(findAward(db, id)?.state).toBe('UNKNOWN');
    expect(told).toEqual([]);

    db.exec('DROP TRIGGER temp.refuse_reports');
    expect((await pusher.pushPending()).status.kind).toBe('synced');
    expect(findAward(db, id)?.state).toBe('QUEUED');
    expect(told).toEqual(['QUEUED']);
    expect(inTransactionWhenTold).toEqual([false]);
    await desk?.close();
  }, 60_000);
});
