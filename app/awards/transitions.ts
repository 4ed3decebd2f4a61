// The one place where an award's state changes. Every change is checked against the state machine
// (docs/award-states.md), compares-and-sets against the state the caller saw, and appends its event in the same
// transaction; a database trigger refuses a state change that arrives without its event.
import type { Db } from '../store/database.ts';
import { memberFields } from '../common/member.ts';
import { say } from '../messages.ts';
import { inTransaction } from '../store/database.ts';
import { prepared } from '../store/statements.ts';
import type { Award, AwardState, ValidSubmitInput } from './award.ts';
import { findAward, reversed } from './records.ts';
import { canTransition } from './state-machine.ts';

// An id of NULL takes the next one.
const INSERT_EVENT = 'INSERT INTO award_events (id, award_id, at, from_state, to_state, actor, reason, error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

export class TransitionError extends Error {
  readonly awardId: string;
  readonly from: AwardState | null;
  readonly to: AwardState;
  constructor(
    awardId: string,
    from: AwardState | null,
    to: AwardState,
  ) {
    super(from === null ? `Award ${awardId} does not exist.` : `Award ${awardId} is ${from}; it cannot become ${to}.`);
    this.awardId = awardId;
    this.from = from;
    this.to = to;
    this.name = 'TransitionError';
  }
}

/** Evidence asked for an award no longer UNKNOWN: it was settled (here, by the CLI or by head office), nothing to weigh. */
export class SettledAlreadyError extends Error {
  readonly awardId: string;
  readonly state: AwardState;
  constructor(
    awardId: string,
    state: AwardState,
  ) {
    super(`Award ${awardId} is ${state} now: it has been settled, so there is no evidence to weigh.`);
    this.awardId = awardId;
    this.state = state;
    this.name = 'SettledAlreadyError';
  }
}

export interface Change {
  to: AwardState;
  /** Who: 'relay', 'system', 'cashier:<name>', 'manager:<name>'. */
  actor: string;
  reason?: string;
  errorCode?: string;
  nextAttemptAt?: number;
  rmItemId?: string | null;
  qrCodeUrl?: string | null;
  lastError?: { code: string; message: string } | null;
  resolution?: { by: string; reason: string };
  /** The event's id, only where later ones are still being written below it (a restore, page by page); else the next. */
  eventId?: number;
}

/** Moves award `id` from one of `from` to `change.to`, or throws TransitionError and changes nothing. */
export function transition(db: Db, id: string, from: readonly AwardState[], change: Change, now: number): Award {
  return inTransaction(db, () => {
    const current = findAward(db, id);
    if (!current || !from.includes(current.state) || !canTransition(current.state, change.to)) {
      throw new TransitionError(id, current?.state ?? null, change.to);
    }
    prepared(db, INSERT_EVENT).run(change.eventId ?? null, id, now, current.state, change.to, change.actor, change.reason ?? null, change.errorCode ?? null);
    prepared(
      db,
      `UPDATE awards SET state = @to, updated_at = @now,
         next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at),
         rm_item_id = CASE WHEN @setItem THEN @rmItemId ELSE rm_item_id END,
         qr_code_url = CASE WHEN @setQr THEN @qrCodeUrl ELSE qr_code_url END,
         last_error_code = CASE WHEN @setError THEN @errorCode ELSE last_error_code END,
         last_error_message = CASE WHEN @setError THEN @errorMessage ELSE last_error_message END,
         resolved_by = COALESCE(@resolvedBy, resolved_by),
         resolved_at = CASE WHEN @resolvedBy IS NULL THEN resolved_at ELSE @now END,
         resolution_reason = COALESCE(@resolutionReason, resolution_reason)
       WHERE id = @id`,
    ).run({
      id,
      to: change.to,
      now,
      nextAttemptAt: change.nextAttemptAt ?? null,
      setItem: change.rmItemId === undefined ? 0 : 1,
      rmItemId: change.rmItemId ?? null,
      setQr: change.qrCodeUrl === undefined ? 0 : 1,
      qrCodeUrl: change.qrCodeUrl ?? null,
      setError: change.lastError === undefined ? 0 : 1,
      errorCode: change.lastError?.code ?? null,
      errorMessage: change.lastError?.message ?? null,
      resolvedBy: change.resolution?.by ?? null,
      resolutionReason: change.resolution?.reason ?? null,
    });
    return findAward(db, id) as Award;
  });
}

export interface NewAward extends ValidSubmitInput {
  id: string;
  terminalId: string;
  /** pointsPreview is RM's own figure for the amount (not the counter's estimate). */
  pointsConfirmed?: boolean;
}

/**
 * Writes a new award as QUEUED with its first event, before anything is sent. Returns the stored award; submitting an
 * id that already exists returns the existing award unchanged (a second Enter on the same sale does nothing).
 */
export function createAward(db: Db, award: NewAward, actor: string, now: number, reason: string = say('event.submitted')): { award: Award; created: boolean } {
  return inTransaction(db, () => {
    const existing = findAward(db, award.id);
    if (existing) return { award: existing, created: false };
    const member = award.member;
    prepared(
      db,
      `INSERT INTO awards (id, created_at, terminal_id, cashier, receipt_ref, amount_sen, member_type, member_id,
         country_code, phone_number, phone_reversed, points_preview, points_confirmed, state, next_attempt_at, updated_at)
       VALUES (@id, @now, @terminalId, @cashier, @receiptRef, @amountSen, @memberType, @memberId,
         @countryCode, @phoneNumber, @phoneReversed, @pointsPreview, @pointsConfirmed, 'QUEUED', 0, @now)`,
    ).run({
      id: award.id,
      now,
      terminalId: award.terminalId,
      cashier: award.cashier,
      receiptRef: award.receiptRef || null,
      amountSen: award.amountSen,
      memberType: member.type,
      ...memberFields(member),
      phoneReversed: member.type === 'PHONENUMBER' ? reversed(member.phoneNumber) : null,
      pointsPreview: award.pointsPreview ?? null,
      pointsConfirmed: award.pointsConfirmed === true && award.pointsPreview !== undefined ? 1 : 0,
    });
    prepared(db, "INSERT INTO award_events (award_id, at, from_state, to_state, actor, reason) VALUES (?, ?, NULL, 'QUEUED', ?, ?)").run(award.id, now, actor, reason);
    return { award: findAward(db, award.id) as Award, created: true };
  });
}

/**
 * RM's own figure for an award's points (its calculate endpoint for the amount), replacing an estimate; the event trail
 * keeps what was there before. Returns null when the points were already confirmed (nothing changes).
 */
export function confirmPoints(db: Db, id: string, points: number, now: number): Award | null {
  return inTransaction(db, () => {
    const current = findAward(db, id);
    if (!current) throw new TransitionError(id, null, 'AWARDED');
    if (current.pointsConfirmed) return null;
    prepared(db, 'UPDATE awards SET points_preview = ?, points_confirmed = 1, updated_at = ? WHERE id = ?').run(points, now, id);
    const why = current.pointsPreview === null ? say('event.pointsFromRmFirst', { points }) : say('event.pointsFromRm', { points, before: current.pointsPreview });
    prepared(db, INSERT_EVENT).run(null, id, now, current.state, current.state, 'relay', why, null);
    return findAward(db, id);
  });
}

/** The customer claimed this claim QR (RM said so): kept with the award, once, and in its trail. */
export function markClaimed(db: Db, id: string, now: number): Award {
  return inTransaction(db, () => {
    const current = findAward(db, id);
    if (!current || current.member.type !== 'QRCODE') throw new TransitionError(id, current?.state ?? null, 'AWARDED');
    if (current.claimedAt !== null) return current;
    prepared(db, 'UPDATE awards SET claimed_at = ?, updated_at = ? WHERE id = ?').run(now, now, id);
    prepared(db, INSERT_EVENT).run(null, id, now, current.state, current.state, 'relay', say('event.claimed'), null);
    return findAward(db, id) as Award;
  });
}

/**
 * An event that records something about an award without changing its state (a failed cancel, a note). `eventId` as in
 * Change: only where later ones are still being written below it.
 */
export function noteEvent(db: Db, id: string, actor: string, reason: string, errorCode: string | null, now: number, eventId: number | null = null): void {
  inTransaction(db, () => {
    const current = findAward(db, id);
    if (!current) throw new TransitionError(id, null, 'QUEUED');
    prepared(db, INSERT_EVENT).run(eventId, id, now, current.state, current.state, actor, reason, errorCode);
  });
}
