// Tells a barcode scanner's keys from a PIN typed into the manager's PIN pad. Speed alone cannot: a touch typist (or a
// test's keyboard.type) puts a PIN's keys as close together as a scanner does, and a PIN refused for its speed would
// lock a manager out of their own screens. What a PIN cannot be tells them apart instead. A PIN is 4 to 8 digits
// (app/contract.ts); what a counter's scanner reads is longer or not only digits: member numbers are 10 to 20 digits,
// phone numbers 9 or more, a member QR is a link with letters, ':' and '/'.
//
// So a burst (keys each within the scanner's gap of the one before, the shop's keystroke rule) is a scan once it holds
// more characters than the longest PIN, or any character but a digit. It needs the scanner's shortest code as well:
// two keys a person presses together ("4r") are a slip, not a scan. A burst of up to 8 digits is a PIN however fast it
// came; an 8-digit code (an EAN-8 product barcode) cannot be told from a PIN and is tried as one.
// From the key that shows a burst is a scan, the rest of it goes nowhere, its Enter or Tab (two of them, for a
// scanner set to a two-key suffix) included: that Enter must not send what is left in the field as a try.

export const MAX_PIN_LENGTH = 8;
const PIN_DIGITS = /^\d+$/;

/** 'type': the person's key, let it be. 'scan': this key shows the burst is a scan. 'swallow': more of that scan. */
export type PinKeyVerdict = 'type' | 'scan' | 'swallow';

export interface BurstRule {
  maxGapMs: number;
  minLength: number;
}

export class PinOrScan {
  private burst = '';
  private lastAt = Number.NEGATIVE_INFINITY;
  private scanning = false;

  private readonly rule: BurstRule;
  constructor(rule: BurstRule) {
    this.rule = rule;
  }

  /** `key`: KeyboardEvent.key of a keydown without Ctrl, Alt or Meta; `timeStamp`: its KeyboardEvent.timeStamp. */
  key(key: string, timeStamp: number): PinKeyVerdict {
    const isSuffix = key === 'Enter' || key === 'Tab';
    // Shift (before a scanner's capitals), Backspace, an input method's "Process": neither part of a burst nor an end.
    if (!isSuffix && [...key].length !== 1) return 'type';
    const gap = timeStamp - this.lastAt;
    const continues = gap >= 0 && gap <= this.rule.maxGapMs;
    if (isSuffix) {
      if (this.scanning && continues) {
        this.lastAt = timeStamp;
        return 'swallow';
      }
      this.forget();
      return 'type';
    }
    if (!continues) this.forget();
    this.lastAt = timeStamp;
    if (this.scanning) return 'swallow';
    this.burst += key;
    if (this.burst.length < this.rule.minLength) return 'type';
    if (this.burst.length <= MAX_PIN_LENGTH && PIN_DIGITS.test(this.burst)) return 'type';
    this.scanning = true;
    return 'scan';
  }

  private forget(): void {
    this.burst = '';
    this.scanning = false;
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}

/** What a keyboard-mode scan the shell caught could be, had a person typed it: a PIN, to be tried as one. */
export function isPinShaped(text: string): boolean {
  return text.length <= MAX_PIN_LENGTH && PIN_DIGITS.test(text);
}
