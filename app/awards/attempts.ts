// Attempts: every signed request for an award, recorded before it is sent (nonce and timestamp) and once when it ends.
// Comparing these nonces with what RM applied is how a duplicate would be found, so none may go unrecorded.
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';
import type { Attempt } from '../rm/client.ts';
import type { AttemptOutcome, AttemptRecord, Award } from './award.ts';
import { attemptsOf, findAward } from './records.ts';
import { RELAY_ACTOR, settlement, type SendResult } from './settlement.ts';
import { rmError } from '../rm/errors.ts';
import { transition, TransitionError, type Change } from './transitions.ts';

/**
 * Commits the attempt and SENDING together, before the first byte of the request leaves. The first attempt of a send
 * claims the award (QUEUED -> SENDING, compare-and-set: it throws TransitionError if anyone else got there first); a
 * token refresh-and-retry within the same send adds its attempt to the award it already holds.
 */
export function startAttempt(db: Db, award: Award, attempt: Attempt, now: number, retryOfSameSend: boolean): void {
  inTransaction(db, () => {
    const row = db.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM attempts WHERE award_id = ?').get(award.id) as { next: number };
    if (retryOfSameSend) {
      const current = db.prepare('SELECT state FROM awards WHERE id = ?').get(award.id) as { state: string } | undefined;
      if (current?.state !== 'SENDING') throw new TransitionError(award.id, null, 'SENDING');
    } else {
      transition(db, award.id, ['QUEUED'], { to: 'SENDING', actor: RELAY_ACTOR, reason: `attempt ${row.next}` }, now);
    }
    db.prepare('INSERT INTO attempts (award_id, number, nonce, timestamp, started_at) VALUES (?, ?, ?, ?, ?)').run(
      award.id,
      row.next,
      attempt.nonce,
      attempt.timestamp,
      now,
    );
  });
}

export function finishAttempt(db: Db, awardId: string, nonce: string, outcome: AttemptOutcome, errorCode: string | null, now: number): void {
  inTransaction(db, () => {
    db.prepare('UPDATE attempts SET outcome = ?, error_code = ?, finished_at = ? WHERE award_id = ? AND nonce = ? AND outcome IS NULL').run(
      outcome,
      errorCode,
      now,
      awardId,
      nonce,
    );
  });
}

/**
 * After a crash, an award left SENDING is settled by what was recorded: if its last attempt's answer was written down
 * before the process died, that answer decides (as the relay would have); if not, RM may or may not have applied it,
 * and it becomes UNKNOWN (never QUEUED, which would send it again). Only the relay-lock holder may run this, so no live
 * relay is mid-send.
 */
export function recoverInterruptedSends(db: Db, now: number): string[] {
  return inTransaction(db, () => {
    const ids = (db.prepare("SELECT id FROM awards WHERE state = 'SENDING' ORDER BY seq").all() as Array<{ id: string }>).map((r) => r.id);
    for (const id of ids) {
      const award = findAward(db, id) as Award;
      const last = attemptsOf(db, id).at(-1);
      const recorded = last?.outcome && last.outcome !== 'interrupted' ? last : null;
      if (!recorded) {
        db.prepare("UPDATE attempts SET outcome = 'interrupted', finished_at = ? WHERE award_id = ? AND outcome IS NULL").run(now, id);
      }
      transition(db, id, ['SENDING'], recorded ? recoveredChange(award, recorded) : INTERRUPTED, now);
    }
    return ids;
  });
}

const INTERRUPTED: Change = {
  to: 'UNKNOWN',
  actor: 'system',
  reason: 'Kaunter stopped while this award was being sent; RM may have applied it',
  errorCode: 'INTERRUPTED',
  lastError: { code: 'INTERRUPTED', message: 'Kaunter stopped while sending. A manager must check whether the points were given.' },
};

function recoveredChange(award: Award, attempt: AttemptRecord): Change {
  const change = settlement(award, recordedResult(award, attempt), true, 0);
  return { ...change, actor: 'system', reason: `recovered after a stop: ${change.reason ?? 'the answer was recorded'}` };
}

function recordedResult(award: Award, attempt: AttemptRecord): SendResult {
  if (attempt.outcome === 'success') {
    // A claim QR whose URL was never shown cannot be claimed: settle it as a lost QR, not AWARDED.
    return award.member.type === 'QRCODE'
      ? { kind: 'maybeApplied', error: rmError('INTERRUPTED', 'the claim QR was never shown') }
      : { kind: 'success', rmItemId: null, qrCodeUrl: null };
  }
  const kind = attempt.outcome as 'notApplied' | 'maybeApplied' | 'rejected';
  return { kind, error: rmError(attempt.errorCode ?? 'INTERRUPTED', 'recorded before Kaunter stopped') };
}
