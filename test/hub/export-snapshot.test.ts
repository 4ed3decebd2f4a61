// Head office's export counts its rows in the snapshot it reads them from: awards pushed while an export runs are in
// neither its total nor its rows, so the page's "Exported N of M" never passes M and the header's count is the file's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubPusher } from '../../app/sync/pusher.ts';
import type { Db } from '../../app/store/database.ts';
import { exportHubCsv } from '../../hub/export.ts';
import { ALL_OUTLETS } from '../../hub/history.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedPusher } from '../fixtures/hub-join.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';
import { csvSink } from '../fixtures/csv-sink.ts';

const AT = Date.UTC(2026, 10, 25, 2, 0, 0);
let rig: HubRig;
let db: Db;
let pusher: HubPusher;

beforeAll(async () => {
  rig = await startHubRig();
  db = counterDb().db;
  pusher = await joinedPusher(rig, db, 'Ipoh', 'Till 1');
  for (let i = 0; i < 3; i += 1) award(db, 'till-1', 'AWARDED', AT + i * 60_000);
  await pusher.pushPending();
});
afterAll(async () => rig?.close());

describe("head office's export", () => {
  it('counts in its own snapshot: awards pushed after the count are in neither the total nor the rows', async () => {
    const sink = csvSink();
    const progress: Array<[number, number]> = [];
    let total = -1;
    const written = await exportHubCsv(rig.pool, {}, ALL_OUTLETS, sink.out, {
      onTotal: async (counted) => {
        total = counted;
        // Another counter's push lands between the count and the first row.
        award(db, 'till-1', 'AWARDED', AT + 10 * 60_000);
        award(db, 'till-1', 'AWARDED', AT + 11 * 60_000);
        await pusher.pushPending();
      },
      onProgress: (done, of) => progress.push([done, of]),
    });
    const rows = sink.rows();
    expect(total).toBe(3);
    expect(written).toBe(3);
    expect(rows).toHaveLength(3);
    expect(progress.at(-1)).toEqual([3, 3]);
    const stored = await rig.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM awards');
    expect(Number(stored.rows[0]?.n)).toBe(5);
  });
});
