// Scanned-data input reports of HID POS barcode scanners (USB HID Point of Sale Usage Tables 1.02, usage page 0x8C).
//
// Two byte layouts exist in the wild; both start with report ID 2 and a length byte that counts only the data bytes:
//
// 'symbology-first' (the default; Honeywell, Access-IS and scanners following the POS Usage Tables' field order), 64 bytes:
//   [0] report ID 2, [1] data length 0-56, [2..4] AIM symbology identifier (e.g. "]Q1", zeros when the scanner sends
//   none), [5..60] up to 56 data bytes (zero padded), [61] the vendor's own symbology code, [62] reserved,
//   [63] bit 0 "decoded data continued": 1 = more reports of this code follow, 0 = this report ends the code.
//   Checked against a Honeywell Voyager 1602g capture (a 330-byte reply in six reports, bit 0 set on all but the last)
//   and the Access-IS LSR116/ATR110 manuals (a 60-byte code split 56 + 4).
//
// 'data-first' (Newland FM430 manual), 63 bytes:
//   [0] report ID 2, [1] data length 1-56, [2..57] data, [58..61] reserved, [62] Newland symbology code or 0.
//   The manual documents no continuation, so each report is one whole code.
//
// Continuation is followed only through reports of the same code; the code ends at a report whose bit 0 is clear.

export type HidPosLayout = 'symbology-first' | 'data-first';

export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_SCANNED_DATA_REPORT_ID = 2;
export const HID_POS_MAX_DATA_BYTES = 56;
/** A QR code holds at most 2953 bytes; anything longer is a stuck continuation bit, not a code. */
const MAX_CODE_BYTES = 4096;

export type HidPosResult =
  | { kind: 'partial' }
  | { kind: 'code'; bytes: Uint8Array; symbology: string }
  | { kind: 'ignored'; reason: string };

interface ReportParts {
  data: Uint8Array;
  symbology: string;
  continues: boolean;
}

const SYMBOLOGY_FIRST = { dataStart: 5, continuationByte: 63, minimumLength: 5 } as const;
const DATA_FIRST = { dataStart: 2, symbologyByte: 62, minimumLength: 2 } as const;
const AIM_FLAG = 0x5d; // ']'

export class HidPosReader {
  private pending: Uint8Array[] = [];
  private pendingSymbology = '';
  private pendingBytes = 0;

  private readonly layout: HidPosLayout;
  constructor(layout: HidPosLayout = 'symbology-first') {
    this.layout = layout;
  }

  get hasPartialCode(): boolean {
    return this.pending.length > 0;
  }

  push(report: Uint8Array): HidPosResult {
    const parsed = this.parse(report);
    if ('reason' in parsed) return { kind: 'ignored', reason: parsed.reason };
    if (this.pending.length === 0) this.pendingSymbology = parsed.symbology;
    this.pending.push(parsed.data);
    this.pendingBytes += parsed.data.length;
    if (this.pendingBytes > MAX_CODE_BYTES) {
      this.discardPartialCode();
      return { kind: 'ignored', reason: `a code longer than ${MAX_CODE_BYTES} bytes (continuation never ended)` };
    }
    if (parsed.continues) return { kind: 'partial' };
    const code: HidPosResult = { kind: 'code', bytes: concat(this.pending), symbology: this.pendingSymbology };
    this.discardPartialCode();
    return code;
  }

  /** Drops the reports of a code whose last report never came (the scanner was unplugged mid-code, for example). */
  discardPartialCode(): void {
    this.pending = [];
    this.pendingSymbology = '';
    this.pendingBytes = 0;
  }

  private parse(report: Uint8Array): ReportParts | { reason: string } {
    if (report[0] !== HID_POS_SCANNED_DATA_REPORT_ID) {
      return { reason: `report ID ${report[0] ?? 'none'} is not a scanned-data report (ID 2)` };
    }
    const length = report[1] ?? 0;
    if (length > HID_POS_MAX_DATA_BYTES) {
      this.discardPartialCode();
      return { reason: `the length byte says ${length}; a HID POS report carries at most ${HID_POS_MAX_DATA_BYTES} bytes` };
    }
    return this.layout === 'symbology-first' ? parseSymbologyFirst(report, length) : parseDataFirst(report, length);
  }
}

function parseSymbologyFirst(report: Uint8Array, length: number): ReportParts | { reason: string } {
  const { dataStart, continuationByte, minimumLength } = SYMBOLOGY_FIRST;
  if (report.length < Math.max(minimumLength, dataStart + length)) {
    return { reason: `a ${report.length}-byte report cannot hold the ${length} data bytes it announces` };
  }
  const symbology = report[2] === AIM_FLAG ? String.fromCharCode(report[2], report[3] ?? 0, report[4] ?? 0) : '';
  const continues = ((report[continuationByte] ?? 0) & 1) === 1;
  return { data: report.slice(dataStart, dataStart + length), symbology, continues };
}

function parseDataFirst(report: Uint8Array, length: number): ReportParts | { reason: string } {
  const { dataStart, symbologyByte, minimumLength } = DATA_FIRST;
  if (report.length < Math.max(minimumLength, dataStart + length)) {
    return { reason: `a ${report.length}-byte report cannot hold the ${length} data bytes it announces` };
  }
  const code = report[symbologyByte] ?? 0;
  return { data: report.slice(dataStart, dataStart + length), symbology: code ? String.fromCharCode(code) : '', continues: false };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
