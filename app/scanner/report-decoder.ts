// One scanner's raw input reports in, finished scans out: the piece the HID watcher keeps per open device.
import { BootKeyboardReader } from './boot-keyboard.ts';
import { HidPosReader, type HidPosLayout } from './hid-pos.ts';
import { ScanAssembler, type ScanAssemblyOptions } from './scan-assembler.ts';

export type ScannerMode = 'hid-pos' | 'keyboard';

export type DecodedScan =
  | { kind: 'scan'; text: string; symbology: string }
  | { kind: 'ignored'; reason: string };

export interface ReportDecoder {
  push(report: Uint8Array): DecodedScan[];
  /** The device went quiet: end a keyboard scan that had no terminator, drop a HID POS code whose end never came. */
  idle(): DecodedScan[];
  /** Something is buffered and `idle()` would act on it. */
  readonly pending: boolean;
}

export interface ReportDecoderOptions {
  mode: ScannerMode;
  assembly: ScanAssemblyOptions;
  hidPosLayout: HidPosLayout;
}

export function createReportDecoder(options: ReportDecoderOptions): ReportDecoder {
  return options.mode === 'hid-pos' ? new HidPosDecoder(options) : new KeyboardDecoder(options);
}

function fromAssembled(assembler: ScanAssembler, symbology: string): DecodedScan {
  const assembled = assembler.end();
  if (assembled.kind === 'scan') return { kind: 'scan', text: assembled.text, symbology };
  const what = assembled.reason === 'empty' ? 'an empty scan (trigger pulled, nothing read)' : `"${assembled.text}" is too short`;
  return { kind: 'ignored', reason: what };
}

class KeyboardDecoder implements ReportDecoder {
  private readonly keyboard = new BootKeyboardReader();
  private readonly assembler: ScanAssembler;

  constructor(options: ReportDecoderOptions) {
    this.assembler = new ScanAssembler(options.assembly);
  }

  get pending(): boolean {
    return this.assembler.hasText;
  }

  push(report: Uint8Array): DecodedScan[] {
    const scans: DecodedScan[] = [];
    for (const keystroke of this.keyboard.push(report)) {
      if (keystroke.kind === 'text') this.assembler.add(keystroke.text);
      else scans.push(fromAssembled(this.assembler, ''));
    }
    return scans;
  }

  idle(): DecodedScan[] {
    return this.assembler.hasText ? [fromAssembled(this.assembler, '')] : [];
  }
}

class HidPosDecoder implements ReportDecoder {
  private readonly reader: HidPosReader;
  private readonly assembler: ScanAssembler;
  // Not fatal: a code with bytes that are not UTF-8 still reaches the identity rules, which then reject it by content.
  private readonly utf8 = new TextDecoder('utf-8');

  constructor(options: ReportDecoderOptions) {
    this.reader = new HidPosReader(options.hidPosLayout);
    this.assembler = new ScanAssembler(options.assembly);
  }

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

  idle(): DecodedScan[] {
    if (!this.reader.hasPartialCode) return [];
    this.reader.discardPartialCode();
    return [{ kind: 'ignored', reason: 'an incomplete code (its last report never arrived)' }];
  }
}
