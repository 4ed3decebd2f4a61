// Collects the text of one scan from one device and decides, when the scan ends, whether it is a code at all.
// Scanners add things the member number must not carry (JumpMind OpenPOS 2001, 2108): control characters (STX/ETX
// framing, CR/LF suffixes, GS separators), a configured prefix/suffix, and a trigger pull with no code sends nothing.
import { withoutControlCharacters } from '../common/text.ts';

export interface ScanAssemblyOptions {
  /** Text the scanner is configured to put before every code (e.g. "K:"); removed when present. */
  prefix: string;
  /** Text the scanner is configured to put after every code; removed when present. */
  suffix: string;
  /** Cleaned text shorter than this is noise (a partial read, a stray key), not a code. */
  minLength: number;
  /** Remove an AIM symbology identifier ("]Q1", "]E0") that a scanner set up for another POS puts before the code. */
  stripSymbologyIdentifier: boolean;
}

export const DEFAULT_SCAN_ASSEMBLY: ScanAssemblyOptions = {
  prefix: '',
  suffix: '',
  minLength: 3,
  stripSymbologyIdentifier: true,
};

export type AssembledScan =
  | { kind: 'scan'; text: string }
  | { kind: 'ignored'; reason: 'empty' | 'too-short'; text: string };

// "]" + symbology letter + modifier character (ISO/IEC 15424).
const AIM_IDENTIFIER = /^\][A-Za-z][0-9A-Za-z]/;

/**
 * Control characters out, surrounding spaces out, then the configured prefix and suffix out. A symbology identifier
 * goes whether the scanner puts it before or after the configured prefix.
 */
export function cleanScanText(raw: string, options: ScanAssemblyOptions): string {
  const withoutAim = (text: string): string => (options.stripSymbologyIdentifier ? text.replace(AIM_IDENTIFIER, '') : text);
  let text = withoutAim(withoutControlCharacters(raw).trim());
  const prefix = withoutControlCharacters(options.prefix);
  const suffix = withoutControlCharacters(options.suffix);
  if (prefix && text.startsWith(prefix)) text = withoutAim(text.slice(prefix.length));
  if (suffix && text.endsWith(suffix)) text = text.slice(0, text.length - suffix.length);
  return text.trim();
}

/** The AIM symbology identifier that cleanScanText takes off (a keyboard-mode scanner types it too), or "". */
export function aimIdentifierOf(raw: string, options: ScanAssemblyOptions): string {
  const text = withoutControlCharacters(raw).trim();
  const prefix = withoutControlCharacters(options.prefix);
  const afterPrefix = prefix && text.startsWith(prefix) ? text.slice(prefix.length) : text;
  return (AIM_IDENTIFIER.exec(text) ?? AIM_IDENTIFIER.exec(afterPrefix))?.[0] ?? '';
}

export class ScanAssembler {
  private buffer = '';

  private readonly options: ScanAssemblyOptions;
  constructor(options: ScanAssemblyOptions = DEFAULT_SCAN_ASSEMBLY) {
    this.options = options;
  }

  add(text: string): void {
    this.buffer += text;
  }

  /** Ends the current scan (a terminator, the last HID POS report, or silence) and starts the next one empty. */
  end(): AssembledScan {
    const text = cleanScanText(this.buffer, this.options);
    this.buffer = '';
    if (text.length === 0) return { kind: 'ignored', reason: 'empty', text };
    if (text.length < this.options.minLength) return { kind: 'ignored', reason: 'too-short', text };
    return { kind: 'scan', text };
  }
}
