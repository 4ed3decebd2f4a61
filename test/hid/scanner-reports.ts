// The input reports real scanners send, byte for byte, for the fake backend (unit tests) and the uhid scanners in the
// QEMU guest. Kept independent of app/scanner so a wrong decoder cannot agree with a wrong builder.

const HID_POS_REPORT_SIZE = 64; // report ID + 63 bytes, as Honeywell and Access-IS scanners send
const HID_POS_DATA_BYTES = 56;

export interface HidPosCodeOptions {
  /** AIM symbology identifier; "]Q1" is QR, "]E0" EAN-13, "]C0" Code 128. Empty sends zeros. */
  aim?: string;
  /** The vendor's own one-byte symbology code in byte 61 (Honeywell: 's' for QR). */
  vendorCode?: string;
}

/** A code as a symbology-first HID POS scanner sends it: 56 data bytes per report, bit 0 of byte 63 on all but the last. */
export function hidPosReports(code: string | Uint8Array, options: HidPosCodeOptions = {}): Uint8Array[] {
  const bytes = typeof code === 'string' ? new TextEncoder().encode(code) : code;
  const aim = options.aim ?? ']Q1';
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length || chunks.length === 0; offset += HID_POS_DATA_BYTES) {
    chunks.push(bytes.subarray(offset, offset + HID_POS_DATA_BYTES));
  }
  return chunks.map((chunk, index) => {
    const report = new Uint8Array(HID_POS_REPORT_SIZE);
    report[0] = 0x02;
    report[1] = chunk.length;
    for (let i = 0; i < aim.length && i < 3; i++) report[2 + i] = aim.charCodeAt(i);
    report.set(chunk, 5);
    report[61] = (options.vendorCode ?? 's').charCodeAt(0);
    report[63] = index < chunks.length - 1 ? 0x01 : 0x00;
    return report;
  });
}

/** A code as a data-first (Newland) HID POS scanner sends it: one 63-byte report, data right after the length. */
export function dataFirstHidPosReport(code: string, newlandCode = 'Q'): Uint8Array {
  const bytes = new TextEncoder().encode(code);
  const report = new Uint8Array(63);
  report[0] = 0x02;
  report[1] = bytes.length;
  report.set(bytes, 2);
  report[62] = newlandCode.charCodeAt(0);
  return report;
}

const LEFT_SHIFT = 0x02;

/** [usage, needs shift] for every character a US keyboard types. */
function usTypingTable(): Map<string, [number, boolean]> {
  const table = new Map<string, [number, boolean]>();
  for (let i = 0; i < 26; i++) {
    table.set(String.fromCharCode(97 + i), [4 + i, false]);
    table.set(String.fromCharCode(65 + i), [4 + i, true]);
  }
  const digits = '1234567890';
  const shiftedDigits = '!@#$%^&*()';
  for (let i = 0; i < 10; i++) {
    table.set(digits.charAt(i), [30 + i, false]);
    table.set(shiftedDigits.charAt(i), [30 + i, true]);
  }
  const symbols: Array<[number, string, string]> = [
    [44, ' ', ' '], [45, '-', '_'], [46, '=', '+'], [47, '[', '{'], [48, ']', '}'], [49, '\\', '|'],
    [51, ';', ':'], [52, "'", '"'], [53, '`', '~'], [54, ',', '<'], [55, '.', '>'], [56, '/', '?'],
  ];
  for (const [usage, plain, shifted] of symbols) {
    table.set(plain, [usage, false]);
    if (shifted !== plain && !table.has(shifted)) table.set(shifted, [usage, true]);
  }
  table.set('\n', [40, false]);
  table.set('\t', [43, false]);
  return table;
}

const US_TYPING = usTypingTable();

/**
 * What a keyboard-mode scanner sends to type `text` ("\n" is Enter, "\t" is Tab): for each character one 8-byte boot
 * report with the key down, then an all-zero release report, exactly as the recipe's uhid keyboard does.
 */
export function keyboardReports(text: string): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (const character of text) {
    const entry = US_TYPING.get(character);
    if (!entry) throw new Error(`no US key types ${JSON.stringify(character)}`);
    const [usage, shifted] = entry;
    reports.push(bootReport(shifted ? LEFT_SHIFT : 0, [usage]));
    reports.push(bootReport(0, []));
  }
  return reports;
}

/** One boot keyboard report: modifiers, reserved 0, up to six usages. */
function bootReport(modifiers: number, usages: number[]): Uint8Array {
  const report = new Uint8Array(8);
  report[0] = modifiers;
  usages.slice(0, 6).forEach((usage, index) => (report[2 + index] = usage));
  return report;
}
