// Is RM reachable? Decided from real request outcomes first; while offline, a cheap probe with growing backoff says when
// it is back, so an unplugged cable costs a request every minute at most, not a tight loop.
import type { RmOutcome } from '../rm/outcome.ts';
import { TRANSPORT_CODES } from '../rm/errors.ts';
import { send } from '../rm/transport.ts';

export type Reachability = 'online' | 'offline';

export interface ConnectivityOptions {
  /** Resolves true when RM answered anything at all. */
  probe: () => Promise<boolean>;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  onChange?: (state: Reachability) => void;
}

const OFFLINE_CODES = new Set<string>([TRANSPORT_CODES.unreachable, TRANSPORT_CODES.connectTimeout, TRANSPORT_CODES.tls]);

/** A failure to reach RM at all (no connection made), as opposed to any answer from it. */
export function isUnreachable(code: string): boolean {
  return OFFLINE_CODES.has(code);
}

export class Connectivity {
  private current: Reachability = 'online';
  private probing: Promise<void> | null = null;
  private stopped = false;
  private wakeProbe: (() => void) | null = null;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;

  private readonly options: ConnectivityOptions;
  constructor(options: ConnectivityOptions) {
    this.options = options;
    this.minBackoffMs = options.minBackoffMs ?? 2_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
  }

  get state(): Reachability {
    return this.current;
  }

  /** Learn from a real request: an answer of any kind means online; failing to reach RM means offline. */
  report(outcome: RmOutcome<unknown>): void {
    if (outcome.kind === 'success') this.set('online');
    else if (isUnreachable(outcome.error.code)) this.set('offline');
    else if (outcome.error.httpStatus !== undefined) this.set('online');
  }

  /** Resolves when RM is reachable again (immediately if it is thought to be). */
  whenOnline(): Promise<void> {
    if (this.current === 'online' || this.stopped) return Promise.resolve();
    this.probing ??= this.probeUntilOnline().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  /** Probe now instead of waiting out the backoff (the OS said the network changed, or a person pressed "retry"). */
  probeNow(): void {
    this.wakeProbe?.();
  }

  stop(): void {
    this.stopped = true;
    this.wakeProbe?.();
  }

  private async probeUntilOnline(): Promise<void> {
    let delayMs = this.minBackoffMs;
    while (!this.stopped && this.current === 'offline') {
      if (await this.options.probe()) {
        this.set('online');
        return;
      }
      await this.sleep(delayMs);
      delayMs = Math.min(this.maxBackoffMs, delayMs * 2);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeProbe = done;
    });
  }

  private set(state: Reachability): void {
    if (this.current === state) return;
    this.current = state;
    this.options.onChange?.(state);
  }
}

/**
 * RM is reachable when each of its hosts (the API's, and OAuth's where it is another) gives any HTTP answer, even a 404:
 * an award needs both. Nothing is signed or applied.
 */
export function httpProbe(...urls: string[]): () => Promise<boolean> {
  return async () => {
    for (const url of new Set(urls)) {
      const outcome = await send(
        { method: 'GET', url: `${url.replace(/\/+$/, '')}/`, headers: {}, body: null, idempotent: true },
        { timeouts: { sendTimeoutMs: 5_000, responseTimeoutMs: 5_000 } },
      );
      if (outcome.kind !== 'response') return false;
    }
    return true;
  };
}
