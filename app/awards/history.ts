// The manager's view of the outbox: filtered pages (newest first, keyset cursor so page 500 costs what page 1 does),
// and totals per day and per cashier. RM keeps no list of awards by shop (docs/revenue-monster.md, What the API does
// not give): this is the only record.
import type { Db } from '../store/database.ts';
import type { Award } from './award.ts';
import type { HistoryFilter } from './history-filter.ts';
import { givenSql, notGivenSql, unclaimedQrSql } from './given.ts';
import { refusedNewsWhere } from './refused-lately.ts';
import { AWARD_COLUMNS, reversed, toAward, type AwardRow } from './records.ts';
import { cashierKey, cashierSpellings } from '../common/cashier.ts';
import { DAY_MS, SHOP_UTC_OFFSET_MINUTES } from '../common/shop-time.ts';
import { eachFigure, type Totals } from '../common/totals.ts';

export const MAX_PAGE_SIZE = 500;

export interface HistoryPage {
  items: Award[];
  nextCursor: string | null;
}

export interface DayTotals extends Totals {
  /** The local calendar day, YYYY-MM-DD. */
  day: string;
}

export interface CashierTotals extends Totals {
  cashier: string;
}

interface Where {
  sql: string;
  params: Record<string, string | number>;
}

/** The WHERE clause for a filter; every branch has an index (see migrations). */
export function whereOf(filter: HistoryFilter): Where {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.fromMs !== undefined) {
    clauses.push('created_at >= @fromMs');
    params.fromMs = filter.fromMs;
  }
  if (filter.toMs !== undefined) {
    clauses.push('created_at < @toMs');
    params.toMs = filter.toMs;
  }
  if (filter.states && filter.states.length > 0) clauses.push(stateClause(filter.states, params));
  if (filter.cashier) clauses.push(cashierClause(filter.cashier, params));
  if (filter.receipt) {
    // Whatever the case of its letters (index awards_by_receipt is NOCASE too).
    clauses.push('receipt_ref = @receipt COLLATE NOCASE');
    params.receipt = filter.receipt;
  }
  if (filter.terminalId) {
    clauses.push('terminal_id = @terminalId');
    params.terminalId = filter.terminalId;
  }
  if (filter.member) clauses.push(memberClause(filter.member, params));
  if (filter.shiftId !== undefined) clauses.push(shiftClause(filter.shiftId, params));
  if (filter.refusedNews) clauses.push(refusedNewsWhere(filter.refusedNews, params));
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function shiftClause(shiftId: number | null, params: Record<string, string | number>): string {
  if (shiftId === null) return 'shift_id IS NULL';
  params.shiftId = shiftId;
  return 'shift_id = @shiftId';
}

function memberClause(member: string, params: Record<string, string | number>): string {
  params.memberId = member;
  const tail = phoneTailOf(member);
  if (tail === null) return 'member_id = @memberId';
  // Phone numbers are stored reversed, so "ends with 6990" is the index range ['0996', '0996;').
  params.tailFrom = tail;
  params.tailTo = `${tail};`;
  return '(member_id = @memberId OR (phone_reversed >= @tailFrom AND phone_reversed < @tailTo))';
}

/** A member search that is all digits (at least 3) may be a phone number's last digits: their reversed form, else null. */
export function phoneTailOf(member: string): string | null {
  const digits = member.replace(/\D/g, '');
  if (digits.length < 3 || digits.length !== member.replace(/[\s\-+]/g, '').length) return null;
  return reversed(digits.replace(/^(60)?0?(?=1\d{8,9}$)/, ''));
}

export function historyPage(db: Db, filter: HistoryFilter, cursor: string | null, limit: number): HistoryPage {
  const size = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(limit)));
  const where = whereOf(filter);
  const after = decodeCursor(cursor);
  const keyset = after ? `${where.sql ? `${where.sql} AND` : 'WHERE'} (created_at, seq) < (@afterCreated, @afterSeq)` : where.sql;
  const rows = db
    .prepare(`SELECT ${AWARD_COLUMNS} FROM awards ${keyset} ORDER BY created_at DESC, seq DESC LIMIT @limit`)
    .all({ ...where.params, ...(after ? { afterCreated: after.createdAt, afterSeq: after.seq } : {}), limit: size + 1 }) as AwardRow[];
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return { items: page.map(toAward), nextCursor: rows.length > size && last ? encodeCursor(last) : null };
}

export function countHistory(db: Db, filter: HistoryFilter): number {
  const where = whereOf(filter);
  return (db.prepare(`SELECT COUNT(*) AS n FROM awards ${where.sql}`).get(where.params) as { n: number }).n;
}

const UNCLAIMED_QR_COLUMNS = `COALESCE(SUM(${unclaimedQrSql()}), 0) AS unclaimedQrs,
  COALESCE(SUM(CASE WHEN ${unclaimedQrSql()} THEN amount_sen END), 0) AS unclaimedQrAmountSen,
  COALESCE(SUM(CASE WHEN ${unclaimedQrSql()} THEN points_preview END), 0) AS unclaimedQrPoints`;

const TOTAL_COLUMNS = `COUNT(*) AS awards,
  COALESCE(SUM(${givenSql()}), 0) AS awardedAwards,
  COALESCE(SUM(CASE WHEN ${givenSql()} THEN amount_sen END), 0) AS awardedAmountSen,
  COALESCE(SUM(CASE WHEN ${givenSql()} THEN points_preview END), 0) AS points,
  COALESCE(SUM(${givenSql()} AND points_confirmed = 0), 0) AS unconfirmed,
  ${UNCLAIMED_QR_COLUMNS},
  COALESCE(SUM(${notGivenSql()}), 0) AS notGiven`;

/** The summary cannot tell a claim QR from other awarded awards: totalsFromSummary takes those unclaimed away. */
const SUMMARY_COLUMNS = `SUM(awards) AS awards,
  SUM(CASE WHEN state = 'AWARDED' THEN awards ELSE 0 END) AS awardedAwards,
  SUM(CASE WHEN state = 'AWARDED' THEN amount_sen ELSE 0 END) AS awardedAmountSen,
  SUM(CASE WHEN state = 'AWARDED' THEN points ELSE 0 END) AS points,
  SUM(CASE WHEN state = 'AWARDED' THEN unconfirmed ELSE 0 END) AS unconfirmed,
  0 AS unclaimedQrs, 0 AS unclaimedQrAmountSen, 0 AS unclaimedQrPoints,
  SUM(CASE WHEN ${notGivenSql()} THEN awards ELSE 0 END) AS notGiven`;

/**
 * Totals per local calendar day, newest first. `utcOffsetMinutes`: Malaysia is +480 all year. Filters by whole days,
 * state and cashier read the per-day summary; a member or receipt filter, or a range cut mid-day, counts the awards.
 */
export function totalsByDay(db: Db, filter: HistoryFilter, utcOffsetMinutes: number): DayTotals[] {
  const summary = summaryWhere(filter, utcOffsetMinutes);
  const rows = summary
    ? lessUnclaimedQrs(
        db.prepare(`SELECT day AS dayNumber, ${SUMMARY_COLUMNS} FROM award_totals ${summary.sql} GROUP BY day HAVING SUM(awards) > 0 ORDER BY day DESC`).all(summary.params) as DayRow[],
        unclaimedQrsBy(db, filter, 'day'),
        (row) => row.dayNumber,
      )
    : awardsByDay(db, filter, utcOffsetMinutes);
  return rows.map(({ dayNumber, ...totals }) => ({ day: new Date(dayNumber * DAY_MS).toISOString().slice(0, 10), ...normalise(totals) }));
}

export function totalsByCashier(db: Db, filter: HistoryFilter, utcOffsetMinutes: number = SHOP_UTC_OFFSET_MINUTES): CashierTotals[] {
  const summary = summaryWhere(filter, utcOffsetMinutes);
  const rows = summary
    ? lessUnclaimedQrs(
        db.prepare(`SELECT cashier, ${SUMMARY_COLUMNS} FROM award_totals ${summary.sql} GROUP BY cashier HAVING SUM(awards) > 0 ORDER BY cashier`).all(summary.params) as CashierTotals[],
        unclaimedQrsBy(db, filter, 'cashier'),
        (row) => row.cashier,
      )
    : db.prepare(`SELECT cashier, ${TOTAL_COLUMNS} FROM awards ${whereOf(filter).sql} GROUP BY cashier ORDER BY cashier`).all(whereOf(filter).params);
  return foldCashierTotals((rows as Array<Totals & { cashier: string }>).map(({ cashier, ...totals }) => ({ cashier, ...normalise(totals) })));
}

export type UnclaimedQrs = Pick<Totals, 'unclaimedQrs' | 'unclaimedQrAmountSen' | 'unclaimedQrPoints' | 'unconfirmed'> & { key: string | number };

/**
 * The claim QRs not seen claimed under a filter the summary answers, per day or cashier, from their own summary
 * (migration 15). They are all awarded: a filter of other states has none.
 */
function unclaimedQrsBy(db: Db, filter: HistoryFilter, key: 'day' | 'cashier'): Map<string | number, UnclaimedQrs> {
  const { states, ...anyState } = filter;
  const where = summaryWhere(anyState, SHOP_UTC_OFFSET_MINUTES);
  if (!where || (states && states.length > 0 && !states.includes('AWARDED'))) return new Map();
  const rows = db
    .prepare(
      `SELECT ${key} AS key, SUM(awards) AS unclaimedQrs, SUM(amount_sen) AS unclaimedQrAmountSen, SUM(points) AS unclaimedQrPoints, SUM(unconfirmed) AS unconfirmed
       FROM unclaimed_qr_totals ${where.sql} GROUP BY ${key}`,
    )
    .all(where.params) as UnclaimedQrs[];
  return new Map(rows.map((row) => [row.key, row]));
}

/** The summary's awarded figures less the claim QRs not seen claimed, which it counts apart (head office's too). */
export function lessUnclaimedQrs<T extends Totals>(rows: T[], qrs: Map<string | number, UnclaimedQrs>, keyOf: (row: T) => string | number): T[] {
  return rows.map((row) => {
    const qr = qrs.get(keyOf(row));
    if (!qr) return row;
    return {
      ...row,
      awardedAwards: row.awardedAwards - qr.unclaimedQrs,
      awardedAmountSen: row.awardedAmountSen - qr.unclaimedQrAmountSen,
      points: row.points - qr.unclaimedQrPoints,
      unconfirmed: row.unconfirmed - qr.unconfirmed,
      unclaimedQrs: qr.unclaimedQrs,
      unclaimedQrAmountSen: qr.unclaimedQrAmountSen,
      unclaimedQrPoints: qr.unclaimedQrPoints,
    };
  });
}

type DayRow = Totals & { dayNumber: number };

function awardsByDay(db: Db, filter: HistoryFilter, utcOffsetMinutes: number): DayRow[] {
  const where = whereOf(filter);
  return db
    .prepare(
      `SELECT (created_at + CAST(@offsetMs AS INTEGER)) / ${DAY_MS} AS dayNumber, ${TOTAL_COLUMNS}
       FROM awards ${where.sql} GROUP BY dayNumber ORDER BY dayNumber DESC`,
    )
    .all({ ...where.params, offsetMs: utcOffsetMinutes * 60_000 }) as DayRow[];
}

/**
 * The filter as a WHERE on award_totals, or null when the summary cannot answer it exactly (it has no terminal, no
 * shift, nor when an award was refused).
 */
function summaryWhere(filter: HistoryFilter, utcOffsetMinutes: number): Where | null {
  // The award_totals table keeps the shop's calendar days (see migrations): other offsets count from the awards.
  if (utcOffsetMinutes !== SHOP_UTC_OFFSET_MINUTES || filter.member || filter.receipt || filter.terminalId || filter.shiftId !== undefined || filter.refusedNews) return null;
  const offsetMs = SHOP_UTC_OFFSET_MINUTES * 60_000;
  const wholeDay = (ms: number | undefined) => ms === undefined || (ms + offsetMs) % DAY_MS === 0;
  if (!wholeDay(filter.fromMs) || !wholeDay(filter.toMs)) return null;
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.fromMs !== undefined) {
    clauses.push('day >= @fromDay');
    params.fromDay = (filter.fromMs + offsetMs) / DAY_MS;
  }
  if (filter.toMs !== undefined) {
    clauses.push('day < @toDay');
    params.toDay = (filter.toMs + offsetMs) / DAY_MS;
  }
  if (filter.states && filter.states.length > 0) clauses.push(stateClause(filter.states, params));
  if (filter.cashier) clauses.push(cashierClause(filter.cashier, params));
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function cashierClause(cashier: string, params: Record<string, string | number>): string {
  const names = cashierSpellings(cashier).map((spelling, i) => {
    params[`cashier${i}`] = spelling;
    return `@cashier${i}`;
  });
  return `cashier IN (${names.join(', ')})`;
}

function stateClause(states: readonly string[], params: Record<string, string | number>): string {
  const names = states.map((state, i) => {
    params[`state${i}`] = state;
    return `@state${i}`;
  });
  return `state IN (${names.join(', ')})`;
}

/**
 * One row per cashier or terminal: a terminal's awards recorded before the code (the English words) and after it are
 * added together, named by the code, in the place of the first of them.
 */
export function foldCashierTotals<Row extends { cashier: string }>(rows: readonly Row[]): Row[] {
  const folded = new Map<string, Row>();
  for (const row of rows) {
    const key = cashierKey(row.cashier);
    const kept = folded.get(key);
    folded.set(key, { ...(kept ? addFigures(kept, row) : row), cashier: key });
  }
  return [...folded.values()];
}

/** Each numeric figure of two rows added (the hub folds its own rows, which have fewer figures, here too). */
function addFigures<Row extends object>(a: Row, b: Row): Row {
  const sum = { ...a };
  for (const key of Object.keys(a) as Array<keyof Row>) {
    const [x, y] = [a[key], b[key]];
    if (typeof x === 'number' && typeof y === 'number') sum[key] = (x + y) as Row[keyof Row];
  }
  return sum;
}

/** SQLite's SUM of no rows is NULL. */
function normalise(totals: Totals): Totals {
  return eachFigure((key) => totals[key] ?? 0);
}

interface CursorPosition {
  createdAt: number;
  seq: number;
}

function encodeCursor(row: AwardRow): string {
  return Buffer.from(`${row.created_at}:${row.seq}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | null): CursorPosition | null {
  if (!cursor) return null;
  const match = /^(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new CursorError();
  return { createdAt: Number(match[1]), seq: Number(match[2]) };
}

export class CursorError extends Error {
  constructor() {
    super('This page link is no longer valid; start again from the first page.');
    this.name = 'CursorError';
  }
}
