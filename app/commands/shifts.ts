// `kaunter shifts`: the cashiers' shifts with the figures each cashier saw at its end, newest first, as a table, one
// JSON array (--json) or CSV for Excel (--csv): for the manager at month end and for IT, without the screens.
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { writeShiftsCsv } from '../shifts/export.ts';
import { summariseShift, summariseShifts, type ShiftSummary } from '../shifts/figures.ts';
import type { ShiftFilter } from '../shifts/shift-filter.ts';
import { eachShift, listShifts } from '../shifts/shifts.ts';
import { formatRinggit } from '../common/money.ts';
import { formatShopTime, SHOP_UTC_OFFSET_MINUTES } from '../common/shop-time.ts';
import type { Db } from '../store/database.ts';
import { printCsv } from './csv-output.ts';
import { addDeskOptions, openDb, type DeskCommandOptions } from './desk.ts';
import { checkExportOptions, writeJsonPages, type JsonPage } from './export-output.ts';
import { parseLimitOption } from './format.ts';
import { addOutputOptions, addPeriodOptions, filterFrom, type HistoryFilterOptions } from './history-filters.ts';

interface ShiftsOptions extends DeskCommandOptions, Pick<HistoryFilterOptions, 'from' | 'to' | 'cashier' | 'json' | 'csv' | 'out' | 'limit'> {}

export function registerShiftsCommand(program: Command): void {
  const command = program
    .command('shifts')
    .description("List cashiers' shifts, newest first, with their awards, amount and points awarded, and how many are still to send or to review.");
  addPeriodOptions(command, { from: 'shifts that started on or after this day', to: 'shifts that started up to and including this day' });
  addOutputOptions(command, 'print one JSON array of shifts with their figures');
  addDeskOptions(command).action((options: ShiftsOptions) => runShifts(options));
}

async function runShifts(options: ShiftsOptions): Promise<void> {
  checkExportOptions(options);
  const { fromMs, toMs, cashier } = filterFrom(options);
  const filter: ShiftFilter = { ...(fromMs === undefined ? {} : { fromMs }), ...(toMs === undefined ? {} : { toMs }), ...(cashier ? { cashier } : {}) };
  const db = openDb(options, 'shifts');
  try {
    const now = Date.now();
    if (options.csv) await printCsv(options.out, 'shift', (out) => writeShiftsCsv(summariseShifts(db, eachShift(db, filter), now), out, SHOP_UTC_OFFSET_MINUTES));
    else if (options.json) await printCsv(options.out, 'shift', (out) => writeShiftsJson(db, filter, now, out));
    else printTable(db, filter, parseLimitOption(options.limit), now);
  } finally {
    db.close();
  }
}

function printTable(db: Db, filter: ShiftFilter, limit: number, now: number): void {
  const { items, more } = listShifts(db, filter, limit);
  if (items.length === 0) console.error('No shifts match.');
  for (const shift of items) console.log(shiftLine(summariseShift(db, shift, now)));
  if (more) console.log('(more: narrow the dates, or use --json / --csv for everything)');
}

export function shiftLine({ id, cashier, startedAt, endedAt, figures }: ShiftSummary): string {
  const estimated = figures.unconfirmed > 0 ? ` (${figures.unconfirmed} still estimated)` : '';
  // Given only: a claim QR not seen claimed is said apart (app/awards/given.ts), as on the screens.
  const unclaimed =
    figures.unclaimedQrs > 0
      ? `; ${figures.unclaimedQrs} claim QR${figures.unclaimedQrs === 1 ? '' : 's'} not seen claimed: RM ${formatRinggit(figures.unclaimedQrAmountSen)} and ${figures.unclaimedQrPoints} points more`
      : '';
  return [
    `#${id} ${cashier}`,
    `${formatShopTime(startedAt)} to ${endedAt === null ? 'open' : formatShopTime(endedAt)}`,
    `${figures.awards} awards, ${figures.awardedAwards} awarded: RM ${formatRinggit(figures.awardedAmountSen)} and ${figures.points} points${estimated}${unclaimed}`,
    `${figures.notGiven} not given, ${figures.waiting} to send, ${figures.unknown} to review`,
  ].join('  ');
}

/**
 * All of `--json` as one page, counted before the "[" goes out, as this command always did: a failure while counting
 * leaves standard output empty rather than holding half an array.
 */
function writeShiftsJson(db: Db, filter: ShiftFilter, now: number, out: Writable): Promise<number> {
  const page: JsonPage = { items: [...summariseShifts(db, eachShift(db, filter), now)].map(shiftJsonItem), nextCursor: null };
  return writeJsonPages(out, () => page);
}

/** One shift in `--json`: times as ISO UTC, money in sen, as `kaunter history --json` gives them. */
function shiftJsonItem({ id, terminalId, cashier, startedAt, endedAt, figures, asOf }: ShiftSummary) {
  return {
    id,
    terminalId,
    cashier,
    startedAt: new Date(startedAt).toISOString(),
    endedAt: endedAt === null ? null : new Date(endedAt).toISOString(),
    awards: figures.awards,
    awardedAwards: figures.awardedAwards,
    awardedAmountSen: figures.awardedAmountSen,
    points: figures.points,
    pointsEstimatedAwards: figures.unconfirmed,
    unclaimedQrs: figures.unclaimedQrs,
    unclaimedQrAmountSen: figures.unclaimedQrAmountSen,
    unclaimedQrPoints: figures.unclaimedQrPoints,
    notGiven: figures.notGiven,
    waiting: figures.waiting,
    unknown: figures.unknown,
    countedAt: new Date(asOf).toISOString(),
  };
}
