// One HID POS scanner's raw input reports in, finished scans out: the piece the HID watcher keeps per open device.
// Keyboard-mode scanners are never read here: their keys reach the window as typing, and the page reads them there.
import { HidPosReader, type HidPosLayout } from './hid-pos.ts';
import { ScanAssembler, type ScanAssemblyOptions } from './scan-assembler.ts';

export type DecodedScan =
  | { kind: 'scan'; text: string; symbology: string }
  | { kind: 'ignored'; reason: string };

export interface ReportDecoderOptions {
  assembly: ScanAssemblyOptions;
  hidPosLayout: HidPosLayout;
}

function fromAssembled(assembler: ScanAssembler, symbology: string): DecodedScan {
  const assembled = assembler.end();
  if (assembled.kind === 'scan') return { kind: 'scan', text: assembled.text, symbology };
  const what = assembled.reason === 'empty' ? 'an empty scan (trigger pulled, nothing read)' : `"${assembled.text}" is too short`;
  return { kind: 'ignored', reason: what };
}

export class HidPosDecoder {
  private readonly reader: HidPosReader;
  private readonly assembler: ScanAssembler;
  // Not fatal: a code with bytes that are not UTF-8 still reaches the identity rules, which then reject it by content.
  private readonly utf8 = new TextDecoder('utf-8');

  constructor(options: ReportDecoderOptions) {
    this.reader = new HidPosReader(options.hidPosLayout);
    this.assembler = new ScanAssembler(options.assembly);
  }

  /** Something is buffered and `idle()` would act on it. */
  get pending(): boolean {
    return this.reader.hasPartialCode;
  }

  push(report: Uint8Array): DecodedScan[] {
    const result = this.reader.push(report);
    if (result.kind === 'partial') return [];
    if (result.kind === 'ignored') return [{ kind: 'ignored', reason: result.reason }];
    this.assembler.add(this.utf8.decode(result.bytes));
    return [fromAssembled(this.assembler, result.symbology)];
  }

  /** The device went quiet: drop a code whose last report never came. */
  idle(): DecodedScan[] {
    if (!this.reader.hasPartialCode) return [];
    this.reader.discardPartialCode();
    return [{ kind: 'ignored', reason: 'an incomplete code (its last report never arrived)' }];
  }
}
