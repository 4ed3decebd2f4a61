// The relay: the one sender. It takes the oldest due award (claim QR awards first: a customer is waiting at the counter),
// commits SENDING with the attempt, sends it signed with a fresh nonce, and commits what happened. One request in flight.
// Only "certainly not applied" goes back to the queue; "maybe applied" becomes UNKNOWN and waits for a manager, and the
// rest of the queue waits too (sending pauses, longer each time) until RM answers clearly again: one RM outage, or a 5xx
// from a load balancer, must not turn a day's backlog into UNKNOWN awards one after another.
import type { Db } from '../store/database.ts';
import type { LoyaltyApi, SpendingReward } from '../rm/loyalty.ts';
import type { RmOutcome } from '../rm/outcome.ts';
import type { Award } from './award.ts';
import { finishSend, recoverInterruptedSends, startAttempt, type AttemptEnd } from './attempts.ts';
import { qrNotMade, RELAY_ACTOR, settlement, type SendResult } from './settlement.ts';
import { isUnreachable, type Connectivity } from './connectivity.ts';
import { AWARD_COLUMNS, findAward, toAward, type AwardRow } from './records.ts';
import { prepared } from '../store/statements.ts';
import { transition, TransitionError } from './transitions.ts';
import { say } from '../messages.ts';
import type { RmError } from '../rm/errors.ts';

export interface RelayOptions {
  db: Db;
  loyalty: LoyaltyApi;
  connectivity: Connectivity;
  now?: () => number;
  /** How often an idle relay looks for awards queued by another process (the CLI). A local index read, no network. */
  idleCheckMs?: number;
  onAwardChanged?: (award: Award) => void;
  onSlow?: (awardId: string) => void;
  onStatus?: (status: RelayStatus) => void;
  /** What the people's words leave out (the database's own error), for the log. */
  log?: (line: string) => void;
}

export interface RelayStatus {
  /**
   * Sending is paused because of a problem every award would hit (keys, clock, subscription, a full disk), or because RM
   * failed to answer an award clearly (5xx, no answer in time): its code and words then, until a later try shows RM well.
   */
  paused: { code: string; message: string; untilMs: number } | null;
  sendingAwardId: string | null;
}

export type StepResult = 'sent' | 'empty' | 'offline' | 'paused';

// Due: its time has come, or it lies well beyond the longest retry wait, which only a clock set back since can do (an
// award tried under a clock hours fast, then the clock fixed as RM's INVALID_TIMESTAMP asked, would wait those hours).
const NEXT_QR_SQL = `SELECT ${AWARD_COLUMNS} FROM awards INDEXED BY awards_queued_qr
  WHERE state = 'QUEUED' AND member_type = 'QRCODE' AND (next_attempt_at <= @now OR next_attempt_at > @farAhead) ORDER BY seq LIMIT 1`;
const NEXT_DUE_SQL = `SELECT ${AWARD_COLUMNS} FROM awards INDEXED BY awards_queued
  WHERE state = 'QUEUED' AND (next_attempt_at <= @now OR next_attempt_at > @farAhead) ORDER BY seq LIMIT 1`;

const NEXT_DUE_AT_SQL = "SELECT MIN(next_attempt_at) AS due FROM awards WHERE state = 'QUEUED'";
const ATTEMPT_COUNT_SQL = 'SELECT COUNT(*) AS n FROM attempts WHERE award_id = ?';

const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 60_000;
const SETUP_PAUSE_BASE_MS = 30_000;
const SETUP_PAUSE_MAX_MS = 5 * 60_000;
/** RM answers but fails (its sign-in service, or a send that may have been applied): the first pause, doubling to RETRY_MAX_MS. */
const RM_FAILING_PAUSE_BASE_MS = 2_000;
/** A clock that goes back further than this was set back by a person; less is the OS keeping it in step. */
const CLOCK_SET_BACK_MS = 60_000;
/** A claim QR still queued this long after its sale has no customer waiting at the counter for it. */
export const QR_STALE_MS = 2 * 60_000;

export class Relay {
  private readonly now: () => number;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pausedAtMs = 0;
  private pausedUntilMs = 0;
  /** Every send goes through this chain, so the loop and drainDue() can never have two requests in flight. */
  private sendChain: Promise<unknown> = Promise.resolve();
  private setupPauseMs = SETUP_PAUSE_BASE_MS;
  private rmFailingPauseMs = RM_FAILING_PAUSE_BASE_MS;
  private status: RelayStatus = { paused: null, sendingAwardId: null };
  /** A send whose answer the disk would not record left its award SENDING, where no manager can settle it. */
  private strandedSend = false;

  private readonly options: RelayOptions;
  constructor(options: RelayOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  get currentStatus(): RelayStatus {
    return this.status;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the request in flight (if any) has its outcome committed. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Something changed (a new award, settings, the network): look at the queue now. Clears a setup pause. */
  wake(options: { clearPause?: boolean } = {}): void {
    if (options.clearPause) this.resume();
    this.wakeUp?.();
  }

  /** Sends what is due now, one by one, until nothing is due or RM is unreachable. For `kaunter drain`. */
  async drainDue(): Promise<{ sent: number; stoppedBecause: StepResult }> {
    let sent = 0;
    for (;;) {
      const step = await this.step();
      if (step !== 'sent') return { sent, stoppedBecause: step };
      sent += 1;
    }
  }

  /** The earliest time a queued award becomes due, or null when the queue is empty. */
  nextDueAt(): number | null {
    const row = prepared(this.options.db, NEXT_DUE_AT_SQL).get() as { due: number | null };
    return row.due;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const step = await this.step();
      if (step === 'offline') {
        await Promise.race([this.options.connectivity.whenOnline(), this.sleep(this.options.idleCheckMs ?? 1_000)]);
      } else if (step !== 'sent') {
        await this.sleep(this.idleDelay());
      }
    }
  }

  /** Picks the next due award and sends it, strictly one at a time. */
  private step(): Promise<StepResult> {
    const next = this.sendChain.then(async (): Promise<StepResult> => {
      if (this.isPaused()) return 'paused';
      if (this.strandedSend && !this.recoverStrandedSend()) return 'paused';
      const award = this.nextToSend();
      if (!award) return this.status.paused ? 'paused' : 'empty';
      if (award.member.type !== 'QRCODE' && this.options.connectivity.state === 'offline') return 'offline';
      return this.send(award);
    });
    this.sendChain = next.catch(() => undefined);
    return next;
  }

  /** The next due award, voiding on the way any claim QR whose customer has gone (queued before a restart, say). */
  private nextToSend(): Award | null {
    for (;;) {
      const award = this.nextDue();
      if (award?.member.type !== 'QRCODE' || this.now() - award.createdAt < QR_STALE_MS) return award;
      try {
        transition(this.options.db, award.id, ['QUEUED'], qrNotMade(RELAY_ACTOR), this.now());
      } catch (error) {
        // Gone from the queue meanwhile (another process sent or voided it): look again. Else the disk refused.
        if (error instanceof TransitionError) continue;
        this.storeFailed(error);
        return null;
      }
      this.changed(award.id);
    }
  }

  /** Whether a claim QR is due: a customer waits at the counter for it. */
  private claimQrWaiting(): boolean {
    const now = this.now();
    return prepared(this.options.db, NEXT_QR_SQL).get({ now, farAhead: now + RETRY_MAX_MS + CLOCK_SET_BACK_MS }) !== undefined;
  }

  /** A claim QR first (a customer is waiting at the counter), else the oldest due award; each an index walk, no sort. */
  private nextDue(): Award | null {
    const { db } = this.options;
    const now = this.now();
    const when = { now, farAhead: now + RETRY_MAX_MS + CLOCK_SET_BACK_MS };
    const row = (prepared(db, NEXT_QR_SQL).get(when) ?? prepared(db, NEXT_DUE_SQL).get(when)) as AwardRow | undefined;
    return row ? toAward(row) : null;
  }

  /** 'sent': this award is dealt with, look for the next. Without a token nothing was tried: 'offline' or 'paused'. */
  private async send(award: Award): Promise<StepResult> {
    const { db } = this.options;
    let sending = false;
    let lastEnd: AttemptEnd | null = null;
    this.setStatus({ sendingAwardId: award.id });
    let outcome: RmOutcome<SpendingReward>;
    try {
      outcome = await this.options.loyalty.spendingReward(award.amountSen, award.member, {
        beforeSend: (attempt) => {
          startAttempt(db, award, attempt, this.now(), lastEnd);
          lastEnd = null;
          sending = true;
          this.changed(award.id);
        },
        afterAttempt: (attempt, result) => {
          lastEnd = { nonce: attempt.nonce, outcome: result.kind, errorCode: result.kind === 'success' ? null : result.error.code, at: this.now() };
        },
        onSlow: () => this.options.onSlow?.(award.id),
      });
    } catch (error) {
      this.setStatus({ sendingAwardId: null });
      // Someone else claimed the award before our request left: nothing was sent, leave it to them.
      if (error instanceof TransitionError && !sending) return 'sent';
      // The database refused a write around the send. Whatever was committed stands (a SENDING award becomes UNKNOWN
      // once the disk writes again); stop sending until a person fixes the cause.
      this.storeFailed(error, sending);
      return 'sent';
    }
    this.options.connectivity.report(outcome);
    if (!sending && outcome.kind === 'notApplied' && award.member.type !== 'QRCODE') return this.noToken(award, outcome.error);
    try {
      this.settle(award, outcome, sending, lastEnd);
    } catch (error) {
      // Nothing was sent and someone else changed the award meanwhile (the cashier undid a claim QR): theirs stands.
      // Otherwise RM answered, but the answer could not be written: the award stays SENDING, and becomes UNKNOWN once
      // the disk writes again (as after a crash), for a manager to check. Stop sending until a person fixes the cause.
      if (!(error instanceof TransitionError && !sending)) this.storeFailed(error, sending);
    } finally {
      this.setStatus({ sendingAwardId: null });
    }
    return 'sent';
  }

  /**
   * No token to send with: nothing reached RM's API, and every award would meet the same, so the award is left as it
   * was (an event per try was thousands a minute on a failing OAuth host) and the cashier's wait ends with it queued.
   * OAuth's host out of reach is being offline: the connectivity probe, which asks both hosts, says when to try again.
   * OAuth answering but failing pauses sending, longer each time; its credentials refused, as any setup problem.
   */
  private noToken(award: Award, error: RmError): StepResult {
    this.setStatus({ sendingAwardId: null });
    this.changed(award.id);
    if (isUnreachable(error.code)) return 'offline';
    if (error.setupProblem) {
      this.pause(error.code, error.message, this.setupPauseMs);
      this.setupPauseMs = Math.min(SETUP_PAUSE_MAX_MS, this.setupPauseMs * 2);
    } else {
      this.options.log?.(`relay: no token from Revenue Monster (${error.code}): ${error.message}`);
      this.pauseWhileRmFails('TOKEN_UNAVAILABLE', say('rm.TOKEN_UNAVAILABLE'));
    }
    return 'paused';
  }

  private storeFailed(error: unknown, strandedSend = false): void {
    this.options.log?.(`relay: the database refused a write: ${(error as Error).message}`);
    if (strandedSend) this.strandedSend = true;
    this.pause('STORE_ERROR', say('rm.STORE_ERROR'), SETUP_PAUSE_MAX_MS);
  }

  /**
   * Before the next send after a disk failure, an award it left SENDING becomes UNKNOWN, as the next start would make it:
   * this relay holds the lock and has nothing in flight, so no other send is on its way. False if the disk still refuses.
   */
  private recoverStrandedSend(): boolean {
    try {
      for (const id of recoverInterruptedSends(this.options.db, this.now())) this.changed(id);
    } catch (error) {
      this.storeFailed(error, true);
      return false;
    }
    this.strandedSend = false;
    return true;
  }

  private settle(award: Award, outcome: RmOutcome<SpendingReward>, sending: boolean, end: AttemptEnd | null): void {
    const result: SendResult =
      outcome.kind === 'success'
        ? { kind: 'success', rmItemId: outcome.value.id ?? null, qrCodeUrl: outcome.value.qrCodeUrl ?? null }
        : outcome;
    const change = settlement(award, result, sending, this.now() + this.retryDelayMs(award));
    finishSend(this.options.db, award, end, sending ? 'SENDING' : 'QUEUED', change, this.now());
    this.changed(award.id);
    if (outcome.kind === 'success') {
      this.setupPauseMs = SETUP_PAUSE_BASE_MS;
      this.rmFailingPauseMs = RM_FAILING_PAUSE_BASE_MS;
    } else if (outcome.kind === 'rejected' && sending) {
      // A clear refusal of this award: RM is answering normally.
      this.rmFailingPauseMs = RM_FAILING_PAUSE_BASE_MS;
    } else if (outcome.kind === 'maybeApplied' && !this.claimQrWaiting()) {
      // The next award would most likely meet the same (RM down for maintenance, a load balancer's 502, answers that
      // never come): it waits, as the rest of the queue does, and the first one sent after the pause shows whether RM
      // is well again. One UNKNOWN per try, not one per queued award. Not while a claim QR waits: its customer is at
      // the counter, and the cashier's wait is seconds before the QR is given up (the desk clears a pause for a new one).
      this.pauseWhileRmFails(outcome.error.code, outcome.error.message);
    } else if (outcome.kind === 'notApplied' && outcome.error.setupProblem) {
      this.pause(outcome.error.code, outcome.error.message, this.setupPauseMs);
      this.setupPauseMs = Math.min(SETUP_PAUSE_MAX_MS, this.setupPauseMs * 2);
    }
  }

  /** RM answers but fails: sending pauses, longer each time until RM answers clearly again (RETRY_MAX_MS at most). */
  private pauseWhileRmFails(code: string, message: string): void {
    this.pause(code, message, this.rmFailingPauseMs);
    this.rmFailingPauseMs = Math.min(RETRY_MAX_MS, this.rmFailingPauseMs * 2);
  }

  /** Offline, the connectivity probe decides when to try again; otherwise each retry of an award waits longer. */
  private retryDelayMs(award: Award): number {
    if (this.options.connectivity.state === 'offline') return 0;
    const attempts = (prepared(this.options.db, ATTEMPT_COUNT_SQL).get(award.id) as { n: number }).n;
    return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
  }

  private changed(id: string): void {
    const award = findAward(this.options.db, id);
    if (award) this.options.onAwardChanged?.(award);
  }

  /**
   * A pause ends when its time is up, or when the clock is set back well before its start: likely the fix it asked for
   * (RM refuses a clock more than 2 minutes off), not the jitter of a clock kept in step. Not a disk failure's pause:
   * an award sent then could not have its answer recorded.
   */
  private isPaused(): boolean {
    const now = this.now();
    const paused = this.status.paused;
    const setBack = now < this.pausedAtMs - CLOCK_SET_BACK_MS && paused?.code !== 'STORE_ERROR';
    if (paused && (now >= this.pausedUntilMs || setBack)) this.resume();
    return this.status.paused !== null;
  }

  private pause(code: string, message: string, forMs: number): void {
    this.pausedAtMs = this.now();
    this.pausedUntilMs = this.pausedAtMs + forMs;
    this.setStatus({ paused: { code, message, untilMs: this.pausedUntilMs } });
  }

  private resume(): void {
    this.pausedUntilMs = 0;
    if (this.status.paused) this.setStatus({ paused: null });
  }

  private idleDelay(): number {
    const idle = this.options.idleCheckMs ?? 1_000;
    const due = this.status.paused ? this.pausedUntilMs : this.nextDueAt();
    return due === null ? idle : Math.max(0, Math.min(idle, due - this.now()));
  }

  private setStatus(patch: Partial<RelayStatus>): void {
    this.status = { ...this.status, ...patch };
    this.options.onStatus?.(this.status);
  }

  /** Sleeps up to `ms`; wake() ends it early. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
