// The head-office CSV export's file name, and its records counted while its bytes stream in, for its progress: a
// record ends at a line feed outside quotes, so a cell with a line break in it (a note or a reason typed on two lines,
// quoted) stays one row. A quote opens or closes a quoted cell, and a doubled quote inside one toggles twice, changing
// nothing. UTF-8 never uses these two bytes inside a multi-byte character, so bytes can be counted as they come, split
// anywhere.
import { shopDayOf } from '../../app/common/shop-time.ts';

const QUOTE = 0x22;
const LINE_FEED = 0x0a;

export class CsvRecordCounter {
  private quoted = false;
  private records = 0;

  /** The next chunk of the file; returns the records ended so far (the header line is one). */
  feed(bytes: Uint8Array): number {
    for (const byte of bytes) {
      if (byte === QUOTE) this.quoted = !this.quoted;
      else if (byte === LINE_FEED && !this.quoted) this.records += 1;
    }
    return this.records;
  }
}

/**
 * The export's file name: the filter's days when it has them ("kaunter-awards-2026-11-01-to-2026-11-30.csv"), else the
 * shop's day of the export. `toMs` is the first moment after the range.
 */
export function csvFileName(filter: { fromMs?: number; toMs?: number }, nowMs: number): string {
  const from = filter.fromMs === undefined ? null : shopDayOf(filter.fromMs);
  const to = filter.toMs === undefined ? null : shopDayOf(filter.toMs - 1);
  const days = from && to ? (from === to ? from : `${from}-to-${to}`) : from ? `from-${from}` : to ? `to-${to}` : shopDayOf(nowMs);
  return `kaunter-awards-${days}.csv`;
}
