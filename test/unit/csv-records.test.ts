// The head-office export's row count (its progress and the "N rows saved" line): rows, not lines, however the bytes
// arrive. The CSV is written by the export's own writer, with a reason typed on two lines and quotes in a cell.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvLine } from '../../app/awards/export.ts';
import { CsvRecordCounter } from '../../renderer/hub/csv-records.ts';

const rows = [
  ['a1', 'Aina', 'refund\nsecond line of the reason'],
  ['a2', 'Ben "the new one"', ''],
  ['a3', 'Mei 美', 'checked with RM:\r\n"credited",\nso closed'],
  ['a4', 'Siti', 'plain'],
];
const bytes = new TextEncoder().encode(`\uFEFF${csvLine(CSV_HEADER.slice(0, 3))}${rows.map(csvLine).join('')}`);

function countIn(chunks: Uint8Array[]): number {
  const counter = new CsvRecordCounter();
  let records = 0;
  for (const chunk of chunks) records = counter.feed(chunk);
  return records;
}

describe('counting the export\'s rows', () => {
  it('a cell with line breaks or quotes is one row', () => {
    // Three more line feeds than records: counting lines said 7 rows.
    expect(bytes.filter((byte) => byte === 0x0a).length).toBe(1 + rows.length + 3);
    expect(parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, ''))).toHaveLength(1 + rows.length);
    expect(countIn([bytes])).toBe(1 + rows.length);
  });

  it('whatever the chunks: split at every byte, and one byte at a time', () => {
    for (let at = 0; at <= bytes.length; at += 1) expect(countIn([bytes.subarray(0, at), bytes.subarray(at)])).toBe(1 + rows.length);
    expect(countIn([...bytes].map((byte) => Uint8Array.of(byte)))).toBe(1 + rows.length);
  });

  it('a row counts once its line has ended, not before', () => {
    const counter = new CsvRecordCounter();
    const firstRowEnds = bytes.indexOf(0x0a) + 1;
    expect(counter.feed(bytes.subarray(0, firstRowEnds - 1))).toBe(0);
    expect(counter.feed(bytes.subarray(firstRowEnds - 1, firstRowEnds))).toBe(1);
    // Inside the multi-line reason of the first row: its first line feed does not end it.
    const insideReason = bytes.indexOf(0x0a, firstRowEnds) + 1;
    expect(counter.feed(bytes.subarray(firstRowEnds, insideReason))).toBe(1);
  });
});
