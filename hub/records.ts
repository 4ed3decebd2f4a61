// Hub rows in the core's shapes. The hub selects its columns under the counter's names (its terminal_label is what the
// counter calls terminal_id), so the core's own row mappings read them.
import type { AttemptRecord } from '../app/awards/award.ts';
import type { AwardRow } from '../app/awards/records.ts';
import { saidRefusal } from './errors.ts';

export type HubAwardRow = AwardRow & { hub_terminal_id: string; outlet_id: string; last_event_seq: number };

export const HUB_AWARD_COLUMNS = `0 AS seq, a.id, a.created_at, a.terminal_label AS terminal_id, a.cashier, a.receipt_ref, a.amount_sen,
  a.member_type, a.member_id, a.country_code, a.phone_number, a.points_preview, a.points_confirmed::int AS points_confirmed, a.state,
  0 AS next_attempt_at, a.rm_item_id, a.qr_code_url, a.claimed_at, a.last_error_code, a.last_error_message, a.resolved_by, a.resolved_at, a.resolution_reason, a.updated_at,
  a.terminal_id AS hub_terminal_id, a.outlet_id, a.last_event_seq`;

/** Attempts as AttemptRecord (plus their award), straight from SQL. */
export const ATTEMPT_COLUMNS = `award_id, number, nonce, timestamp, started_at AS "startedAt", outcome, error_code AS "errorCode",
  finished_at AS "finishedAt"`;
export type AttemptRow = AttemptRecord & { award_id: string };

export function groupBy<T extends { award_id: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.award_id);
    if (group) group.push(row);
    else groups.set(row.award_id, [row]);
  }
  return groups;
}

export function withoutAwardId({ award_id: _awardId, ...attempt }: AttemptRow): AttemptRecord {
  return attempt;
}

/** A keyset position (created_at, id) as an opaque page link. */
export function encodeCursor(row: { created_at: number; id: string }): string {
  return Buffer.from(`${row.created_at}:${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const match = /^(\d{1,16}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw saidRefusal('BAD_REQUEST', 'history.cursorStale');
  return { createdAt: Number(match[1]), id: match[2] as string };
}
