// Shifts as CSV for Excel, one row a shift, the way the award export writes (UTF-8 with a BOM, CRLF, ringgit as 12.50,
// names defused so a cashier called "=1+1" is never run as a formula). Used for one cashier's shift at the counter, the
// manager's list, and `kaunter shifts --csv`.
import type { Writable } from 'node:stream';
import { csvLine, localTime, text, writeChunk } from '../awards/export.ts';
import { formatRinggit } from '../common/money.ts';
import type { ShiftSummary } from './figures.ts';

export const SHIFT_CSV_HEADER = [
  'Shift',
  'Terminal',
  'Cashier',
  'Started (local time)',
  'Ended (local time)',
  'Awards',
  'Awarded',
  'Amount awarded (RM)',
  'Points',
  // Awarded awards whose points are Kaunter's estimate until RM is asked.
  'Awards with estimated points',
  'Waiting to be sent',
  'Needs review',
  // The last two change as awards are sent and settled: this is when they were counted.
  'Counted at (local time)',
  // New columns only here, after all the others (a sheet may read the ones above by position). Awarded, its amount
  // and its points are those given: a claim QR Kaunter has not seen claimed is counted apart (app/awards/given.ts).
  'Claim QRs not seen claimed',
  'Their amount (RM)',
  'Their points',
  // Refused, voided (a claim QR that could not be made offline among them) or cancelled.
  'Not given',
];

export function shiftCsvRow(summary: ShiftSummary, utcOffsetMinutes: number): string[] {
  const { figures } = summary;
  return [
    String(summary.id),
    text(summary.terminalId),
    text(summary.cashier),
    localTime(summary.startedAt, utcOffsetMinutes),
    summary.endedAt === null ? 'open' : localTime(summary.endedAt, utcOffsetMinutes),
    String(figures.awards),
    String(figures.awardedAwards),
    formatRinggit(figures.awardedAmountSen),
    String(figures.points),
    String(figures.unconfirmed),
    String(figures.waiting),
    String(figures.unknown),
    localTime(summary.asOf, utcOffsetMinutes),
    String(figures.unclaimedQrs),
    formatRinggit(figures.unclaimedQrAmountSen),
    String(figures.unclaimedQrPoints),
    String(figures.notGiven),
  ];
}

/** Writes the header and a row per shift; returns how many rows. */
export async function writeShiftsCsv(summaries: Iterable<ShiftSummary>, out: Writable, utcOffsetMinutes: number): Promise<number> {
  await writeChunk(out, `\uFEFF${csvLine(SHIFT_CSV_HEADER)}`);
  let rows = 0;
  for (const summary of summaries) {
    await writeChunk(out, csvLine(shiftCsvRow(summary, utcOffsetMinutes)));
    rows += 1;
  }
  return rows;
}
