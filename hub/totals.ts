// Totals at the hub per day, outlet, terminal or cashier, for the charts. Filters by whole Malaysian days, state,
// cashier, outlet and terminal read the per-day summary the triggers keep; a member or receipt filter, or a range cut
// mid-day, counts the awards themselves.
import { z } from 'zod';
import { inTransaction, type Client, type Pool } from './db/pool.ts';
import { hubWhere, type HubFilter, type Scope } from './history.ts';
import { idNamed, terminalIdsNamed } from './names.ts';
import { givenSql, notGivenSql, unclaimedQrSql } from '../app/awards/given.ts';
import { foldCashierTotals, lessUnclaimedQrs, type UnclaimedQrs } from '../app/awards/history.ts';
import type { Totals } from '../app/common/totals.ts';
import { cashierSpellings } from '../app/common/cashier.ts';
import { DAY_MS, SHOP_OFFSET_MS } from '../app/common/shop-time.ts';

export const TOTAL_GROUPS = ['day', 'outlet', 'terminal', 'cashier'] as const;
export const totalsGroupSchema = z.enum(TOTAL_GROUPS);
export type TotalsGroup = (typeof TOTAL_GROUPS)[number];

/** The counter's figures (app/awards/history.ts), per day, outlet, terminal or cashier: claim QRs not seen claimed apart. */
export type TotalsRow = Totals & { key: string };

const UNCLAIMED = unclaimedQrSql('a');
const GIVEN = givenSql('a');

const UNCLAIMED_COUNTED = `COUNT(*) FILTER (WHERE ${UNCLAIMED})::bigint AS "unclaimedQrs",
  COALESCE(SUM(a.amount_sen) FILTER (WHERE ${UNCLAIMED}), 0)::bigint AS "unclaimedQrAmountSen",
  COALESCE(SUM(a.points_preview) FILTER (WHERE ${UNCLAIMED}), 0)::bigint AS "unclaimedQrPoints"`;

/** The summary cannot tell a claim QR from other awarded awards: hubTotals takes those not seen claimed away. */
const SUMMED = `SUM(s.awards)::bigint AS awards,
  SUM(CASE WHEN s.state = 'AWARDED' THEN s.awards ELSE 0 END)::bigint AS "awardedAwards",
  SUM(CASE WHEN s.state = 'AWARDED' THEN s.amount_sen ELSE 0 END)::bigint AS "awardedAmountSen",
  SUM(CASE WHEN s.state = 'AWARDED' THEN s.points ELSE 0 END)::bigint AS points,
  SUM(CASE WHEN s.state = 'AWARDED' THEN s.unconfirmed ELSE 0 END)::bigint AS unconfirmed,
  0::bigint AS "unclaimedQrs", 0::bigint AS "unclaimedQrAmountSen", 0::bigint AS "unclaimedQrPoints",
  SUM(CASE WHEN ${notGivenSql('s')} THEN s.awards ELSE 0 END)::bigint AS "notGiven"`;

const COUNTED = `COUNT(*)::bigint AS awards,
  COUNT(*) FILTER (WHERE ${GIVEN})::bigint AS "awardedAwards",
  COALESCE(SUM(a.amount_sen) FILTER (WHERE ${GIVEN}), 0)::bigint AS "awardedAmountSen",
  COALESCE(SUM(a.points_preview) FILTER (WHERE ${GIVEN}), 0)::bigint AS points,
  COUNT(*) FILTER (WHERE ${GIVEN} AND NOT a.points_confirmed)::bigint AS unconfirmed,
  ${UNCLAIMED_COUNTED},
  COUNT(*) FILTER (WHERE ${notGivenSql('a')})::bigint AS "notGiven"`;

export async function hubTotals(pool: Pool, filter: HubFilter, scope: Scope, group: TotalsGroup): Promise<TotalsRow[]> {
  const wholeDay = (ms: number | undefined) => ms === undefined || (ms + SHOP_OFFSET_MS) % DAY_MS === 0;
  const summary = !filter.member && !filter.receipt && wholeDay(filter.fromMs) && wholeDay(filter.toMs);
  const rows = summary ? await summaryLessUnclaimedQrs(pool, filter, scope, group) : (await fromAwards(pool, filter, scope, group)).rows;
  if (group !== 'cashier') return rows;
  return foldCashierTotals(rows.map(({ key, ...totals }) => ({ cashier: key, ...totals }))).map(({ cashier, ...totals }) => ({ key: cashier, ...totals }));
}

function fromSummary(db: Client, filter: HubFilter, scope: Scope, group: TotalsGroup) {
  const params: unknown[] = [];
  const add = (value: unknown) => `$${params.push(value)}`;
  const clauses: string[] = [];
  if (scope.outletId) clauses.push(`s.outlet_id = ${add(scope.outletId)}`);
  if (filter.fromMs !== undefined) clauses.push(`s.day >= ${add((filter.fromMs + SHOP_OFFSET_MS) / DAY_MS)}`);
  if (filter.toMs !== undefined) clauses.push(`s.day < ${add((filter.toMs + SHOP_OFFSET_MS) / DAY_MS)}`);
  if (filter.states && filter.states.length > 0) clauses.push(`s.state = ANY(${add(filter.states)}::text[])`);
  if (filter.cashier) clauses.push(`s.cashier = ANY(${add(cashierSpellings(filter.cashier))}::text[])`);
  // As hubWhere reads them (hub/history.ts): the summary and the awards must agree on what a name finds.
  if (filter.outlet) clauses.push(`s.outlet_id = ${idNamed('outlets', add(filter.outlet))}`);
  if (filter.terminal) clauses.push(`s.terminal_id IN ${terminalIdsNamed(add(filter.terminal))}`);
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  return grouped(db, SUMMARY, group, where, params);
}

/**
 * The summary's figures less the claim QRs not seen claimed, read from the awards under the same filter, both in one
 * snapshot: a claim QR pushed between two reads would be taken from a summary that never counted it.
 */
async function summaryLessUnclaimedQrs(pool: Pool, filter: HubFilter, scope: Scope, group: TotalsGroup): Promise<TotalsRow[]> {
  const where = hubWhere(filter, scope);
  return inTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const summed = await fromSummary(client, filter, scope, group);
    const qrs = await grouped<UnclaimedQrs>(client, UNCLAIMED_ONLY, group, `${where.sql ? `${where.sql} AND` : 'WHERE'} ${UNCLAIMED}`, where.params);
    return lessUnclaimedQrs(summed.rows, new Map(qrs.rows.map((row) => [row.key, row])), (row) => row.key);
  });
}

function fromAwards(pool: Pool, filter: HubFilter, scope: Scope, group: TotalsGroup) {
  const where = hubWhere(filter, scope);
  return grouped(pool, AWARDS, group, where.sql, where.params);
}

/** Where the figures come from: the per-day summary (`s`) or the awards themselves (`a`), and how each names its day. */
interface Source {
  table: string;
  alias: 's' | 'a';
  figures: string;
  day: string;
  having?: string;
}

// The summary keeps a row per state even when its count went back to zero (an award moved on): such groups are empty.
const SUMMARY: Source = { table: 'award_totals', alias: 's', figures: SUMMED, day: `to_char(date '1970-01-01' + s.day, 'YYYY-MM-DD')`, having: 'HAVING SUM(s.awards) > 0' };
const AWARDS: Source = {
  table: 'awards',
  alias: 'a',
  figures: COUNTED,
  day: `to_char(to_timestamp((a.created_at + ${SHOP_OFFSET_MS}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
};
const UNCLAIMED_ONLY: Source = { ...AWARDS, figures: `${UNCLAIMED_COUNTED}, COUNT(*) FILTER (WHERE NOT a.points_confirmed)::bigint AS unconfirmed` };

function grouped<Row extends { key: string | number } = TotalsRow>(db: Pool | Client, source: Source, group: TotalsGroup, where: string, params: unknown[]) {
  const x = source.alias;
  const key = { day: source.day, outlet: 'o.name', terminal: `o.name || ' / ' || t.name`, cashier: `${x}.cashier` }[group];
  return db.query<Row>(
    `SELECT ${key} AS key, ${source.figures} FROM ${source.table} ${x} JOIN outlets o ON o.id = ${x}.outlet_id JOIN terminals t ON t.id = ${x}.terminal_id
     ${where} GROUP BY 1 ${source.having ?? ''} ORDER BY 1 ${group === 'day' ? 'DESC' : ''}`,
    params,
  );
}
