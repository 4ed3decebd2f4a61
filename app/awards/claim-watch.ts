// Watches a claim QR on screen until its customer claims it: RM is asked every few seconds for a while after the QR was
// made, and a claim is kept with the award (so the counter's QR panel and the history say "claimed"). Where RM cannot
// say (no such read), Kaunter stops asking and the QR simply stays "waiting".
import type { Db } from '../store/database.ts';
import type { LoyaltyApi } from '../rm/loyalty.ts';
import type { Award } from './award.ts';
import { markClaimed } from './transitions.ts';

const ASK_EVERY_MS = 2_000;
/** A customer scans at the counter or soon after; a QR left longer is not watched (a manager can still see it). */
const WATCH_FOR_MS = 15 * 60_000;

export interface ClaimWatchOptions {
  db: Db;
  loyalty: LoyaltyApi;
  now: () => number;
  onClaimed: (award: Award) => void;
  askEveryMs?: number;
  log?: (line: string) => void;
}

export class ClaimWatch {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private rmCannotSay = false;

  private readonly options: ClaimWatchOptions;
  constructor(options: ClaimWatchOptions) {
    this.options = options;
  }

  /**
   * Starts watching an awarded claim QR (once) for a while from `shownAt`: when it was made, or when a manager showed
   * it again for a customer who came back. Anything else is left alone.
   */
  watch(award: Award, shownAt = award.createdAt): void {
    const itemId = award.rmItemId;
    const watchable = award.member.type === 'QRCODE' && award.state === 'AWARDED' && itemId !== null && award.claimedAt === null;
    if (!watchable || this.rmCannotSay || this.timers.has(award.id) || this.options.now() - shownAt > WATCH_FOR_MS) return;
    const timer = setInterval(() => void this.askOrGiveUp(award, itemId, shownAt), this.options.askEveryMs ?? ASK_EVERY_MS);
    timer.unref();
    this.timers.set(award.id, timer);
  }

  /** The QR was shown again at `shownAt`: watched for a while from then, whatever watch it had. */
  watchAgain(award: Award, shownAt: number): void {
    this.forget(award.id);
    this.watch(award, shownAt);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
  }

  /** A claim that cannot be recorded (the award changed meanwhile, the disk refused) ends the watch, not the core. */
  private async askOrGiveUp(award: Award, itemId: string, shownAt: number): Promise<void> {
    try {
      await this.ask(award, itemId, shownAt);
    } catch (error) {
      this.forget(award.id);
      this.options.log?.(`claim watch: stopped watching award ${award.id}: ${(error as Error).message}`);
    }
  }

  private async ask(award: Award, itemId: string, shownAt: number): Promise<void> {
    if (this.options.now() - shownAt > WATCH_FOR_MS) return this.forget(award.id);
    const outcome = await this.options.loyalty.claimStatus(itemId);
    if (!this.timers.has(award.id)) return;
    if (outcome.kind === 'rejected' || outcome.kind === 'maybeApplied') {
      // RM does not answer this read (only a failure to reach RM is worth another try): nothing to learn from asking
      // again, for this QR or any other.
      this.rmCannotSay = true;
      return this.stop();
    }
    if (outcome.kind !== 'success' || outcome.value === 'open') return;
    this.forget(award.id);
    if (outcome.value === 'claimed') this.options.onClaimed(markClaimed(this.options.db, award.id, this.options.now()));
  }

  private forget(id: string): void {
    clearInterval(this.timers.get(id));
    this.timers.delete(id);
  }
}
