// Head office's CSV names each member as the counter's screens do (memberText), so a manager reading the sheet at month
// end finds the member a cashier saw: a phone grouped as Malaysians write it and kept as text, a member ID as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportHubCsv } from '../../hub/export.ts';
import { ALL_OUTLETS } from '../../hub/history.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedPusher } from '../fixtures/hub-join.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';
import { csvSink } from '../fixtures/csv-sink.ts';

const AT = Date.UTC(2026, 10, 25, 2, 0, 0);
let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
  const { db } = counterDb();
  const pusher = await joinedPusher(rig, db, 'Klang', 'Till 1');
  // The fixture's members in turn: M-1001, the phone 172826990, M-1002, a claim QR.
  for (let member = 0; member < 4; member += 1) award(db, 'till-1', 'AWARDED', AT + member * 60_000, 1250, member);
  await pusher.pushPending();
});
afterAll(async () => rig?.close());

describe("head office's CSV names members as the screens do", () => {
  it('a phone reads +60 17-282 6990 as text; member IDs and claim QRs keep their cells', async () => {
    const sink = csvSink();
    await exportHubCsv(rig.pool, {}, ALL_OUTLETS, sink.out);
    const members = sink.rows().map((row) => [row['Member type'], row['Member ID'], row.Phone]);
    // Newest first, as head office's history reads.
    expect(members).toEqual([
      ['QRCODE', '', ''],
      ['ID', 'M-1002', ''],
      ['PHONENUMBER', '', '="+60 17-282 6990"'],
      ['ID', 'M-1001', ''],
    ]);
  });
});
