// What a manager asks of a year or two of history, as calls to the app's own functions, each with parameters drawn from
// the data (real cashiers, phone tails, member IDs and receipts of sampled awards) so no case is one cached answer.
import { historyPage, totalsByCashier, totalsByDay } from '../../../app/awards/history.ts';
import type { HistoryFilter } from '../../../app/awards/history-filter.ts';
import { awardOnReceiptToday, findAward } from '../../../app/awards/records.ts';
import { summariseShift } from '../../../app/shifts/figures.ts';
import type { Shift } from '../../../app/shifts/shifts.ts';
import type { Db } from '../../../app/store/database.ts';
import { CASHIERS, DAYS, END_MS, MYT_OFFSET_MS, START_MS } from './synthetic-awards.ts';

export type CaseKind = 'baseline' | 'page' | 'day totals' | 'cashier totals' | 'shift summary' | 'submit check';

export interface QueryCase {
  name: string;
  kind: CaseKind;
  /** Runs the i-th variant (parameters rotate through the pools). */
  run: (i: number) => unknown;
}

interface Range {
  fromMs: number;
  toMs: number;
}

export interface Pools {
  ids: string[];
  seqs: number[];
  phoneTails: string[];
  memberIds: string[];
  receipts: string[];
  deepCursors: string[];
  cashierDeepCursors: Array<{ cashier: string; cursor: string }>;
  /** A cashier's 8-hour shift at their terminal around a sampled award of theirs. */
  shifts: Shift[];
}

const PAGE = 50;
const SHIFT_MS = 8 * 3_600_000;
const MALAYSIA_MINUTES = 480;

/** The cases, run against `db` (the real handle, or a recording one to capture their SQL). */
export function queryCases(db: Db, pools: Pools): QueryCase[] {
  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
  const months = monthRanges();
  const years = [yearRange(2024), yearRange(2025)];
  const weeks = Array.from({ length: 50 }, (_, i) => dayRange((i * 37) % (DAYS - 7), 7));
  const days = Array.from({ length: 50 }, (_, i) => dayRange((i * 53) % DAYS, 1));
  const page = (filter: HistoryFilter, cursor: string | null = null) => historyPage(db, filter, cursor, PAGE);
  return [
    { name: 'findAward by id (baseline)', kind: 'baseline', run: (i) => findAward(db, pick(pools.ids, i)) },
    { name: 'award by seq, rowid lookup', kind: 'baseline', run: (i) => db.prepare('SELECT * FROM awards WHERE seq = ?').get(pick(pools.seqs, i)) },
    { name: 'page: no filter (newest)', kind: 'page', run: () => page({}) },
    { name: 'page: state UNKNOWN', kind: 'page', run: () => page({ states: ['UNKNOWN'] }) },
    { name: 'page: state AWARDED', kind: 'page', run: () => page({ states: ['AWARDED'] }) },
    { name: 'page: one day', kind: 'page', run: (i) => page(pick(days, i)) },
    { name: 'page: cashier + 7-day range', kind: 'page', run: (i) => page({ cashier: pick(CASHIERS, i), ...pick(weeks, i) }) },
    { name: 'page: cashier + month', kind: 'page', run: (i) => page({ cashier: pick(CASHIERS, i), ...pick(months, i) }) },
    { name: 'page: phone tail (4 digits)', kind: 'page', run: (i) => page({ member: pick(pools.phoneTails, i) }) },
    { name: 'page: member ID', kind: 'page', run: (i) => page({ member: pick(pools.memberIds, i) }) },
    { name: 'page: receipt ref', kind: 'page', run: (i) => page({ receipt: pick(pools.receipts, i) }) },
    { name: 'page: deep, cursor at page ~1000', kind: 'page', run: (i) => page({}, pick(pools.deepCursors, i)) },
    { name: 'page: cashier, cursor at page ~100', kind: 'page', run: (i) => { const deep = pick(pools.cashierDeepCursors, i); return page({ cashier: deep.cashier }, deep.cursor); } },
    { name: 'totalsByDay: a month', kind: 'day totals', run: (i) => totalsByDay(db, pick(months, i), MALAYSIA_MINUTES) },
    { name: 'totalsByDay: a year', kind: 'day totals', run: (i) => totalsByDay(db, pick(years, i), MALAYSIA_MINUTES) },
    { name: 'totalsByCashier: a month', kind: 'cashier totals', run: (i) => totalsByCashier(db, pick(months, i)) },
    { name: 'totalsByCashier: a year', kind: 'cashier totals', run: (i) => totalsByCashier(db, pick(years, i)) },
    { name: 'totalsByCashier: all time', kind: 'cashier totals', run: () => totalsByCashier(db, {}) },
    // Every counter submit with a receipt number asks this first (the same receipt given twice today?), in any case.
    { name: 'receipt already used today (submit check)', kind: 'submit check', run: (i) => awardOnReceiptToday(db, pick(pools.receipts, i).toLowerCase(), END_MS) },
    // One row of the manager's Shifts (which reads up to 100 of them), and the cashier's End shift.
    { name: 'summariseShift: 8 hours', kind: 'shift summary', run: (i) => summariseShift(db, pick(pools.shifts, i), END_MS) },
  ];
}

/** Parameters taken from awards sampled at random (a fixed seed): the values a manager would type. */
export function samplePools(db: Db, rows: number): Pools {
  let state = 12_345;
  const nextSeq = (): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return 1 + (state % rows);
  };
  const bySeq = db.prepare('SELECT seq, id, created_at, terminal_id, cashier, member_id, phone_number, receipt_ref FROM awards WHERE seq = ?');
  const pools: Pools = { ids: [], seqs: [], phoneTails: [], memberIds: [], receipts: [], deepCursors: [], cashierDeepCursors: [], shifts: [] };
  for (let n = 0; n < 5_000 && (pools.phoneTails.length < 100 || pools.memberIds.length < 100 || pools.receipts.length < 100); n += 1) {
    const row = bySeq.get(nextSeq()) as { seq: number; id: string; created_at: number; terminal_id: string; cashier: string; member_id: string | null; phone_number: string | null; receipt_ref: string | null };
    if (pools.ids.length < 200) {
      pools.ids.push(row.id);
      pools.seqs.push(row.seq);
      pools.shifts.push({ id: pools.shifts.length + 1, terminalId: row.terminal_id, cashier: row.cashier, startedAt: row.created_at - SHIFT_MS / 2, endedAt: row.created_at + SHIFT_MS / 2 });
    }
    if (row.phone_number) pools.phoneTails.push(row.phone_number.slice(-4));
    if (row.member_id) pools.memberIds.push(row.member_id);
    if (row.receipt_ref) pools.receipts.push(row.receipt_ref);
  }
  const deepPage = Math.min(1_000, Math.floor(rows / PAGE / 2));
  pools.deepCursors = cursorsAround(db, {}, deepPage, 20);
  for (const cashier of CASHIERS.slice(0, 5)) {
    for (const cursor of cursorsAround(db, { cashier }, Math.min(100, Math.floor(rows / CASHIERS.length / PAGE / 2)), 4)) {
      pools.cashierDeepCursors.push({ cashier, cursor });
    }
  }
  return pools;
}

/** The cursors that open pages `page - count + 1` .. `page` of a listing, found by paging to them. */
function cursorsAround(db: Db, filter: HistoryFilter, page: number, count: number): string[] {
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let n = 1; n <= page; n += 1) {
    cursor = historyPage(db, filter, cursor, PAGE).nextCursor;
    if (cursor === null) break;
    if (n > page - count) cursors.push(cursor);
  }
  if (cursors.length === 0) throw new Error(`the history has fewer than ${page} pages for ${JSON.stringify(filter)}`);
  return cursors;
}

function monthRanges(): Range[] {
  const ranges: Range[] = [];
  for (let year = 2024; year <= 2025; year += 1) {
    for (let month = 0; month < 12; month += 1) {
      ranges.push({ fromMs: Date.UTC(year, month, 1) - MYT_OFFSET_MS, toMs: Date.UTC(year, month + 1, 1) - MYT_OFFSET_MS });
    }
  }
  return ranges.filter((range) => range.fromMs >= START_MS && range.toMs <= END_MS);
}

function yearRange(year: number): Range {
  return { fromMs: Date.UTC(year, 0, 1) - MYT_OFFSET_MS, toMs: Date.UTC(year + 1, 0, 1) - MYT_OFFSET_MS };
}

function dayRange(firstDay: number, length: number): Range {
  const fromMs = START_MS + firstDay * 86_400_000;
  return { fromMs, toMs: fromMs + length * 86_400_000 };
}
