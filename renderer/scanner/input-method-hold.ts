// A scan typed through an input method is handed on only once its burst is over. The reader knows it for one after a
// few keys, but the rest of its keys still land in the focused field, and so does the text the input method commits
// when the scanner's Enter (or a digit picking a candidate) ends its composition. Handed on at once, the field would be
// put back before they landed, and the cashier would find the input method's letters in the member or amount field.
// Over means: no key, input or composition for the scanner's gap, and no composition open. A composition the input
// method keeps open (a scanner with no suffix, a code ending in letters) is waited for a moment at most: the cashier
// must still be told, and putting the field back ends it.

/** How long an open composition may hold back the words about a scan typed through it. */
export const OPEN_COMPOSITION_WAIT_MS = 1_000;

export class InputMethodScanHold<T> {
  private held: T | null = null;
  private heldAt = 0;
  private composing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  private readonly quietMs: number;
  private readonly release: (held: T) => void;
  /** `release` gets the held scan once the burst is over; `quietMs` is the scanner's gap between keys. */
  constructor(
    quietMs: number,
    release: (held: T) => void,
  ) {
    this.quietMs = quietMs;
    this.release = release;
  }

  hold(scan: T): void {
    this.held = scan;
    this.heldAt = Date.now();
    this.arm();
  }

  /**
   * A keydown of the burst, and its KeyboardEvent.isComposing: a composition the page saw start may have been ended
   * without a compositionend (Chromium sends none when a script sets the field's value), and the key says so.
   */
  keyDown(composing: boolean): void {
    this.composing = composing;
    this.arrived();
  }

  /** An input event: the burst's keys, or the input method's text, are still landing. */
  arrived(): void {
    if (this.held !== null) this.arm();
  }

  compositionStarted(): void {
    this.composing = true;
  }

  compositionEnded(): void {
    this.composing = false;
    this.arrived();
  }

  /**
   * Hands on the held scan now: another burst begins, and its scan must not come before this one; or the page stops
   * reading keys as it did (the reader's settings changed, another screen claims the scans), and the scan read before
   * must still be said and its field put back.
   */
  flush(): void {
    clearTimeout(this.timer);
    const held = this.held;
    this.held = null;
    if (held !== null) this.release(held);
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.composing && Date.now() - this.heldAt < OPEN_COMPOSITION_WAIT_MS) this.arm();
      else this.flush();
    }, this.quietMs + 1);
  }
}
