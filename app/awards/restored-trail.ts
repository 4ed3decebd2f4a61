// Writing back an award's history as the hub kept it, onto a replacement PC: the award, its attempts, its events and
// its evidence under their original ids, so the terminal's trail continues where it was. Not through transitions.ts
// on purpose: restoring history is not making it. Only holding and noting the awards still unsettled makes new history.
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';
import { prepared } from '../store/statements.ts';
import { memberFields } from '../common/member.ts';
import type { AttemptRecord, Award, AwardEvent } from './award.ts';
import { holdRestoredAwards } from './attempts.ts';
import { reversed } from './records.ts';
import { newestEventId } from '../store/hub-sync.ts';
import type { RmEvidence } from './rm-evidence.ts';

export interface KeptHistory {
  award: Award;
  attempts: AttemptRecord[];
  events: AwardEvent[];
  evidence: RmEvidence | null;
}

/**
 * Writes a page of a restore, holding its awards that waited to be sent and noting its UNKNOWN ones
 * (holdRestoredAwards), in one transaction: the page lands whole or not at all, and a running relay never sees one of
 * them QUEUED. An award already on this PC (a restore of it was cut short) is left as it is: it was held then.
 * Returns how many it wrote and the ids held. Every event the hub holds has an id up to `ackedSeq` (it acknowledges
 * what it stored), so the new events go above it and above those already written, where no later page needs their ids.
 */
export function writeRestoredPage(db: Db, histories: KeptHistory[], ackedSeq: number, now: number): { awards: number; held: string[] } {
  return inTransaction(db, () => {
    const missing = histories.filter(({ award }) => !awardIsHere(db, award.id));
    for (const history of missing) writeKeptHistory(db, history);
    const ids = missing.map(({ award }) => award.id);
    return { awards: missing.length, held: holdRestoredAwards(db, ids, Math.max(ackedSeq, newestEventId(db)) + 1, now) };
  });
}

function awardIsHere(db: Db, id: string): boolean {
  return prepared(db, 'SELECT 1 FROM awards WHERE id = ?').get(id) !== undefined;
}

function writeKeptHistory(db: Db, { award, attempts, events, evidence }: KeptHistory): void {
  prepared(
    db,
    `INSERT INTO awards (id, created_at, terminal_id, cashier, receipt_ref, amount_sen, member_type, member_id, country_code,
       phone_number, phone_reversed, points_preview, points_confirmed, state, next_attempt_at, rm_item_id, qr_code_url, claimed_at,
       last_error_code, last_error_message, resolved_by, resolved_at, resolution_reason, updated_at)
     VALUES (@id, @createdAt, @terminalId, @cashier, @receiptRef, @amountSen, @memberType, @memberId, @countryCode,
       @phoneNumber, @phoneReversed, @pointsPreview, @pointsConfirmed, @state, @nextAttemptAt, @rmItemId, @qrCodeUrl, @claimedAt,
       @lastErrorCode, @lastErrorMessage, @resolvedBy, @resolvedAt, @resolutionReason, @updatedAt)`,
  ).run({
    ...award,
    memberType: award.member.type,
    ...memberFields(award.member),
    phoneReversed: award.member.type === 'PHONENUMBER' ? reversed(award.member.phoneNumber) : null,
    pointsConfirmed: award.pointsConfirmed ? 1 : 0,
    lastErrorCode: award.lastError?.code ?? null,
    lastErrorMessage: award.lastError?.message ?? null,
    resolvedBy: award.resolution?.by ?? null,
    resolvedAt: award.resolution?.at ?? null,
    resolutionReason: award.resolution?.reason ?? null,
  });
  const insertAttempt = prepared(
    db,
    'INSERT INTO attempts (award_id, number, nonce, timestamp, started_at, outcome, error_code, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const t of attempts) insertAttempt.run(award.id, t.number, t.nonce, t.timestamp, t.startedAt, t.outcome, t.errorCode, t.finishedAt);
  const insertEvent = prepared(
    db,
    'INSERT INTO award_events (id, award_id, at, from_state, to_state, actor, reason, error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const e of events) insertEvent.run(e.id, award.id, e.at, e.from, e.to, e.actor, e.reason, e.errorCode);
  if (evidence) prepared(db, 'INSERT INTO award_evidence (award_id, gathered_at, evidence) VALUES (?, ?, ?)').run(award.id, evidence.gatheredAt, JSON.stringify(evidence));
}
