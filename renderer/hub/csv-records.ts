// Counting a CSV's records while its bytes stream in, for the export's progress: a record ends at a line feed outside
// quotes, so a cell with a line break in it (a note or a reason typed on two lines, quoted) stays one row. A quote opens
// or closes a quoted cell, and a doubled quote inside one toggles twice, changing nothing. UTF-8 never uses these two
// bytes inside a multi-byte character, so bytes can be counted as they come, split anywhere.
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
