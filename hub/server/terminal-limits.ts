// What one counter may ask of the hub at once, and how often: an honest counter pushes one batch at a time beside a
// receipt check or two, and asks about a receipt once a sale; a stolen terminal credential must not hold the
// connections every counter shares, nor page through the outlet's receipts. The open requests are this process's own
// (they hold its connections); the receipt questions are counted in PostgreSQL, so a chain that runs several hub
// processes behind one address allows a guesser the same 30 a minute, not 30 for each process.
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
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
  private readonly receiptQuestions: RateLimiterPostgres;

  private readonly pool: Pool;
  constructor(pool: Pool) {
    this.pool = pool;
    // The table is the schema's (migration 013), not made by the library at its first use.
    this.receiptQuestions = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'receipt_question_counts',
      tableCreated: true,
      keyPrefix: 'receipt',
      points: RECEIPT_QUESTIONS_PER_MINUTE,
      duration: 60,
    });
  }

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
      // Not a refusal but PostgreSQL failing: the hub's answer to a database it cannot reach, as for any other request.
      if (!(refused instanceof RateLimiterRes)) throw refused;
      if (refused.consumedPoints === this.receiptQuestions.points + 1) {
        await recordAudit(this.pool, `terminal:${terminalId}`, 'receipt.limited', terminalId, { perMinute: RECEIPT_QUESTIONS_PER_MINUTE });
      }
      const seconds = Math.ceil(refused.msBeforeNext / 1000);
      throw new HubError('LOCKED', `This counter asked about more than ${RECEIPT_QUESTIONS_PER_MINUTE} receipts in a minute: wait ${seconds} seconds.`, { retryAfterSeconds: seconds });
    }
  }
}
