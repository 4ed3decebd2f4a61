// The award CSV a manager sums in Excel over a real SQLite file: its "given" columns add up to the History screen's
// totals for the same filter, whatever states the awards are in; its Status says each state as the English screens do.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AwardState } from '../../app/awards/award.ts';
import { CSV_HEADER, exportCsv } from '../../app/awards/export.ts';
import { STATUS_WORDS, UNCLAIMED_QR_STATUS } from '../../app/awards/history-json.ts';
import { totalsByDay } from '../../app/awards/history.ts';
import type { Totals } from '../../app/common/totals.ts';
import type { HistoryFilter } from '../../app/awards/history-filter.ts';
import { Outbox } from '../../app/awards/outbox.ts';
import { markClaimed, transition } from '../../app/awards/transitions.ts';
import { parseRinggit } from '../../app/common/money.ts';
import { SHOP_UTC_OFFSET_MINUTES } from '../../app/common/shop-time.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { csvSink } from '../fixtures/csv-sink.ts';
import en from '../../renderer/i18n/en.json';

const HOUR = 3_600_000;
// 2026-11-01 00:00 in Malaysia.
const START = Date.UTC(2026, 10, 1) - 8 * HOUR;

let db: Db;
let clock = START;
let outbox: Outbox;

/** Each path an award takes from QUEUED to the state it is left in. */
const PATHS: Record<AwardState, AwardState[]> = {
  QUEUED: [],
  SENDING: ['SENDING'],
  AWARDED: ['SENDING', 'AWARDED'],
  REJECTED: ['SENDING', 'REJECTED'],
  UNKNOWN: ['SENDING', 'UNKNOWN'],
  VOIDED: ['VOIDED'],
  CANCELLED: ['SENDING', 'AWARDED', 'CANCELLED'],
};

const PHONE = { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '176412172' };

function award(atMs: number, to: AwardState, options: { sen: number; points?: number; cashier?: string; member?: object }): string {
  clock = atMs;
  const input = { amountSen: options.sen, member: options.member ?? PHONE, cashier: options.cashier ?? 'Aina', pointsPreview: options.points };
  let from: AwardState = 'QUEUED';
  const id = outbox.submit(input, 'cashier:test').award.id;
  for (const next of PATHS[to]) {
    transition(db, id, [from], { to: next, actor: 'relay', ...(next === 'VOIDED' || next === 'CANCELLED' ? { resolution: { by: 'Lim', reason: 'test' } } : {}) }, clock);
    from = next;
  }
  return id;
}

/**
 * Two days, two cashiers, every state, awards with and without points, an amount over RM 1,000, and claim QRs: one
 * claimed (given), one not seen claimed (not given: its points may have gone to no one).
 */
function seedMix(): void {
  const qr = { type: 'QRCODE' };
  markClaimed(db, award(START + 2 * HOUR + 1, 'AWARDED', { sen: 3_300, points: 33, member: qr }), START + 3 * HOUR);
  award(START + 25 * HOUR + 1, 'AWARDED', { sen: 4_400, points: 44, member: qr, cashier: 'Ben' });
  const states: AwardState[] = ['AWARDED', 'REJECTED', 'VOIDED', 'UNKNOWN', 'QUEUED', 'SENDING', 'CANCELLED', 'AWARDED'];
  states.forEach((state, i) => {
    award(START + i * HOUR, state, { sen: 1_250 + i * 333, points: 12 + i, cashier: i % 2 === 0 ? 'Aina' : 'Ben' });
    award(START + 24 * HOUR + i * HOUR, state, { sen: 104_999 + i, points: 1_049 + i, cashier: i % 3 === 0 ? 'Ben' : 'Aina' });
  });
  award(START + 30 * HOUR, 'AWARDED', { sen: 700 });
}

async function exported(filter: HistoryFilter): Promise<Array<Record<string, string>>> {
  const sink = csvSink();
  await exportCsv(db, filter, sink.out, { utcOffsetMinutes: SHOP_UTC_OFFSET_MINUTES });
  return sink.rows();
}

/** What a manager gets from SUM() over a column: blank cells count nothing. */
function columnSum(rows: ReadonlyArray<Record<string, string>>, column: string, read: (cell: string) => number): number {
  return rows.reduce((sum, row) => sum + (row[column] ? read(row[column]) : 0), 0);
}

function sen(cell: string): number {
  const amount = parseRinggit(cell);
  if (!amount.ok) throw new Error(`not ringgit: ${cell}`);
  return amount.sen;
}

/** The line the History screen shows over its list: the per-day totals added up (renderer/manager/HistoryTotals.tsx). */
function screenTotals(filter: HistoryFilter): Pick<Totals, 'awardedAwards' | 'awardedAmountSen' | 'points'> {
  return totalsByDay(db, filter, SHOP_UTC_OFFSET_MINUTES).reduce(
    (sum, day) => ({ awardedAwards: sum.awardedAwards + day.awardedAwards, awardedAmountSen: sum.awardedAmountSen + day.awardedAmountSen, points: sum.points + day.points }),
    { awardedAwards: 0, awardedAmountSen: 0, points: 0 },
  );
}

beforeEach(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'kaunter-csv-sums-')), 'awards.db'));
  outbox = new Outbox(db, 'T1', () => clock);
});

describe('the award CSV summed in a spreadsheet', () => {
  it.each<[string, HistoryFilter]>([
    ['everything', {}],
    ['one cashier', { cashier: 'Ben' }],
    ['refused and awarded only', { states: ['REJECTED', 'AWARDED'] }],
    ['a range cut mid-day', { fromMs: START + 5 * HOUR, toMs: START + 29 * HOUR }],
    ['one day (the per-day summary answers)', { fromMs: START + 24 * HOUR, toMs: START + 48 * HOUR }],
  ])('%s: Points given and Amount awarded (RM) add up to the screen\'s totals; Points and Amount (RM) add up to more', async (_name, filter) => {
    seedMix();
    const rows = await exported(filter);
    const screen = screenTotals(filter);
    expect(screen.awardedAwards).toBeGreaterThan(0);
    expect(columnSum(rows, 'Points given', Number)).toBe(screen.points);
    expect(columnSum(rows, 'Amount awarded (RM)', sen)).toBe(screen.awardedAmountSen);
    expect(rows.filter((row) => row['Amount awarded (RM)'] !== '')).toHaveLength(screen.awardedAwards);
    expect(rows.some((row) => row['Member type'] === 'QRCODE')).toBe(true);
    // The point of the new columns: the old ones hold refused, voided and waiting awards too.
    if (rows.some((row) => row.State !== 'AWARDED')) expect(columnSum(rows, 'Amount (RM)', sen)).toBeGreaterThan(screen.awardedAmountSen);
  });

  it('an awarded award without points gives its amount and a blank, never 0, for Points given', async () => {
    award(START, 'AWARDED', { sen: 700 });
    const [row] = await exported({});
    expect([row?.['Points given'], row?.['Amount awarded (RM)']]).toEqual(['', '7.00']);
  });

  it('keeps every earlier column where it was, adds Status, Points given and Amount awarded (RM) at the end, and words each state as the English screens do', async () => {
    expect(CSV_HEADER.slice(0, 16)).toEqual(['Award ID', 'Created (local time)', 'Terminal', 'Cashier', 'Receipt', 'Amount (RM)', 'Member type', 'Member ID', 'Phone', 'Points', 'Points source', 'State', 'RM reference', 'Last error', 'Resolved by', 'Resolution']);
    expect(CSV_HEADER.slice(16)).toEqual(['Status', 'Points given', 'Amount awarded (RM)']);
    expect(STATUS_WORDS).toEqual(Object.fromEntries(Object.keys(STATUS_WORDS).map((state) => [state, en.state[state as AwardState]])));
    seedMix();
    const rows = await exported({ fromMs: START, toMs: START + 24 * HOUR });
    expect(rows.map((row) => [row.State, row.Status])).toEqual([
      ['AWARDED', 'Awarded'],
      ['REJECTED', 'Refused'],
      ['VOIDED', 'Voided'],
      ['AWARDED', 'Awarded'],
      ['UNKNOWN', 'Needs review'],
      ['QUEUED', 'Queued'],
      ['SENDING', 'Sending'],
      ['CANCELLED', 'Cancelled'],
      ['AWARDED', 'Awarded'],
    ]);
    // A claim QR nobody was seen to claim is worded as History's list words it, not "Awarded".
    expect(UNCLAIMED_QR_STATUS).toBe(en.state.unclaimedQr);
    const nextDay = await exported({ fromMs: START + 24 * HOUR, toMs: START + 48 * HOUR });
    expect(nextDay.filter((row) => row['Member type'] === 'QRCODE').map((row) => [row.State, row.Status])).toEqual([['AWARDED', 'QR not seen claimed']]);
  });
});
