// Rows <-> records. The SQL for reading awards, attempts and events lives here; state changes live in transitions.ts.
import type { Db } from '../store/database.ts';
import { prepared } from '../store/statements.ts';
import type { MemberIdentity } from '../common/member.ts';
import type { AttemptOutcome, AttemptRecord, Award, AwardEvent, AwardState } from './award.ts';
import { startOfShopDay } from '../common/shop-time.ts';

export interface AwardRow {
  seq: number;
  id: string;
  created_at: number;
  terminal_id: string;
  cashier: string;
  receipt_ref: string | null;
  amount_sen: number;
  member_type: MemberIdentity['type'];
  member_id: string | null;
  country_code: string | null;
  phone_number: string | null;
  points_preview: number | null;
  points_confirmed: 0 | 1;
  state: AwardState;
  next_attempt_at: number;
  rm_item_id: string | null;
  qr_code_url: string | null;
  claimed_at: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
  resolved_by: string | null;
  resolved_at: number | null;
  resolution_reason: string | null;
  updated_at: number;
}

export const AWARD_COLUMNS = `seq, id, created_at, terminal_id, cashier, receipt_ref, amount_sen, member_type, member_id,
  country_code, phone_number, points_preview, points_confirmed, state, next_attempt_at, rm_item_id, qr_code_url, claimed_at, last_error_code,
  last_error_message, resolved_by, resolved_at, resolution_reason, updated_at`;

export function toAward(row: AwardRow): Award {
  return {
    id: row.id,
    createdAt: row.created_at,
    terminalId: row.terminal_id,
    cashier: row.cashier,
    receiptRef: row.receipt_ref,
    amountSen: row.amount_sen,
    member: toMember(row),
    pointsPreview: row.points_preview,
    pointsConfirmed: row.points_confirmed === 1,
    state: row.state,
    nextAttemptAt: row.next_attempt_at,
    rmItemId: row.rm_item_id,
    qrCodeUrl: row.qr_code_url,
    claimedAt: row.claimed_at,
    lastError: row.last_error_code ? { code: row.last_error_code, message: row.last_error_message ?? '' } : null,
    resolution:
      row.resolved_by && row.resolved_at !== null
        ? { by: row.resolved_by, at: row.resolved_at, reason: row.resolution_reason ?? '' }
        : null,
    updatedAt: row.updated_at,
  };
}

function toMember(row: AwardRow): MemberIdentity {
  switch (row.member_type) {
    case 'ID':
      return { type: 'ID', memberId: row.member_id ?? '' };
    case 'PHONENUMBER':
      return { type: 'PHONENUMBER', countryCode: row.country_code ?? '', phoneNumber: row.phone_number ?? '' };
    case 'QRCODE':
      return { type: 'QRCODE' };
  }
}

/** Phone numbers stored reversed too, so "last digits" searches are an index range instead of a full scan. */
export function reversed(text: string): string {
  return [...text].reverse().join('');
}

/** Awards waiting for a manager's decision, oldest first. */
export function unknownAwards(db: Db): Award[] {
  const rows = prepared(db, `SELECT ${AWARD_COLUMNS} FROM awards WHERE state = 'UNKNOWN' ORDER BY seq`).all() as AwardRow[];
  return rows.map(toAward);
}

/**
 * This shop day's first award on a receipt that may have earned points (not voided, refused or cancelled), whatever
 * the case of its letters. Only today: many tills number their receipts afresh each day, so yesterday's "0023" is
 * another sale.
 */
export function awardOnReceiptToday(db: Db, receiptRef: string, now: number): Award | null {
  const row = prepared(
    db,
    `SELECT ${AWARD_COLUMNS} FROM awards WHERE receipt_ref = ? COLLATE NOCASE AND created_at >= ? AND state NOT IN ('VOIDED', 'REJECTED', 'CANCELLED')
     ORDER BY created_at, seq LIMIT 1`,
  ).get(receiptRef, startOfShopDay(now)) as AwardRow | undefined;
  return row ? toAward(row) : null;
}

export function findAward(db: Db, id: string): Award | null {
  const row = prepared(db, `SELECT ${AWARD_COLUMNS} FROM awards WHERE id = ?`).get(id) as AwardRow | undefined;
  return row ? toAward(row) : null;
}

interface AttemptRow {
  number: number;
  nonce: string;
  timestamp: string;
  started_at: number;
  outcome: AttemptOutcome | null;
  error_code: string | null;
  finished_at: number | null;
}

export function attemptsOf(db: Db, awardId: string): AttemptRecord[] {
  const rows = prepared(db, 'SELECT number, nonce, timestamp, started_at, outcome, error_code, finished_at FROM attempts WHERE award_id = ? ORDER BY number').all(
    awardId,
  ) as AttemptRow[];
  return rows.map((row) => ({
    number: row.number,
    nonce: row.nonce,
    timestamp: row.timestamp,
    startedAt: row.started_at,
    outcome: row.outcome,
    errorCode: row.error_code,
    finishedAt: row.finished_at,
  }));
}

export interface EventRow {
  id: number;
  at: number;
  from_state: AwardState | null;
  to_state: AwardState;
  actor: string;
  reason: string | null;
  error_code: string | null;
}

export function eventsOf(db: Db, awardId: string): AwardEvent[] {
  const rows = prepared(db, 'SELECT id, at, from_state, to_state, actor, reason, error_code FROM award_events WHERE award_id = ? ORDER BY id').all(awardId) as EventRow[];
  return rows.map(toAwardEvent);
}

export function toAwardEvent(row: EventRow): AwardEvent {
  return { id: row.id, at: row.at, from: row.from_state, to: row.to_state, actor: row.actor, reason: row.reason, errorCode: row.error_code };
}
