// A shop without a cashier list records the terminal in the award's cashier column as a code with the terminal's name,
// not as English words: the CSV and `kaunter history --json` (English) say "Terminal <name>", the screens say it in
// their language (test/ui/terminal-cashier.test.tsx), and an award recorded before the code, with the English words,
// reads the same. Real SQLite, written through the outbox.
import { describe, expect, it } from 'vitest';
import { pickedCashierNameSchema } from '../../app/awards/award.ts';
import { exportCsv } from '../../app/awards/export.ts';
import { historyPage, totalsByCashier } from '../../app/awards/history.ts';
import { historyJsonItem } from '../../app/awards/history-json.ts';
import { readCashier, terminalAsCashier } from '../../app/common/cashier.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { csvSink } from '../fixtures/csv-sink.ts';

const AT = Date.UTC(2026, 10, 25, 2, 0, 0);

/** Three awards: the terminal as the core records it now, as an older Kaunter recorded it (English words), a cashier. */
function threeAwards() {
  const { db } = counterDb();
  award(db, 'till-1', 'AWARDED', AT, 1000, 0, terminalAsCashier('Kaunter 2'));
  award(db, 'till-1', 'AWARDED', AT + 60_000, 2000, 0, 'Terminal Kaunter 2');
  award(db, 'till-1', 'AWARDED', AT + 120_000, 3000, 0, 'Aina');
  return db;
}

describe('the terminal as the cashier of a shop without a cashier list', () => {
  it('is stored as a code, not as English words', () => {
    const db = threeAwards();
    const stored = db.prepare('SELECT cashier FROM awards ORDER BY created_at').all() as Array<{ cashier: string }>;
    expect(stored.map((row) => row.cashier)).toEqual(['terminal:Kaunter 2', 'Terminal Kaunter 2', 'Aina']);
  });

  it('the CSV and the CLI\'s JSON say "Terminal <name>", for a new award and an old one alike', async () => {
    const db = threeAwards();
    const sink = csvSink();
    await exportCsv(db, {}, sink.out, { utcOffsetMinutes: 480 });
    const rows = sink.rows();
    expect(rows.map((row) => row.Cashier)).toEqual(['Terminal Kaunter 2', 'Terminal Kaunter 2', 'Aina']);
    const json = historyPage(db, {}, null, 10).items.map((item) => historyJsonItem(item, []).cashier);
    expect(json).toEqual(['Aina', 'Terminal Kaunter 2', 'Terminal Kaunter 2']);
  });

  it('totals by cashier add the terminal\'s old and new awards together, from the summary and from the awards', () => {
    const db = threeAwards();
    const figures = (filter: { fromMs?: number }) => totalsByCashier(db, filter).map((row) => [row.cashier, row.awards, row.awardedAmountSen]);
    const expected = [['Aina', 1, 3000], ['terminal:Kaunter 2', 2, 3000]];
    expect(figures({})).toEqual(expected);
    // A range cut mid-day is counted from the awards, not the per-day summary.
    expect(figures({ fromMs: AT - 60_000 })).toEqual(expected);
  });

  it('a cashier filter finds the terminal\'s awards whichever way it is written: as the CSV says it, or as the code', () => {
    const db = threeAwards();
    const amounts = (cashier: string) => historyPage(db, { cashier }, null, 10).items.map((item) => item.amountSen);
    expect(amounts('Terminal Kaunter 2')).toEqual([2000, 1000]);
    expect(amounts('terminal:Kaunter 2')).toEqual([2000, 1000]);
    expect(amounts('Aina')).toEqual([3000]);
    expect(totalsByCashier(db, { cashier: 'Terminal Kaunter 2' }).map((row) => row.awards)).toEqual([2]);
  });

  it('is read back as the terminal whether coded or in the old English words', () => {
    expect(readCashier('terminal:Kaunter 2')).toEqual({ kind: 'terminal', name: 'Kaunter 2' });
    expect(readCashier('Terminal Kaunter 2')).toEqual({ kind: 'terminal', name: 'Kaunter 2' });
    expect(readCashier('Aina')).toEqual({ kind: 'cashier', name: 'Aina' });
    expect(readCashier('Terminal')).toEqual({ kind: 'cashier', name: 'Terminal' });
  });

  it('a cashier cannot be named like the code, or the two could not be told apart', () => {
    expect(pickedCashierNameSchema.safeParse('Terminal:Aina').success).toBe(false);
    expect(pickedCashierNameSchema.safeParse('Aina').success).toBe(true);
  });
});
