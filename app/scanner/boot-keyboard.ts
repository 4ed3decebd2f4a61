// Boot keyboard input reports (HID 1.11, appendix B) from a scanner in keyboard mode, turned into keystrokes.
// A report says which keys are down NOW: byte 0 modifier bits, byte 1 reserved, bytes 2-7 up to six key usages.
// A key is typed when it newly appears in a report; a key still held from the previous report is not typed again.
import {
  FIRST_REAL_KEY_USAGE,
  USAGE_ENTER,
  USAGE_KEYPAD_ENTER,
  USAGE_TAB,
  usageToCharacter,
  usageToControlCharacter,
} from './us-keyboard.ts';

export type Keystroke = { kind: 'text'; text: string } | { kind: 'terminator'; key: 'Enter' | 'Tab' };

export const BOOT_REPORT_LENGTH = 8;
const KEY_SLOTS_START = 2;

// Modifier bits: 0 left ctrl, 1 left shift, 2 left alt, 3 left GUI, 4 right ctrl, 5 right shift, 6 right alt, 7 right GUI.
const SHIFT_BITS = 0b0010_0010;
const CTRL_BITS = 0b0001_0001;
const ALT_OR_GUI_BITS = 0b1100_1100;

export class BootKeyboardReader {
  private held = new Set<number>();

  /** Keystrokes typed by this report, in key-slot order. Reports of an unexpected size type nothing. */
  push(report: Uint8Array): Keystroke[] {
    const boot = withoutReportId(report);
    if (!boot) return [];
    const modifiers = boot[0] ?? 0;
    const usages = [...boot.subarray(KEY_SLOTS_START)].filter((usage) => usage !== 0);
    // ErrorRollOver: the keyboard cannot tell which keys are down; the previous state still stands.
    if (usages.some((usage) => usage < FIRST_REAL_KEY_USAGE)) return [];
    const typed: Keystroke[] = [];
    for (const usage of usages) {
      if (this.held.has(usage)) continue;
      const keystroke = keystrokeFor(usage, modifiers);
      if (keystroke) typed.push(keystroke);
    }
    this.held = new Set(usages);
    return typed;
  }

  reset(): void {
    this.held.clear();
  }
}

/** 8 bytes is a boot report; 9 bytes is the same preceded by a report ID (scanners that also have other reports). */
function withoutReportId(report: Uint8Array): Uint8Array | undefined {
  if (report.length === BOOT_REPORT_LENGTH) return report;
  if (report.length === BOOT_REPORT_LENGTH + 1) return report.subarray(1);
  return undefined;
}

function keystrokeFor(usage: number, modifiers: number): Keystroke | undefined {
  if (usage === USAGE_ENTER || usage === USAGE_KEYPAD_ENTER) return { kind: 'terminator', key: 'Enter' };
  if (usage === USAGE_TAB) return { kind: 'terminator', key: 'Tab' };
  // Alt or GUI (Windows/Command) chords are shortcuts, never part of a code.
  if ((modifiers & ALT_OR_GUI_BITS) !== 0) return undefined;
  const text = (modifiers & CTRL_BITS) !== 0
    ? usageToControlCharacter(usage)
    : usageToCharacter(usage, (modifiers & SHIFT_BITS) !== 0);
  return text === undefined ? undefined : { kind: 'text', text };
}
