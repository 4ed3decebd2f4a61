// The award desk: the outbox, the relay and connectivity for one database, wired the same way for every host (the
// desktop app, the browser host, the CLI). Submitting writes the award first, then wakes the relay, so an award
// against a reachable RM reaches its final state at once instead of at the next polling interval.
import type { Db } from '../store/database.ts';
import type { LoyaltyApi } from '../rm/loyalty.ts';
import { prepared } from '../store/statements.ts';
import type { Award, WaitingReason } from './award.ts';
import { holdPutBackQueue, holdQueueOfCopy, recoverInterruptedSends } from './attempts.ts';
import { ClaimWatch } from './claim-watch.ts';
import { Connectivity, type Reachability } from './connectivity.ts';
import { Outbox, type AwardDetail, type QueueCounts } from './outbox.ts';
import { PointsBook } from './points.ts';
import { AWARD_COLUMNS, awardOnReceiptToday, findAward, toAward, unknownAwards, type AwardRow } from './records.ts';
import { cancelQrAward, gatherEvidence, resolveUnknown, type CancelResult, type ChainNeighbours, type Decision, type Evidence } from './reconcile.ts';
import { Relay, type RelayStatus } from './relay.ts';
import { qrNotMade } from './settlement.ts';
import { confirmPoints, transition, TransitionError } from './transitions.ts';
import { RelayLock } from './relay-lock.ts';

export interface AwardDeskOptions {
  db: Db;
  /** The database file, for the relay lock beside it. */
  dbPath: string;
  terminalId: string;
  /** Null until RM credentials are configured: awards are still accepted and queued. */
  loyalty: LoyaltyApi | null;
  probe: () => Promise<boolean>;
  now?: () => number;
  idleCheckMs?: number;
  onAwardChanged?: (award: Award) => void;
  onReachability?: (state: Reachability) => void;
  onRelayStatus?: (status: RelayStatus) => void;
  onSlow?: (awardId: string) => void;
  log?: (line: string) => void;
  /** How often a claim QR on screen is checked for its claim (tests ask more often). */
  claimAskEveryMs?: number;
  /** How often a desk whose database another process sends for looks whether it has stopped (tests look more often). */
  relayLockRetryMs?: number;
}

export type SubmitOutcome =
  /** The award reached a final state or UNKNOWN, or went back to the queue after a "certainly not applied". */
  | { settled: true; award: Award }
  /** Still queued or being sent after the wait: the cashier can move on, the result shows in the queue. */
  | { settled: false; award: Award; reason: WaitingReason };

/** Awarded awards still carrying an estimate, newest first: confirmed from RM when it can be asked. */
const BACKLOG = 'backlog';
const RELAY_LOCK_RETRY_MS = 5_000;
const UNCONFIRMED_SQL = `SELECT ${AWARD_COLUMNS} FROM awards WHERE state = 'AWARDED' AND points_confirmed = 0 ORDER BY seq DESC LIMIT 200`;

/**
 * Every change to an award made through the desk tells its listeners (the screens, the relay's waiters) by itself: a
 * caller never has to remember to.
 */
export class AwardDesk {
  private readonly outbox: Outbox;
  readonly connectivity: Connectivity;
  readonly points: PointsBook;
  /** Awards whose points are being confirmed now, and the work, so close() can wait for it. */
  private readonly confirming = new Map<string, Promise<boolean>>();
  private readonly claims: ClaimWatch | null;
  private relay: Relay | null = null;
  private lock: RelayLock | null = null;
  private lockRetry: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly waiters = new Map<string, Array<(award: Award) => void>>();
  private readonly now: () => number;

  private readonly options: AwardDeskOptions;
  constructor(options: AwardDeskOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.outbox = new Outbox(options.db, options.terminalId, this.now);
    this.points = new PointsBook(options.loyalty, this.now);
    this.claims = options.loyalty
      ? new ClaimWatch({
          db: options.db,
          loyalty: options.loyalty,
          now: this.now,
          onClaimed: (award) => options.onAwardChanged?.(award),
          ...(options.claimAskEveryMs ? { askEveryMs: options.claimAskEveryMs } : {}),
          ...(options.log ? { log: options.log } : {}),
        })
      : null;
    this.connectivity = new Connectivity({
      probe: options.probe,
      onChange: (state) => {
        options.onReachability?.(state);
        if (state === 'online') this.confirmUnconfirmed();
      },
    });
  }

  /**
   * Becomes this database's one relay if no other process is: takes the lock, turns awards a crash left SENDING into
   * UNKNOWN, and (in the background, unless told not to) starts sending. Returns false when another relay holds the
   * lock (its awards are sent there).
   */
  startRelay({ background = true }: { background?: boolean } = {}): boolean {
    if (this.relay) return true;
    if (!this.options.loyalty) return false;
    const lock = RelayLock.tryAcquire(this.options.dbPath);
    if (!lock) return false;
    try {
      for (const id of recoverInterruptedSends(this.options.db, this.now())) this.notify(id);
    } catch (error) {
      // Not the relay after all: the lock goes back, for this process to take again (or another).
      lock.release();
      throw error;
    }
    this.lock = lock;
    this.confirmUnconfirmed();
    this.relay = new Relay({
      db: this.options.db,
      loyalty: this.options.loyalty,
      connectivity: this.connectivity,
      now: this.now,
      ...(this.options.idleCheckMs === undefined ? {} : { idleCheckMs: this.options.idleCheckMs }),
      onAwardChanged: (award) => this.changed(award),
      ...(this.options.onRelayStatus ? { onStatus: this.options.onRelayStatus } : {}),
      ...(this.options.onSlow ? { onSlow: this.options.onSlow } : {}),
      ...(this.options.log ? { log: this.options.log } : {}),
    });
    if (background) this.relay.start();
    return true;
  }

  /**
   * startRelay, and while another process holds the lock (a `kaunter drain` that support left running, say), again
   * every few seconds until this desk can send its awards itself; the screens then hear that it does.
   */
  startRelayWhenFree(): void {
    if (this.closed || this.startRelay()) return;
    if (this.options.loyalty) this.lookForTheLockAgain();
  }

  private lookForTheLockAgain(): void {
    if (this.lockRetry || this.closed) return;
    this.lockRetry = setTimeout(() => {
      this.lockRetry = null;
      if (this.closed) return;
      try {
        if (!this.startRelay()) return this.lookForTheLockAgain();
      } catch (error) {
        // The lock file or the database refused (a full disk, say): said in the log, and tried again later.
        this.options.log?.(`relay: could not take over sending: ${(error as Error).message}`);
        return this.lookForTheLockAgain();
      }
      if (this.relay) this.options.onRelayStatus?.(this.relay.currentStatus);
    }, this.options.relayLockRetryMs ?? RELAY_LOCK_RETRY_MS);
    this.lockRetry.unref();
  }

  get isRelay(): boolean {
    return this.relay !== null;
  }

  get relayStatus(): RelayStatus | null {
    return this.relay?.currentStatus ?? null;
  }

  /** Writes the award (nothing is sent before it is committed), wakes the relay and waits up to `waitMs` for it. */
  /** `reason`: the award's first event, when it says more than "submitted". */
  async submit(input: unknown, actor: string, waitMs: number, reason?: string): Promise<SubmitOutcome> {
    const { award, created } = this.outbox.submit(input, actor, (amountSen) => this.points.known(amountSen), reason);
    this.notify(award.id);
    if (!created) return current(award);
    const outcome = await this.sendWhileWaiting(award, waitMs);
    return award.member.type === 'QRCODE' && !outcome.settled ? this.noQrLater(outcome) : outcome;
  }

  private async sendWhileWaiting(award: Award, waitMs: number): Promise<SubmitOutcome> {
    if (!this.options.loyalty) return { settled: false, award, reason: 'not-configured' };
    if (!this.relay) return { settled: false, award, reason: 'no-relay' };
    if (award.member.type !== 'QRCODE' && this.connectivity.state === 'offline') {
      this.connectivity.probeNow();
      return { settled: false, award, reason: 'offline' };
    }
    const settled = this.waitForSettled(award.id, waitMs);
    // A claim QR is for the customer at the counter now: tried at once even while sending is paused for a setup problem
    // (it is then made, or voided with the reason). Not past a disk that could not record RM's answer: a QR made then
    // could not be kept.
    const paused = this.relay.currentStatus.paused;
    this.relay.wake({ clearPause: award.member.type === 'QRCODE' && paused?.code !== 'STORE_ERROR' });
    const result = await settled;
    return result ? { settled: true, award: result } : current(this.outbox.get(award.id)?.award ?? award);
  }

  /**
   * A claim QR not made while its customer waited (sending paused, another process sending, RM slow to take the award
   * before it): voided with advice, never made later for nobody to scan. One already being sent is left to its answer.
   */
  private noQrLater(outcome: SubmitOutcome): SubmitOutcome {
    try {
      const voided = transition(this.options.db, outcome.award.id, ['QUEUED'], qrNotMade('system'), this.now());
      this.changed(voided);
      return { settled: true, award: voided };
    } catch (error) {
      if (!(error instanceof TransitionError)) throw error;
      return current(this.outbox.get(outcome.award.id)?.award ?? outcome.award);
    }
  }

  /** Writes an award to the queue without waiting for it to be sent (the CLI's --queue-only). */
  queue(input: unknown, actor: string, reason?: string): Award {
    const { award } = this.outbox.submit(input, actor, () => null, reason);
    this.changed(award);
    return award;
  }

  /** Undo before sending: only a QUEUED award can be voided this way. */
  undo(id: string, actor: string, reason: string): Award {
    const award = this.outbox.voidQueued(id, actor, reason);
    this.changed(award);
    return award;
  }

  /** A manager's decision on an UNKNOWN award; a resend goes out at once. */
  resolve(id: string, decision: Decision, manager: string, reason: string): Award {
    const { award, afterCommit } = this.settle(id, decision, manager, reason);
    afterCommit();
    return award;
  }

  /**
   * Settles the award, possibly inside a caller's larger transaction (a decision from head office is recorded with
   * it): the screens hear of it, and a resend goes out, only when the caller calls afterCommit.
   */
  settle(id: string, decision: Decision, manager: string, reason: string): { award: Award; afterCommit: () => void } {
    const award = resolveUnknown(this.options.db, id, decision, manager, reason, this.now());
    return {
      award,
      afterCommit: () => {
        this.changed(award);
        if (decision === 'resend') this.wake();
      },
    };
  }

  /** Cancels a claim QR at RM and records what RM said (the award changes either way: CANCELLED, or known claimed). */
  async cancelQr(id: string, loyalty: LoyaltyApi, manager: string, reason: string): Promise<CancelResult> {
    const result = await cancelQrAward(this.options.db, id, loyalty, manager, reason, this.now);
    this.changed(result.award);
    return result;
  }

  /** RM's evidence, weighed against the chain's other awards to the member when the terminal has joined a hub. */
  evidence(id: string, loyalty: LoyaltyApi, chain: ChainNeighbours | null = null): Promise<Evidence> {
    return gatherEvidence(this.options.db, id, loyalty, this.now(), chain ?? undefined);
  }

  detail(id: string): AwardDetail | null {
    return this.outbox.get(id);
  }

  /** The award alone, without its attempts and events. */
  find(id: string): Award | null {
    return findAward(this.options.db, id);
  }

  unknownAwards(): Award[] {
    return unknownAwards(this.options.db);
  }

  /** Today's award on this receipt that may have earned points, if any: the same receipt given twice. */
  awardOnReceiptToday(receiptRef: string): Award | null {
    return awardOnReceiptToday(this.options.db, receiptRef, this.now());
  }

  counts(): QueueCounts {
    return this.outbox.counts();
  }

  /** Something the relay depends on changed (settings, credentials, the network): look again now. */
  wake(): void {
    this.relay?.wake({ clearPause: true });
    this.connectivity.probeNow();
  }

  /** Sends what is due, for `kaunter drain`. Requires startRelay() to have succeeded. */
  async drainDue(): Promise<Awaited<ReturnType<Relay['drainDue']>>> {
    if (!this.relay) throw new Error('This process is not the relay for this database.');
    return this.relay.drainDue();
  }

  nextDueAt(): number | null {
    return this.relay?.nextDueAt() ?? null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.lockRetry) clearTimeout(this.lockRetry);
    this.connectivity.stop();
    this.claims?.stop();
    await this.relay?.stop();
    await Promise.all(this.confirming.values());
    this.relay = null;
    this.lock?.release();
    this.lock = null;
  }

  /** The hub holds more of this terminal's trail than it wrote: the waiting awards go to a manager (holdPutBackQueue). */
  holdPutBackQueue(): void {
    for (const id of holdPutBackQueue(this.options.db, this.now())) this.notify(id);
  }

  /** The counter found at its start that this database is a copy (app/core/trail-mark.ts): the same hold, before sending. */
  holdQueueOfCopy(): string[] {
    const held = holdQueueOfCopy(this.options.db, this.now());
    for (const id of held) this.notify(id);
    return held;
  }

  /** A manager showed an awarded claim QR again (a customer came back for it): its claim is watched for anew. */
  watchClaimAgain(id: string): void {
    const award = this.outbox.get(id)?.award;
    if (award && this.relay) this.claims?.watchAgain(award, this.now());
  }

  private notify(id: string): void {
    const detail = this.outbox.get(id);
    if (detail) this.changed(detail.award);
  }

  private changed(award: Award): void {
    this.options.onAwardChanged?.(award);
    if (award.state === 'AWARDED' && !award.pointsConfirmed && this.options.loyalty) void this.confirmPoints(award);
    if (this.relay) this.claims?.watch(award);
    if (award.state === 'SENDING') return;
    const waiting = this.waiters.get(award.id);
    if (!waiting) return;
    this.waiters.delete(award.id);
    for (const resolve of waiting) resolve(award);
  }

  /** Asks RM for its figure for an awarded award's points and keeps it with the award. False: RM could not say. */
  private confirmPoints(award: Award): Promise<boolean> {
    const running = this.confirming.get(award.id);
    if (running) return running;
    const work = this.points
      .ask(award.amountSen)
      .then((outcome) => {
        if (outcome?.kind !== 'success') return false;
        const confirmed = confirmPoints(this.options.db, award.id, outcome.value, this.now());
        if (confirmed) this.options.onAwardChanged?.(confirmed);
        return true;
      })
      .catch((error: unknown) => {
        this.options.log?.(`points: could not confirm award ${award.id}: ${(error as Error).message}`);
        return false;
      })
      .finally(() => this.confirming.delete(award.id));
    this.confirming.set(award.id, work);
    return work;
  }

  /** Awarded awards still carrying an estimate (made offline, or before Kaunter kept RM's figure), one at a time. */
  private confirmUnconfirmed(): void {
    if (!this.relay || this.confirming.has(BACKLOG)) return;
    const rows = prepared(this.options.db, UNCONFIRMED_SQL).all() as AwardRow[];
    const work = (async () => {
      for (const award of rows.map(toAward)) if (!(await this.confirmPoints(award))) return false;
      return true;
    })().finally(() => this.confirming.delete(BACKLOG));
    this.confirming.set(BACKLOG, work);
  }

  private waitForSettled(id: string, waitMs: number): Promise<Award | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(id)?.filter((fn) => fn !== done) ?? [];
        if (list.length > 0) this.waiters.set(id, list);
        else this.waiters.delete(id);
        resolve(null);
      }, waitMs);
      const done = (award: Award): void => {
        clearTimeout(timer);
        resolve(award);
      };
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), done]);
    });
  }
}

/** A repeated submit of the same sale, or a wait that ran out: report the award as it stands. */
function current(award: Award): SubmitOutcome {
  return award.state === 'QUEUED' || award.state === 'SENDING' ? { settled: false, award, reason: 'still-sending' } : { settled: true, award };
}
