// Exponential backoff for looking for a scanner again: soon after an unplug (the device may be re-enumerating),
// then less and less often, because every enumeration costs time and disturbs other USB devices.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

export class Backoff {
  private nextDelayMs: number;

  private readonly options: BackoffOptions;
  constructor(options: BackoffOptions = DEFAULT_BACKOFF) {
    this.options = options;
    this.nextDelayMs = options.initialMs;
  }

  /** The delay before the next attempt; each call doubles the one after, up to the maximum. */
  next(): number {
    const delay = this.nextDelayMs;
    this.nextDelayMs = Math.min(this.nextDelayMs * 2, this.options.maxMs);
    return delay;
  }

  reset(): void {
    this.nextDelayMs = this.options.initialMs;
  }
}
