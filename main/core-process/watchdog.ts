// A core process that is alive but no longer answers (stuck in a loop, or deadlocked) is as good as dead, and worse:
// every call waits on it and quitting cannot ask it anything. Main pings it; when nothing at all has come back for a
// long while, main stops it and the usual restart follows (an award in flight becomes UNKNOWN, as after a crash).
// The limit is generous: the core may be busy for a few seconds (a large export batch, a slow disk), never for this long.

export const PING_EVERY_MS = 5_000;
export const STUCK_AFTER_MS = 30_000;

export interface WatchdogTiming {
  everyMs: number;
  stuckAfterMs: number;
}

export class Watchdog {
  private timer: NodeJS.Timeout | null = null;
  private lastHeard = 0;
  private nextPing = 0;

  private readonly ping: (id: number) => void;
  private readonly stuck: (silentMs: number) => void;
  private readonly timing: WatchdogTiming;
  private readonly now: () => number;
  constructor(
    ping: (id: number) => void,
    stuck: (silentMs: number) => void,
    timing: WatchdogTiming = { everyMs: PING_EVERY_MS, stuckAfterMs: STUCK_AFTER_MS },
    now: () => number = () => performance.now(),
  ) {
    this.ping = ping;
    this.stuck = stuck;
    this.timing = timing;
    this.now = now;
  }

  start(): void {
    this.stop();
    this.lastHeard = this.now();
    this.timer = setInterval(() => this.tick(), this.timing.everyMs);
    this.timer.unref();
  }

  /** Anything at all from the core shows it is alive. */
  heard(): void {
    this.lastHeard = this.now();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const silentMs = this.now() - this.lastHeard;
    if (silentMs < this.timing.stuckAfterMs) {
      this.ping(this.nextPing++);
      return;
    }
    this.stop();
    this.stuck(silentMs);
  }
}
