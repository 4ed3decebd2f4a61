// Attempts: every signed request for an award, recorded before it is sent (nonce and timestamp) and when it ends.
// Comparing these nonces with what RM applied is how a duplicate would be found, so none may go unrecorded.
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';
import { claimPutBackHold } from '../store/hub-sync.ts';
import { prepared } from '../store/statements.ts';
import { say } from '../messages.ts';
import type { Attempt } from '../rm/client.ts';
import type { AttemptOutcome, Award } from './award.ts';
import { RELAY_ACTOR } from './settlement.ts';
import { findAward } from './records.ts';
import { PUT_BACK_CODE, RESTORED_CODE } from './rm-evidence.ts';
import { noteEvent, transition, TransitionError, type Change } from './transitions.ts';

/** How an attempt ended, held until it is committed together with what follows it (the next attempt, or the state). */
export interface AttemptEnd {
  nonce: string;
  outcome: AttemptOutcome;
  errorCode: string | null;
  at: number;
}

/**
 * Commits the attempt and SENDING together, before the first byte of the request leaves. The first attempt of a send
 * claims the award (QUEUED -> SENDING, compare-and-set: it throws TransitionError if anyone else got there first); a
 * token refresh-and-retry within the same send adds its attempt to the award it already holds, and records how the
 * previous attempt ended in the same commit.
 */
export function startAttempt(db: Db, award: Award, attempt: Attempt, now: number, previous: AttemptEnd | null): void {
  inTransaction(db, () => {
    const row = prepared(db, 'SELECT COALESCE(MAX(number), 0) + 1 AS next FROM attempts WHERE award_id = ?').get(award.id) as { next: number };
    if (previous) {
      const current = prepared(db, 'SELECT state FROM awards WHERE id = ?').get(award.id) as { state: string } | undefined;
      if (current?.state !== 'SENDING') throw new TransitionError(award.id, null, 'SENDING');
      recordEnd(db, award.id, previous);
    } else {
      transition(db, award.id, ['QUEUED'], { to: 'SENDING', actor: RELAY_ACTOR, reason: say('event.attempt', { number: row.next }) }, now);
    }
    prepared(db, 'INSERT INTO attempts (award_id, number, nonce, timestamp, started_at) VALUES (?, ?, ?, ?, ?)').run(
      award.id,
      row.next,
      attempt.nonce,
      attempt.timestamp,
      now,
    );
  });
}

/**
 * Records how the send ended and the award's new state in ONE commit, so there is no moment at which RM's answer is
 * written down but the award still says SENDING. (Two commits here also cost a third of the drain's speed.)
 */
export function finishSend(db: Db, award: Award, end: AttemptEnd | null, from: Award['state'], change: Change, now: number): Award {
  return inTransaction(db, () => {
    if (end) recordEnd(db, award.id, end);
    return transition(db, award.id, [from], change, now);
  });
}

function recordEnd(db: Db, awardId: string, end: AttemptEnd): void {
  prepared(db, 'UPDATE attempts SET outcome = ?, error_code = ?, finished_at = ? WHERE award_id = ? AND nonce = ? AND outcome IS NULL').run(
    end.outcome,
    end.errorCode,
    end.at,
    awardId,
    end.nonce,
  );
}

/**
 * After a crash, an award left SENDING may or may not have reached RM: its open attempt is marked interrupted and it
 * becomes UNKNOWN (never QUEUED, which would send it again). Only the relay-lock holder runs this, so no live relay is
 * mid-send. (An answer is always committed together with the award's next state, so a SENDING award never has one.)
 */
export function recoverInterruptedSends(db: Db, now: number): string[] {
  return inTransaction(db, () => {
    const ids = (db.prepare("SELECT id FROM awards WHERE state = 'SENDING' ORDER BY seq").all() as Array<{ id: string }>).map((r) => r.id);
    for (const id of ids) {
      interruptOpenAttempt(db, id, now);
      transition(db, id, ['SENDING'], INTERRUPTED, now);
    }
    return ids;
  });
}

function interruptOpenAttempt(db: Db, awardId: string, now: number): void {
  prepared(db, "UPDATE attempts SET outcome = 'interrupted', finished_at = ? WHERE award_id = ? AND outcome IS NULL").run(now, awardId);
}

const INTERRUPTED: Change = {
  to: 'UNKNOWN',
  actor: 'system',
  reason: say('event.interrupted'),
  errorCode: 'INTERRUPTED',
  lastError: { code: 'INTERRUPTED', message: say('award.interrupted') },
};

/**
 * On a replacement PC, an award the hub last saw queued or sending may have been sent by the old PC after its last push
 * (it sends first and pushes later, and it may have stopped in between): it becomes UNKNOWN for a manager, never sent
 * again on its own. One the hub last saw UNKNOWN may have been sent again since (a manager's resend, a head-office
 * decision): it gets a note, so that its evidence too looks at RM's history up to now (rm-evidence.ts sendSpan). The
 * events take ids from `firstEventId` on, above every id the restore is still writing. Returns the ids held.
 */
export function holdRestoredAwards(db: Db, ids: readonly string[], firstEventId: number, now: number): string[] {
  return inTransaction(db, () => {
    const held: string[] = [];
    let eventId = firstEventId;
    for (const id of ids) {
      const state = findAward(db, id)?.state;
      if (state === 'QUEUED' || state === 'SENDING') {
        interruptOpenAttempt(db, id, now);
        transition(db, id, ['QUEUED', 'SENDING'], { ...RESTORED_UNSENT, eventId }, now);
        held.push(id);
        eventId += 1;
      } else if (state === 'UNKNOWN') {
        noteEvent(db, id, 'system', say('event.restoredUnknown'), RESTORED_CODE, now, eventId);
        eventId += 1;
      }
    }
    return held;
  });
}

/**
 * A PC put back from a backup copy of its database (the hub holds more of its trail than it wrote): the copy's awards
 * still waiting to be sent may have been sent by the PC it replaced, after the copy was taken. They become UNKNOWN for a
 * manager instead of going to RM a second time; once per joining (claimPutBackHold), so the awards made at the counter
 * afterwards are sent as usual. Returns the ids held.
 */
export function holdPutBackQueue(db: Db, now: number): string[] {
  return inTransaction(db, () => (claimPutBackHold(db, now) ? holdWaiting(db, now) : []));
}

/**
 * The same hold, for a copy the counter itself found at its start, before its relay could send anything
 * (app/core/trail-mark.ts). The hub will find the same copy ahead of it: the claim keeps that finding from holding
 * the sales made here since, which no other PC can have sent.
 */
export function holdQueueOfCopy(db: Db, now: number): string[] {
  return inTransaction(db, () => {
    claimPutBackHold(db, now);
    return holdWaiting(db, now);
  });
}

function holdWaiting(db: Db, now: number): string[] {
  // Not SENDING: one is in flight now, too late to hold, or was cut off, and the relay's start makes it UNKNOWN.
  const waiting = prepared(db, "SELECT id FROM awards WHERE state = 'QUEUED' ORDER BY seq").all() as Array<{ id: string }>;
  for (const { id } of waiting) transition(db, id, ['QUEUED'], PUT_BACK_UNSENT, now);
  return waiting.map(({ id }) => id);
}

/** Held for a manager because another PC may have sent it: the code says which case, for the evidence and the words. */
function heldUnsent(code: string, eventKey: string, awardKey: string): Change {
  return { to: 'UNKNOWN', actor: 'system', reason: say(eventKey), errorCode: code, lastError: { code, message: say(awardKey) } };
}

const PUT_BACK_UNSENT = heldUnsent(PUT_BACK_CODE, 'event.putBackUnsent', 'award.putBackUnsent');
const RESTORED_UNSENT = heldUnsent(RESTORED_CODE, 'event.restoredUnsent', 'award.restoredUnsent');

export interface AttemptEndCount {
  outcome: AttemptOutcome;
  errorCode: string | null;
  count: number;
}

/** How the attempts started since `startedAt` ended, counted by outcome and error code (those still running are left out). */
export function attemptEndsSince(db: Db, startedAt: number): AttemptEndCount[] {
  return prepared(
    db,
    'SELECT outcome, error_code AS errorCode, COUNT(*) AS count FROM attempts WHERE started_at >= ? AND outcome IS NOT NULL GROUP BY outcome, error_code',
  ).all(startedAt) as AttemptEndCount[];
}
