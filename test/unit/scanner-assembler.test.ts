import { describe, expect, it } from 'vitest';
import { ScanAssembler, cleanScanText, DEFAULT_SCAN_ASSEMBLY } from '../../app/scanner/scan-assembler.ts';
import { HidPosDecoder, type DecodedScan } from '../../app/scanner/report-decoder.ts';
import { dataFirstHidPosReport, hidPosReports } from '../hid/scanner-reports.ts';

describe('cleaning scanned text', () => {
  it('removes control characters: STX/ETX framing, CR/LF suffixes, GS separators, DEL and C1 codes', () => {
    expect(cleanScanText('\x021234567890\x03\r\n', DEFAULT_SCAN_ASSEMBLY)).toBe('1234567890');
    expect(cleanScanText('12345\x1d67890\x7f\u0085', DEFAULT_SCAN_ASSEMBLY)).toBe('1234567890');
  });

  it('removes a leading AIM symbology identifier, before or after the configured prefix, unless told not to', () => {
    expect(cleanScanText(']Q11589736419203847563\r', DEFAULT_SCAN_ASSEMBLY)).toBe('1589736419203847563');
    const prefixed = { ...DEFAULT_SCAN_ASSEMBLY, prefix: 'K:' };
    expect(cleanScanText(']E0K:9555012345678', prefixed)).toBe('9555012345678');
    expect(cleanScanText('K:]E09555012345678', prefixed)).toBe('9555012345678');
    expect(cleanScanText(']Q1ABC', { ...DEFAULT_SCAN_ASSEMBLY, stripSymbologyIdentifier: false })).toBe(']Q1ABC');
    expect(cleanScanText('ABC]Q1', DEFAULT_SCAN_ASSEMBLY)).toBe('ABC]Q1');
  });

  it('removes the configured prefix and suffix only where they are', () => {
    const options = { ...DEFAULT_SCAN_ASSEMBLY, prefix: 'RM:', suffix: '#' };
    expect(cleanScanText('RM:1234567890#', options)).toBe('1234567890');
    expect(cleanScanText('1234567890', options)).toBe('1234567890');
    expect(cleanScanText('  RM: 1234567890 \r', options)).toBe('1234567890');
    // A prefix configured with a control character (STX) matches the text after control characters are gone.
    expect(cleanScanText('\x02K1234567890', { ...DEFAULT_SCAN_ASSEMBLY, prefix: '\x02K' })).toBe('1234567890');
  });
});

describe('assembling a scan', () => {
  it('reports an empty trigger pull and short noise instead of a scan', () => {
    const assembler = new ScanAssembler({ ...DEFAULT_SCAN_ASSEMBLY, minLength: 4 });
    expect(assembler.end()).toEqual({ kind: 'ignored', reason: 'empty', text: '' });
    assembler.add('\r\n');
    expect(assembler.end()).toMatchObject({ kind: 'ignored', reason: 'empty' });
    assembler.add('abc');
    expect(assembler.end()).toEqual({ kind: 'ignored', reason: 'too-short', text: 'abc' });
    assembler.add('ab');
    assembler.add('cd');
    expect(assembler.end()).toEqual({ kind: 'scan', text: 'abcd' });
    expect(assembler.end()).toEqual({ kind: 'ignored', reason: 'empty', text: '' });
  });
});

function decode(reports: Uint8Array[], idle = false): DecodedScan[] {
  const decoder = new HidPosDecoder({ assembly: DEFAULT_SCAN_ASSEMBLY, hidPosLayout: 'symbology-first' });
  const decoded = reports.flatMap((report) => decoder.push(report));
  return idle ? [...decoded, ...decoder.idle()] : decoded;
}

const scans = (decoded: DecodedScan[]): string[] => decoded.flatMap((d) => (d.kind === 'scan' ? [d.text] : []));

describe('HID POS report decoder', () => {
  it('HID POS: one scan per code, with its symbology', () => {
    const decoded = decode([...hidPosReports('1234567890123', { aim: ']E0' }), ...hidPosReports('+60 17-282 6990')]);
    expect(decoded).toEqual([
      { kind: 'scan', text: '1234567890123', symbology: ']E0' },
      { kind: 'scan', text: '+60 17-282 6990', symbology: ']Q1' },
    ]);
  });

  it('HID POS: a UTF-8 character split across two reports comes out whole', () => {
    const code = `${'a'.repeat(55)}é-member`; // é is 2 bytes: byte 56 ends report 1, byte 57 starts report 2
    expect(scans(decode(hidPosReports(code)))).toEqual([code]);
  });

  it('HID POS: a code whose last report never came is dropped when the scanner goes quiet', () => {
    const [first] = hidPosReports('9'.repeat(80));
    const decoded = decode([first!], true);
    expect(scans(decoded)).toEqual([]);
    expect(decoded).toEqual([{ kind: 'ignored', reason: expect.stringContaining('incomplete') as string }]);
  });

  it('HID POS data-first layout (Newland)', () => {
    const decoder = new HidPosDecoder({ assembly: DEFAULT_SCAN_ASSEMBLY, hidPosLayout: 'data-first' });
    expect(decoder.push(dataFirstHidPosReport('0172826990'))).toEqual([{ kind: 'scan', text: '0172826990', symbology: 'Q' }]);
  });
});
