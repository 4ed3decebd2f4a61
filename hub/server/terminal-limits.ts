// What one counter may ask of a hub process at once, and how often: an honest counter pushes one batch at a time beside
// a receipt check or two, and asks about a receipt once a sale; a stolen terminal credential must not hold the
// connections every counter shares, nor page through the outlet's receipts. Kept in this process (the hub's only state
// beyond PostgreSQL), so N processes allow N times as much: these slow an attacker, they do not stop one.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { recordAudit } from '../audit.ts';
import type { Pool } from '../db/pool.ts';
import { HubError } from '../errors.ts';
import { OpenCounts } from '../open-counts.ts';

/** Requests one counter may have open at once. */
export const REQUESTS_AT_ONCE = 4;
/** Pushes one counter may have open at once: a push waits for its terminal's row lock holding a connection. */
const PUSHES_AT_ONCE = 1;
/** Receipt questions one counter may ask a minute: once a sale, or once a pause while typing a receipt. */
export const RECEIPT_QUESTIONS_PER_MINUTE = 30;

export class TerminalLimits {
  private readonly open = new OpenCounts();
  private readonly receiptQuestions = new RateLimiterMemory({ points: RECEIPT_QUESTIONS_PER_MINUTE, duration: 60 });

  constructor(private readonly pool: Pool) {}

  /** Runs `work` as one of the terminal's open requests (and pushes), or refuses it at once when it has too many. */
  async whileOpen(terminalId: string, isPush: boolean, work: () => Promise<void>): Promise<void> {
    const all = `all:${terminalId}`;
    const push = `push:${terminalId}`;
    if (this.open.count(all) >= REQUESTS_AT_ONCE) {
      throw new HubError('LOCKED', `This counter has ${REQUESTS_AT_ONCE} requests open at the hub already: try again when they are answered.`, { retryAfterSeconds: 2 });
    }
    if (isPush && this.open.count(push) >= PUSHES_AT_ONCE) {
      throw new HubError('LOCKED', 'This counter has a push open at the hub already: try again when it is answered.', { retryAfterSeconds: 2 });
    }
    await this.open.during(isPush ? [all, push] : [all], work);
  }

  /** Counts a receipt question; the first refusal in each minute is audited, so a guesser is seen without a row a try. */
  async receiptQuestion(terminalId: string): Promise<void> {
    try {
      await this.receiptQuestions.consume(terminalId);
    } catch (refused) {
      const res = refused instanceof RateLimiterRes ? refused : null;
      if (res?.consumedPoints === this.receiptQuestions.points + 1) {
        await recordAudit(this.pool, `terminal:${terminalId}`, 'receipt.limited', terminalId, { perMinute: RECEIPT_QUESTIONS_PER_MINUTE });
      }
      const seconds = res ? Math.ceil(res.msBeforeNext / 1000) : 60;
      throw new HubError('LOCKED', `This counter asked about more than ${RECEIPT_QUESTIONS_PER_MINUTE} receipts in a minute: wait ${seconds} seconds.`, { retryAfterSeconds: seconds });
    }
  }
}
