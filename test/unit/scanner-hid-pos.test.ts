import { describe, expect, it } from 'vitest';
import { HidPosReader, type HidPosResult } from '../../app/scanner/hid-pos.ts';
import { dataFirstHidPosReport, hidPosReports } from '../hid/scanner-reports.ts';

const text = (result: HidPosResult): string =>
  result.kind === 'code' ? new TextDecoder().decode(result.bytes) : `(${result.kind})`;

/** A report written out byte by byte from the Access-IS / Honeywell layout, not produced by the test's own builder. */
function handWrittenReport(): Uint8Array {
  const report = new Uint8Array(64);
  report.set([0x02, 13, 0x5d, 0x45, 0x30]); // ID 2, 13 data bytes, "]E0" (EAN-13)
  report.set([...'9555012345678'].map((c) => c.charCodeAt(0)), 5);
  report[61] = 0x64; // Honeywell code ID 'd' (EAN-13)
  return report;
}

describe('HID POS scanned-data reports, symbology-first layout (Honeywell, Access-IS)', () => {
  it('reads a one-report code and its AIM symbology identifier', () => {
    const result = new HidPosReader().push(handWrittenReport());
    expect(result).toMatchObject({ kind: 'code', symbology: ']E0' });
    expect(text(result)).toBe('9555012345678');
  });

  it('joins a code split over reports while bit 0 of byte 63 is set (60 bytes = 56 + 4, as in the manuals)', () => {
    const boardingPass = 'M1GATHERGOOD/MICHAEL YABCDEF LHRDURAK 3542 052Y003D23  ABCDE';
    expect(boardingPass.length).toBe(60);
    const reports = hidPosReports(boardingPass, { aim: ']Q0' });
    expect(reports.map((r) => [r[1], r[63]])).toEqual([[56, 1], [4, 0]]);
    const reader = new HidPosReader();
    expect(reader.push(reports[0]!)).toEqual({ kind: 'partial' });
    expect(reader.hasPartialCode).toBe(true);
    const result = reader.push(reports[1]!);
    expect(text(result)).toBe(boardingPass);
    expect(result).toMatchObject({ symbology: ']Q0' });
    expect(reader.hasPartialCode).toBe(false);
  });

  it('joins a long QR link over three reports, then reads the next code on its own', () => {
    const link = `https://loyalty.revenuemonster.my/member/${'1'.repeat(19)}?source=card&campaign=${'x'.repeat(60)}`;
    const reader = new HidPosReader();
    const results = [...hidPosReports(link), ...hidPosReports('9555012345678', { aim: ']E0' })].map((r) => reader.push(r));
    const codes = results.filter((r) => r.kind === 'code').map(text);
    expect(codes).toEqual([link, '9555012345678']);
  });

  it('leaves the symbology empty when the scanner sends none', () => {
    expect(new HidPosReader().push(hidPosReports('ABC123', { aim: '' })[0]!)).toMatchObject({ symbology: '' });
  });

  it('ignores other report IDs, impossible lengths and truncated reports without throwing', () => {
    const reader = new HidPosReader();
    const status = new Uint8Array(64);
    status[0] = 0x04;
    expect(reader.push(status)).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('report ID 4') as string });
    const tooLong = handWrittenReport();
    tooLong[1] = 57;
    expect(reader.push(tooLong)).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('57') as string });
    expect(reader.push(handWrittenReport().subarray(0, 10))).toMatchObject({ kind: 'ignored' });
    expect(reader.push(new Uint8Array(0))).toMatchObject({ kind: 'ignored' });
  });

  it('drops a half-received code when the rest never comes', () => {
    const reader = new HidPosReader();
    const [first] = hidPosReports('x'.repeat(100));
    reader.push(first!);
    reader.discardPartialCode();
    expect(text(reader.push(hidPosReports('NEXT-CODE')[0]!))).toBe('NEXT-CODE');
  });

  it('gives up on a continuation bit that never clears', () => {
    const reader = new HidPosReader();
    const stuck = hidPosReports('y'.repeat(56 * 2))[0]!;
    let pushes = 0;
    let result: HidPosResult = { kind: 'partial' };
    while (result.kind === 'partial' && pushes < 1000) {
      result = reader.push(stuck);
      pushes += 1;
    }
    expect(result).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('continuation') as string });
    expect(pushes).toBe(Math.floor(4096 / 56) + 1);
    expect(reader.hasPartialCode).toBe(false);
  });
});

describe('HID POS scanned-data reports, data-first layout (Newland)', () => {
  it('reads data right after the length byte and the Newland code from byte 62', () => {
    const result = new HidPosReader('data-first').push(dataFirstHidPosReport('60172826990', 'Q'));
    expect(text(result)).toBe('60172826990');
    expect(result).toMatchObject({ symbology: 'Q' });
  });

  it('shows why the layout matters: the same bytes read symbology-first lose their first three characters', () => {
    expect(text(new HidPosReader('symbology-first').push(dataFirstHidPosReport('ABCDEFGH')))).toBe('DEFGH\0\0\0');
  });
});
