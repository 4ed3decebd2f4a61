// Which counters are in trouble, for head office's Counters tab: gone quiet, revoked, refused by the hub, or enrolled
// with a code nobody has used. Never the code itself: a code outstanding is a working secret until it expires.
import { DAY_MS } from '../app/common/shop-time.ts';
import type { Pool } from './db/pool.ts';
import type { Scope } from './history.ts';
import { REFUSAL_CURRENT_FOR, type RecordedRefusal } from './refused-pushes.ts';
import { heardAtSql } from './terminals.ts';
/**
 * A counter that is on and online checks in every 15 s or so, sales or not; but a shop shut for a day (a Sunday, a
 * public holiday) may switch its PC off for up to some 40 hours. Two days is the first gap that one closed day does not
 * explain: a terminal switched off, unplugged or cut off over a trading day.
 */
export const QUIET_AFTER_MS = 2 * DAY_MS;

export interface TerminalHealth {
  outlet: string;
  terminal: string;
  /** A counter has used an enrolment code for it (it may since have been revoked). */
  joined: boolean;
  revokedAt: number | null;
  lastPushAt: number | null;
  /**
   * Whole days the hub has not heard from it (no push, no check-in, counted from the join if later), once that is more
   * than QUIET_AFTER_MS; else null. An idle till that is on checks in, so it is not quiet however long since a sale.
   */
  quietDays: number | null;
  /** The latest push refused since the terminal's current enrolment, while its counter is still being refused. */
  refusal: { code: RecordedRefusal; at: number } | null;
  /** A code given out and not used: until when it works, or since when it no longer does. */
  enrolCode: { expiresAt: number; expired: boolean } | null;
}

interface Row {
  outlet: string;
  terminal: string;
  enrolled_at: number | null;
  revoked_at: number | null;
  last_push_at: number | null;
  last_heard_at: number | null;
  refusal_code: RecordedRefusal | null;
  refused_at: number | null;
  code_expires_at: number | null;
}

const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::bigint`;

export async function terminalHealth(pool: Pool, scope: Scope, now = Date.now()): Promise<TerminalHealth[]> {
  // A refusal from before the terminal's current enrolment was its old credential's (a revoked PC, replaced since); one
  // not noted again lately is over (a put-back counter brought back in step from its Settings pushes without one).
  const rows = await pool.query<Row>(
    `SELECT o.name AS outlet, t.name AS terminal, ${ms('t.enrolled_at')} AS enrolled_at, ${ms('t.revoked_at')} AS revoked_at,
       ${ms('t.last_push_at')} AS last_push_at, ${ms(heardAtSql('t'))} AS last_heard_at, r.code AS refusal_code, ${ms('r.at')} AS refused_at,
       CASE WHEN t.enrol_code_hash IS NOT NULL THEN ${ms('t.enrol_expires_at')} END AS code_expires_at
     FROM terminals t JOIN outlets o ON o.id = t.outlet_id
     LEFT JOIN refused_pushes r ON r.terminal_id = t.id AND (t.enrolled_at IS NULL OR r.at >= t.enrolled_at) AND r.at > now() - $2::interval
     WHERE $1::uuid IS NULL OR o.id = $1 ORDER BY o.name, t.name`,
    [scope.outletId, REFUSAL_CURRENT_FOR],
  );
  return rows.rows.map((row) => healthOf(row, now));
}

function healthOf(row: Row, now: number): TerminalHealth {
  return {
    outlet: row.outlet,
    terminal: row.terminal,
    joined: row.enrolled_at !== null,
    revokedAt: row.revoked_at,
    lastPushAt: row.last_push_at,
    quietDays: quietDays(row, now),
    refusal: row.refusal_code && row.refused_at !== null ? { code: row.refusal_code, at: row.refused_at } : null,
    enrolCode: row.code_expires_at === null ? null : { expiresAt: row.code_expires_at, expired: row.code_expires_at <= now },
  };
}

/**
 * A revoked terminal is meant to be quiet, and one never joined has had nothing to send. Quiet since the hub last heard
 * from it, or since it joined if that is later: a replacement PC that joined today is not quiet for the dead PC's days.
 */
function quietDays(row: Row, now: number): number | null {
  const heard = [row.last_heard_at, row.enrolled_at].filter((at): at is number => at !== null);
  const since = heard.length === 0 ? null : Math.max(...heard);
  if (since === null || row.revoked_at !== null || now - since <= QUIET_AFTER_MS) return null;
  return Math.floor((now - since) / DAY_MS);
}
