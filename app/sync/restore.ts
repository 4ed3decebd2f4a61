// Restoring a terminal's history from the hub into an empty database (a replacement PC): every award with its attempts
// and its events under their original ids, so the terminal's trail continues where it was and the hub sees no conflict.
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';
import { memberFields } from '../common/member.ts';
import { reversed } from '../awards/records.ts';
import type { HubClient } from './hub-client.ts';
import { recordAck } from './outgoing.ts';
import type { RestoredAward } from './wire.ts';

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

export function isEmptyDatabase(db: Db): boolean {
  return (db.prepare('SELECT COUNT(*) AS n FROM award_events').get() as { n: number }).n === 0;
}

/** Pulls every page and writes it; returns the number of awards restored. */
export async function restoreFromHub(db: Db, client: HubClient, onProgress?: (awards: number) => void): Promise<number> {
  if (!isEmptyDatabase(db)) {
    throw new RestoreError('This database already has awards: restore only onto an empty database (a new PC), so nothing is mixed or overwritten.');
  }
  let cursor: string | null = null;
  let restored = 0;
  let ackedSeq = 0;
  do {
    const answer = await client.restorePage(cursor);
    if (answer.kind !== 'ok') throw new RestoreError(answer.message);
    writePage(db, answer.value.items);
    restored += answer.value.items.length;
    ackedSeq = answer.value.ackedSeq;
    onProgress?.(restored);
    cursor = answer.value.nextCursor;
  } while (cursor);
  recordAck(db, ackedSeq);
  return restored;
}

function writePage(db: Db, items: RestoredAward[]): void {
  inTransaction(db, () => {
    const insertAward = db.prepare(
      `INSERT INTO awards (id, created_at, terminal_id, cashier, receipt_ref, amount_sen, member_type, member_id, country_code,
         phone_number, phone_reversed, points_preview, points_confirmed, state, next_attempt_at, rm_item_id, qr_code_url, claimed_at,
         last_error_code, last_error_message, resolved_by, resolved_at, resolution_reason, updated_at)
       VALUES (@id, @createdAt, @terminalLabel, @cashier, @receiptRef, @amountSen, @memberType, @memberId, @countryCode,
         @phoneNumber, @phoneReversed, @pointsPreview, @pointsConfirmed, @state, 0, @rmItemId, @qrCodeUrl, @claimedAt,
         @lastErrorCode, @lastErrorMessage,
         @resolvedBy, @resolvedAt, @resolutionReason, @updatedAt)`,
    );
    const insertAttempt = db.prepare(
      'INSERT INTO attempts (award_id, number, nonce, timestamp, started_at, outcome, error_code, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertEvent = db.prepare(
      'INSERT INTO award_events (id, award_id, at, from_state, to_state, actor, reason, error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertEvidence = db.prepare('INSERT INTO award_evidence (award_id, gathered_at, evidence) VALUES (?, ?, ?)');
    for (const { award, events } of items) {
      insertAward.run({
        id: award.id,
        createdAt: award.createdAt,
        terminalLabel: award.terminalLabel,
        cashier: award.cashier,
        receiptRef: award.receiptRef,
        amountSen: award.amountSen,
        memberType: award.member.type,
        ...memberFields(award.member),
        phoneReversed: award.member.type === 'PHONENUMBER' ? reversed(award.member.phoneNumber) : null,
        pointsPreview: award.pointsPreview,
        pointsConfirmed: award.pointsConfirmed ? 1 : 0,
        state: award.state,
        rmItemId: award.rmItemId,
        qrCodeUrl: award.qrCodeUrl,
        claimedAt: award.claimedAt,
        lastErrorCode: award.lastError?.code ?? null,
        lastErrorMessage: award.lastError?.message ?? null,
        resolvedBy: award.resolution?.by ?? null,
        resolvedAt: award.resolution?.at ?? null,
        resolutionReason: award.resolution?.reason ?? null,
        updatedAt: award.updatedAt,
      });
      for (const t of award.attempts) insertAttempt.run(award.id, t.number, t.nonce, t.timestamp, t.startedAt, t.outcome, t.errorCode, t.finishedAt);
      for (const e of events) insertEvent.run(e.seq, award.id, e.at, e.from, e.to, e.actor, e.reason, e.errorCode);
      if (award.evidence) insertEvidence.run(award.id, award.evidence.gatheredAt, JSON.stringify(award.evidence));
    }
  });
}
