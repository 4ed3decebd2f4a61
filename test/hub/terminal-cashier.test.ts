// Head office's view of the awards of a shop without a cashier list: they arrive with the terminal as a code (or, from
// an older counter, as the English words "Terminal <name>"); the hub keeps what the counter recorded, its CSV says
// "Terminal <name>" for both, and its pages, the counter's own screens, say it in the reader's language
// (test/ui/terminal-cashier.test.tsx).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalAsCashier } from '../../app/common/cashier.ts';
import { exportHubCsv } from '../../hub/export.ts';
import { ALL_OUTLETS, hubHistoryPage } from '../../hub/history.ts';
import { hubTotals } from '../../hub/totals.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedPusher } from '../fixtures/hub-join.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';
import { csvSink } from '../fixtures/csv-sink.ts';

const AT = Date.UTC(2026, 10, 25, 2, 0, 0);
let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
  const { db } = counterDb();
  const pusher = await joinedPusher(rig, db, 'Seremban', 'Kaunter 2');
  award(db, 'till-2', 'AWARDED', AT, 1000, 0, terminalAsCashier('Kaunter 2'));
  award(db, 'till-2', 'AWARDED', AT + 60_000, 2000, 0, 'Terminal Kaunter 2');
  award(db, 'till-2', 'AWARDED', AT + 120_000, 3000, 0, 'Aina');
  await pusher.pushPending();
});
afterAll(async () => rig?.close());

describe('the terminal as cashier at head office', () => {
  it('the hub keeps what the counter recorded, for its pages to word in their language', async () => {
    const stored = await rig.pool.query<{ cashier: string }>('SELECT cashier FROM awards ORDER BY created_at');
    expect(stored.rows.map((row) => row.cashier)).toEqual(['terminal:Kaunter 2', 'Terminal Kaunter 2', 'Aina']);
  });

  it('its CSV says "Terminal <name>" for the new award and the old one alike', async () => {
    const sink = csvSink();
    await exportHubCsv(rig.pool, {}, ALL_OUTLETS, sink.out);
    const rows = sink.rows();
    expect(rows.map((row) => row.Cashier)).toEqual(['Aina', 'Terminal Kaunter 2', 'Terminal Kaunter 2']);
  });

  it('totals by cashier add the terminal\'s old and new awards together, from the summary and from the awards', async () => {
    const figures = async (filter: { fromMs?: number }) => (await hubTotals(rig.pool, filter, ALL_OUTLETS, 'cashier')).map((row) => [row.key, row.awards, row.awardedAmountSen]);
    const expected = [['Aina', 1, 3000], ['terminal:Kaunter 2', 2, 3000]];
    expect(await figures({})).toEqual(expected);
    expect(await figures({ fromMs: AT - 60_000 })).toEqual(expected);
  });

  it('a cashier filter finds the terminal\'s awards whichever way it is written', async () => {
    for (const cashier of ['Terminal Kaunter 2', 'terminal:Kaunter 2']) {
      const page = await hubHistoryPage(rig.pool, { cashier }, ALL_OUTLETS, null, 10);
      expect(page.items.map((item) => item.amountSen)).toEqual([2000, 1000]);
      const totals = await hubTotals(rig.pool, { cashier }, ALL_OUTLETS, 'day');
      expect(totals.map((row) => row.awards)).toEqual([2]);
    }
  });
});
