// A hub upgraded before its counters may add fields to its answers. The counter reads what it knows and goes on
// syncing: before, one extra field made every sync "unreachable" while the hub had taken the batch (helper-59). A
// replacement PC restores too, keeping none of the fields it does not know.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepEvidence, keptEvidence } from '../../app/awards/evidence-store.ts';
import { attemptsOf, eventsOf, findAward } from '../../app/awards/records.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { restoreFromHub } from '../../app/sync/restore.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedTerminal } from '../fixtures/hub-join.ts';
import { startHubProxy, type HubProxy } from '../fixtures/hub-proxy.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const AT = Date.UTC(2026, 10, 20, 3);
let rig: HubRig;
let proxy: HubProxy;
let reshaped = 0;

/** A newer hub's answer: every object in it carries a field this Kaunter does not know. */
function withNewerFields(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(withNewerFields);
  if (json === null || typeof json !== 'object') return json;
  reshaped += 1;
  return { ...Object.fromEntries(Object.entries(json).map(([key, value]) => [key, withNewerFields(value)])), hubVersion: 2 };
}

beforeAll(async () => {
  rig = await startHubRig();
  proxy = await startHubProxy(rig.hub.url, () => false, 0, withNewerFields);
});
afterAll(async () => {
  proxy?.close();
  await rig?.close();
});

describe('a counter syncing with a newer hub', () => {
  it('joins, pushes, checks in and asks of a receipt, reading past the fields it does not know', async () => {
    const { db } = counterDb();
    const { client } = await joinedTerminal(rig, db, 'Melaka', 'till-1', proxy.url);
    const pusher = new HubPusher({ db, client, now: () => AT + 60_000 });
    award(db, 'till-1', 'AWARDED', AT);
    expect((await pusher.pushPending()).status.kind).toBe('synced');
    expect(await client.checkIn()).toMatchObject({ kind: 'ok', value: { decisions: [] } });
    expect(await client.receiptCheck({ receiptRef: `R${AT}`, sinceMs: AT - 1 })).toMatchObject({ kind: 'ok', value: { earlier: null } });
    expect(reshaped).toBeGreaterThanOrEqual(4);
  });
});

describe('a replacement PC restoring from a newer hub', () => {
  it('brings the history back with what it knows of each record, and keeps none of the fields it does not know', async () => {
    const { db: old } = counterDb();
    const oldPc = await joinedTerminal(rig, old, 'Melaka', 'till-2');
    const ids = [award(old, 'till-2', 'AWARDED', AT), award(old, 'till-2', 'CANCELLED', AT + 1_000, 900, 1), award(old, 'till-2', 'UNKNOWN', AT + 2_000)];
    const unknown = ids[2]!;
    const candidate = { entry: { type: 'EARN', points: 12, createdAt: '2026-11-20T11:00:05+08:00' }, secondsFromAttempt: 5, pointsMatch: true };
    keepEvidence(old, { awardId: unknown, memberId: 'M-1001', expectedPoints: 12, window: { fromMs: AT, toMs: AT + 900_000 }, candidates: [candidate] }, AT + 600_000);
    expect((await oldPc.pusher.pushPending()).status.kind).toBe('synced');

    const { db } = counterDb();
    const replacement = await joinedTerminal(rig, db, 'Melaka', 'till-2', proxy.url);
    const before = reshaped;
    expect(await restoreFromHub(db, replacement.client, { terminal: replacement.terminal, now: () => AT + 3_600_000 })).toMatchObject({ awards: 3 });
    expect(reshaped - before).toBeGreaterThanOrEqual(ids.length * 5);
    for (const id of ids.slice(0, 2)) {
      expect(findAward(db, id)).toEqual(findAward(old, id));
      expect(attemptsOf(db, id)).toEqual(attemptsOf(old, id));
      expect(eventsOf(db, id)).toEqual(eventsOf(old, id));
    }
    // Read back by the counter's own strict rules: an unknown field kept in the stored evidence would make it unreadable.
    expect(keptEvidence(db, unknown)).toEqual(keptEvidence(old, unknown));
    const stored = db.prepare('SELECT evidence FROM award_evidence').all();
    expect(JSON.stringify(stored)).not.toContain('hubVersion');

    // What it knows is still read by its rules: an amount it cannot read (beside the fields it does not know) stops the
    // restore, and nothing is written.
    const unreadableAmounts = (json: unknown): unknown => JSON.parse(JSON.stringify(withNewerFields(json), (key, value: unknown) => (key === 'amountSen' ? 'RM 12.50' : value)));
    const broken = await startHubProxy(rig.hub.url, () => false, 0, unreadableAmounts);
    const { db: other } = counterDb();
    const refused = await joinedTerminal(rig, other, 'Melaka', 'till-2', broken.url);
    await expect(restoreFromHub(other, refused.client, { terminal: refused.terminal })).rejects.toThrow(/does not understand: update Kaunter/);
    expect(other.prepare('SELECT COUNT(*) AS n FROM awards').get()).toEqual({ n: 0 });
    broken.close();
    old.close();
    db.close();
    other.close();
  });
});

