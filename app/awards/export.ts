// CSV export that opens correctly in Excel: UTF-8 with a BOM (or Excel guesses the wrong encoding for names in Chinese
// or Malay accents), CRLF, ringgit as 12.50, and long digit strings (member IDs, receipt numbers) kept as text, because
// Excel turns 2777058682717858418 into 2.77706E+18 and loses the digits. Rows are read in batches by keyset, so memory
// stays flat however many rows there are, and between batches the core's event loop is let go: an award at the counter
// waits for one batch (a few milliseconds), not for an export of a year.
import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../store/database.ts';
import { phoneText } from '../common/member.ts';
import { formatRinggit } from '../common/money.ts';
import type { Award } from './award.ts';
import { pointsGiven } from './given.ts';
import { countHistory, whereOf } from './history.ts';
import type { HistoryFilter } from './history-filter.ts';
import { cashierInEnglish, pointsSource, statusInEnglish } from './history-json.ts';
import { AWARD_COLUMNS, toAward, type AwardRow } from './records.ts';

const BATCH = 250;
/**
 * Progress is for a person watching a bar, so it is reported at most this often (and always at the end): reported per
 * batch, a million rows sent 4,000 reports through the core's host to the window, each one checked on the way.
 */
const PROGRESS_EVERY_MS = 100;

export const CSV_HEADER = [
  'Award ID',
  'Created (local time)',
  'Terminal',
  'Cashier',
  'Receipt',
  'Amount (RM)',
  'Member type',
  'Member ID',
  'Phone',
  'Points',
  // RM's own figure for the amount, or Kaunter's estimate until RM was asked.
  'Points source',
  'State',
  'RM reference',
  'Last error',
  'Resolved by',
  'Resolution',
  // New columns go only here, after all the others: a shop's sheet may read the ones above by position.
  // The state in the English screens' words (State above stays the code, which sheets may match on).
  'Status',
  // Filled only for awards the History screen's totals count as given, so each column sums to the screen's figure
  // (Points and Amount (RM) above are on every row, refused and voided ones too).
  'Points given',
  'Amount awarded (RM)',
];

export interface ExportOptions {
  utcOffsetMinutes: number;
  onProgress?: (done: number, total: number) => void;
}

export async function exportCsv(db: Db, filter: HistoryFilter, out: Writable, options: ExportOptions): Promise<number> {
  const total = countHistory(db, filter);
  const where = whereOf(filter);
  const keyset = `${where.sql ? `${where.sql} AND` : 'WHERE'} (created_at, seq) > (@afterCreated, @afterSeq)`;
  const statement = db.prepare(`SELECT ${AWARD_COLUMNS} FROM awards ${keyset} ORDER BY created_at, seq LIMIT ${BATCH}`);
  await writeChunk(out, `\uFEFF${csvLine(CSV_HEADER)}`);
  let done = 0;
  let reported = { done: 0, atMs: -Infinity };
  const report = (final: boolean): void => {
    const now = performance.now();
    if (done === reported.done || (!final && now - reported.atMs < PROGRESS_EVERY_MS)) return;
    reported = { done, atMs: now };
    options.onProgress?.(done, Math.max(total, done));
  };
  let after = { afterCreated: -1, afterSeq: -1 };
  for (;;) {
    const rows = statement.all({ ...where.params, ...after }) as AwardRow[];
    if (rows.length === 0) break;
    await writeChunk(out, rows.map((row) => csvLine(csvRow(toAward(row), options.utcOffsetMinutes))).join(''));
    done += rows.length;
    report(false);
    const last = rows[rows.length - 1] as AwardRow;
    after = { afterCreated: last.created_at, afterSeq: last.seq };
    await nextTurn();
  }
  report(true);
  return done;
}

export function csvRow(award: Award, utcOffsetMinutes: number): string[] {
  const member = award.member;
  return [
    award.id,
    localTime(award.createdAt, utcOffsetMinutes),
    text(award.terminalId),
    text(cashierInEnglish(award.cashier)),
    text(award.receiptRef ?? ''),
    formatRinggit(award.amountSen),
    member.type,
    member.type === 'ID' ? text(member.memberId) : '',
    member.type === 'PHONENUMBER' ? phoneCell(member.countryCode, member.phoneNumber) : '',
    award.pointsPreview === null ? '' : String(award.pointsPreview),
    pointsSource(award) ?? '',
    award.state,
    text(award.rmItemId ?? ''),
    text(award.lastError?.message ?? ''),
    text(award.resolution?.by ?? ''),
    text(award.resolution?.reason ?? ''),
    statusInEnglish(award),
    ...givenCells(award),
  ];
}

/** Points given and Amount awarded (RM): blank unless the award's points count as given (its points when known). */
function givenCells(award: Award): [string, string] {
  if (!pointsGiven(award)) return ['', ''];
  return [award.pointsPreview === null ? '' : String(award.pointsPreview), formatRinggit(award.amountSen)];
}

/**
 * Text as Excel should show it. Text starting with = + - @, or with them after white space (which LibreOffice's "Trim
 * spaces" drops), gets a leading apostrophe so it is never run as a formula (CSV injection). Text Excel would turn into
 * something else (a number, a date, a time, TRUE) becomes ="...", which Excel shows as the text itself: receipt 1-12
 * would otherwise become 1 December, 3/4 the 3rd of April, member 0123456789 lose its 0, 1E5 become 100000, and a long
 * ID 2.77706E+18. Only text Excel would change is wrapped, so a reader other than a spreadsheet meets ="..." rarely.
 */
export function text(value: string): string {
  if (/^\s*[=+\-@]/.test(value) || /^[\t\r]/.test(value)) return `'${value}`;
  if (excelWouldConvert(value.trim())) return asExcelText(value);
  return value;
}

const MONTH = '(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?';
/**
 * What Excel (in any locale a Malaysian shop uses) reads as other than text: numbers in any dress (1E5, 1.50, 1,234,
 * (12), 50%, RM5, a fraction 1 1/2), dates and times (1-12, 3/4/26, 12:30, 9am, 5 Mar, Mar-26) and TRUE or FALSE.
 * Deliberately broad: wrapping text that Excel would have left alone costs nothing in Excel. None of these forms can
 * hold a quote, so nothing in them can break out of ="...".
 */
const EXCEL_CONVERTS = [
  /^(rm|\$)?\s?[\d\s.,:/\-+()%eE]*\d[\d\s.,:/\-+()%eE]*$/i,
  /^\d{1,2}(:\d{1,2}){0,2}\s?[ap]\.?m?\.?$/i,
  new RegExp(`^\\d{1,4}[-/ ,]*${MONTH}([-/ ,]*\\d{1,4})?$`, 'i'),
  new RegExp(`^${MONTH}([-/ ,]*\\d{1,4}){1,2}$`, 'i'),
  /^(true|false)$/i,
];

function excelWouldConvert(value: string): boolean {
  return value !== '' && EXCEL_CONVERTS.some((form) => form.test(value));
}

/**
 * A phone as the screens show it (memberText), +60 17-282 6990, so a manager finds in the sheet the member they saw
 * on screen. Bare, Excel would take the leading + for a formula; an apostrophe, as text() puts before one, stays
 * visible in a CSV; so the phone goes inside ="...", which Excel and LibreOffice show as the text itself. Only when the
 * stored parts are all digits (the rest is our own +, space and -): a number that reached the hub from a tampered
 * counter could otherwise close the quotes and run a formula in head office's spreadsheet.
 */
function phoneCell(countryCode: string, phoneNumber: string): string {
  const phone = phoneText(countryCode, phoneNumber);
  return /^\d+$/.test(countryCode) && /^\d+$/.test(phoneNumber) ? asExcelText(phone) : text(phone);
}

/** Only for values without a quote (digits with '+', '-' and spaces, or one of EXCEL_CONVERTS): nothing breaks out. */
function asExcelText(value: string): string {
  return `="${value}"`;
}

export function localTime(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** A cell with a line break is quoted: csv-stringify quotes only a whole CRLF, and Excel ends a row at a bare LF. */
export function csvLine(cells: string[]): string {
  return stringify([cells], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/**
 * Writes, waiting for the reader when it falls behind. A reader that goes away (a browser tab closed mid-download) ends
 * the export with an error: without one it would wait for a 'drain' that never comes, holding its database snapshot.
 */
export async function writeChunk(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) throw new ExportReaderGone();
  if (out.write(chunk, 'utf8')) return;
  const gone = new AbortController();
  const onClose = () => gone.abort(new ExportReaderGone());
  out.once('close', onClose);
  try {
    await once(out, 'drain', { signal: gone.signal });
  } catch (error) {
    throw gone.signal.aborted ? gone.signal.reason : error;
  } finally {
    out.off('close', onClose);
  }
}

export class ExportReaderGone extends Error {
  constructor() {
    super('The export stopped: whatever was receiving it closed before it finished.');
    this.name = 'ExportReaderGone';
  }
}
