// Tells a keyboard-mode scanner's typing from a person's, for the renderer (where node-hid cannot help: Windows and
// macOS keep keyboards to themselves). Pure: the renderer feeds it each keydown as plain data and acts on the verdict.
//
// The rule is Odoo's barcode service: a scanner types every key of a code at most ~50 ms after the previous one and
// ends with Enter or Tab; a person needs 150-300 ms per key. The limit is 55 ms: a scanner set to 50 ms per key reaches
// the page a fraction of a millisecond late now and then, and that must not split its code in two. Codes shorter than 3 characters are noise. Keys aimed at
// an editable field belong to that field unless the shop opts in, because a swallowed key cannot be given back.
//
// An input method (Chinese pinyin, say) that is on when a scanner types takes its letters into its composition, and the
// digits after a letter pick its candidates: the page sees "Process" keys, and never the code. Such a scan cannot be
// read, and a part of it must not be taken for a whole code; it is said instead, so the cashier switches to English.

export interface KeystrokeInput {
  /** KeyboardEvent.key: "a", "A", "7", "Enter", "Shift", "ArrowUp"… */
  key: string;
  /** KeyboardEvent.timeStamp in milliseconds. */
  timeStamp: number;
  /** The event's target is an input, textarea or contenteditable element. */
  targetIsEditable: boolean;
  /** The editable target asked for scans anyway (e.g. a member field with data-accepts-scans). */
  targetAcceptsScans?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** KeyboardEvent.isComposing: an input method is composing text from this key. */
  composing?: boolean;
}

export interface KeystrokeScan {
  text: string;
  keyCount: number;
  durationMs: number;
  /** The keys also reached an editable field (they were not swallowed there): the UI should clear what they typed. */
  typedIntoField: boolean;
  terminator: 'Enter' | 'Tab' | 'none';
  /**
   * A scanner's burst typed while an input method composed (its keys reached the page as "Process"): `text` is empty,
   * since the code went into the input method, and the cashier must switch it off and scan again.
   */
  throughInputMethod: boolean;
}

export interface KeystrokeVerdict {
  /** Call preventDefault(): the key is part of a scan and must not click a focused button or reach the page. */
  swallow: boolean;
  scan: KeystrokeScan | null;
}

export interface KeystrokeReaderOptions {
  maxGapMs: number;
  minLength: number;
  scanIntoEditableFields: boolean;
  /** Scanners set up with no suffix: a fast burst ends when the keys stop (call `idle`). */
  endWithoutTerminator: boolean;
}

/** Until the settings arrive; the same as settings.json's scannerRules.keystrokes defaults (a unit test holds them equal). */
export const DEFAULT_KEYSTROKE_READER: KeystrokeReaderOptions = {
  maxGapMs: 55,
  minLength: 3,
  scanIntoEditableFields: false,
  endWithoutTerminator: false,
};

// Pressing these alone types nothing; a scanner presses Shift before capitals, so they must not break a burst.
const NEUTRAL_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Unidentified', 'Dead']);
const PASS: KeystrokeVerdict = { swallow: false, scan: null };
/** KeyboardEvent.key for a key the input method took. */
const INPUT_METHOD_KEY = 'Process';

export class KeystrokeReader {
  private readonly options: KeystrokeReaderOptions;
  private text = '';
  private keyCount = 0;
  private firstAt = 0;
  private lastAt = 0;
  private typedIntoField = false;
  /** An input method took some of the burst's keys; and whether that was said (once a burst). */
  private composed = false;
  private composedSaid = false;
  /** When the last scan's Enter or Tab came: a scanner set to a two-key suffix (CR LF, Tab Enter) sends one more. */
  private scanEndedAt: number | null = null;

  constructor(options: Partial<KeystrokeReaderOptions> = {}) {
    this.options = { ...DEFAULT_KEYSTROKE_READER, ...options };
  }

  handle(input: KeystrokeInput): KeystrokeVerdict {
    if (input.key === '' || NEUTRAL_KEYS.has(input.key)) return PASS;
    // Before the editable-field rule: the scan's first suffix key may have moved focus into a field, and the second
    // would then press Enter there (submit the amount) or Tab on.
    if (this.isRestOfSuffix(input)) return { swallow: true, scan: null };
    if (input.targetIsEditable && !input.targetAcceptsScans && !this.options.scanIntoEditableFields) {
      this.reset();
      return PASS;
    }
    const continuesBurst = this.keyCount > 0 && isWithinGap(this.lastAt, input.timeStamp, this.options.maxGapMs);
    const composing = input.composing === true || input.key === INPUT_METHOD_KEY;
    if (!composing && (input.key === 'Enter' || input.key === 'Tab')) return this.terminate(input.key, input.timeStamp, continuesBurst);
    if (!composing && !isTypedCharacter(input)) {
      this.reset();
      return PASS;
    }
    if (!continuesBurst) this.start(input.timeStamp);
    // The input method keeps the character: only the key is counted.
    if (!composing) this.text += input.key;
    this.composed ||= composing;
    this.keyCount += 1;
    this.lastAt = input.timeStamp;
    this.typedIntoField ||= input.targetIsEditable;
    if (this.composed && !this.composedSaid && this.keyCount >= this.options.minLength) {
      this.composedSaid = true;
      return { swallow: false, scan: { ...this.finish('none'), text: '', throughInputMethod: true } };
    }
    // The first key of a burst cannot be known to be a scanner's yet; the ones after it can. A key the input method
    // took is its own whatever the page does.
    return { swallow: continuesBurst && !input.targetIsEditable && !composing, scan: null };
  }

  /** Call when no key came for `maxGapMs`: ends a suffix-less scan (if enabled) or forgets a stale burst. */
  idle(now: number): KeystrokeScan | null {
    if (this.keyCount === 0 || isWithinGap(this.lastAt, now, this.options.maxGapMs)) return null;
    const scan = this.options.endWithoutTerminator && !this.composed && this.text.length >= this.options.minLength ? this.finish('none') : null;
    this.reset();
    return scan;
  }

  /** The characters of the burst so far: 1 right after the key that started one. */
  get burstLength(): number {
    return this.keyCount;
  }

  reset(): void {
    this.text = '';
    this.keyCount = 0;
    this.typedIntoField = false;
    this.composed = false;
    this.composedSaid = false;
  }

  private start(timeStamp: number): void {
    this.reset();
    this.firstAt = timeStamp;
  }

  private terminate(key: 'Enter' | 'Tab', timeStamp: number, continuesBurst: boolean): KeystrokeVerdict {
    // What is left of a burst an input method took part of is not the code: the scanner's Enter goes, nothing is read.
    const composedScan = continuesBurst && this.composedSaid;
    const isScan = continuesBurst && !this.composed && this.text.length >= this.options.minLength;
    const scan = isScan ? this.finish(key) : null;
    this.reset();
    if (composedScan) return { swallow: true, scan: null };
    if (scan) this.scanEndedAt = timeStamp;
    return scan ? { swallow: true, scan } : PASS;
  }

  /**
   * An Enter or Tab right after a scan's own: the rest of its suffix, swallowed like the first key, or it would click
   * whatever button has focus (Confirm, with a typed phone number). Any other key ends the chance.
   */
  private isRestOfSuffix(input: KeystrokeInput): boolean {
    const endedAt = this.scanEndedAt;
    this.scanEndedAt = null;
    const isSuffixKey = input.key === 'Enter' || input.key === 'Tab';
    return isSuffixKey && endedAt !== null && isWithinGap(endedAt, input.timeStamp, this.options.maxGapMs);
  }

  private finish(terminator: KeystrokeScan['terminator']): KeystrokeScan {
    return {
      text: this.text,
      keyCount: this.keyCount,
      durationMs: this.lastAt - this.firstAt,
      typedIntoField: this.typedIntoField,
      terminator,
      throughInputMethod: false,
    };
  }
}

function isWithinGap(previous: number, now: number, maxGapMs: number): boolean {
  const gap = now - previous;
  return gap >= 0 && gap <= maxGapMs;
}

/** One printable character typed without a shortcut modifier (Shift is fine: it makes capitals and symbols). */
function isTypedCharacter(input: KeystrokeInput): boolean {
  return [...input.key].length === 1 && !input.ctrlKey && !input.altKey && !input.metaKey;
}
