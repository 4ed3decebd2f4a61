// A hub upgraded before its counters may add fields to its answers. The counter reads what it knows and goes on
// syncing: before, one extra field made every sync "unreachable" while the hub had taken the batch (helper-59).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubPusher } from '../../app/sync/pusher.ts';
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
