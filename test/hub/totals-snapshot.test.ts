// Head office's totals over whole days are the per-day summary less the claim QRs not seen claimed, read in two
// statements. A claim QR pushed between them must not be taken from a summary that never counted it: both reads are one
// snapshot. The test holds the second read on a lock, writes a claim QR meanwhile, and lets the read go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_OUTLETS } from '../../hub/history.ts';
import { hubTotals } from '../../hub/totals.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedPusher } from '../fixtures/hub-join.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const AT = Date.UTC(2026, 10, 20, 3);
/** `award()`'s member by index: its fourth is a claim QR. */
const QR = 3;
let rig: HubRig;

beforeAll(async () => {
  rig = await startHubRig();
  const { db } = counterDb();
  const pusher = await joinedPusher(rig, db, 'Kepong', 'Till 1');
  award(db, 'till', 'AWARDED', AT);
  award(db, 'till', 'AWARDED', AT + 60_000, 4590, QR);
  expect((await pusher.pushPending()).status.kind).toBe('synced');
  db.close();
}, 60_000);
afterAll(async () => rig?.close());

/** Sessions waiting on a lock while reading the awards table. */
async function readsWaitingOnAwards(): Promise<number> {
  const rows = await rig.pool.query(
    `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM awards a%'`,
  );
  return rows.rowCount ?? 0;
}

describe("head office's totals from the summary", () => {
  it('take the claim QRs from the same snapshot as the summary', async () => {
    const before = await hubTotals(rig.pool, {}, ALL_OUTLETS, 'outlet');
    expect(before).toMatchObject([{ key: 'Kepong', awards: 2, awardedAwards: 1, unclaimedQrs: 1 }]);

    const writer = await rig.pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query('LOCK TABLE awards IN ACCESS EXCLUSIVE MODE');
      const reading = hubTotals(rig.pool, {}, ALL_OUTLETS, 'outlet');
      await expect.poll(readsWaitingOnAwards, { timeout: 10_000 }).toBe(1);
      // Another claim QR arrives while the claim QRs' read waits: the summary was read before it.
      await writer.query(
        `INSERT INTO awards SELECT (jsonb_populate_record(NULL::awards, to_jsonb(a) || jsonb_build_object('id', gen_random_uuid()))).*
         FROM awards a WHERE a.member_type = 'QRCODE'`,
      );
      await writer.query('COMMIT');
      expect(await reading).toEqual(before);
    } finally {
      writer.release();
    }
    expect(await hubTotals(rig.pool, {}, ALL_OUTLETS, 'outlet')).toMatchObject([{ key: 'Kepong', awards: 3, awardedAwards: 1, unclaimedQrs: 2 }]);
  });
});
