// Awards RM refused after the counter had moved on: saved while offline (or still sending when the counter stopped
// waiting), refused when the relay sent them, with no customer left to tell. The counter's status bar counts them so the
// cashier who served that customer, and the one after, hear of it, until the manager marks them seen; the manager's
// History keeps every refusal for good.
import { startOfShopDay } from '../common/shop-time.ts';
import type { Shift } from '../shifts/shifts.ts';
import type { Db } from '../store/database.ts';
import { newestEventId } from '../store/hub-sync.ts';
import { prepared } from '../store/statements.ts';

export interface RefusedLately {
  count: number;
  /**
   * Where the count starts, for the screens: the start of the shift before the terminal's latest one (see
   * refusedWindowStart), or just after the manager last marked the refusals seen, whichever is later.
   */
  sinceMs: number;
  /** When the earliest of them was made (History lists awards by when they were made); null when there are none. */
  madeSinceMs: number | null;
}

/** The count for the counter's status bar: `latest` is the terminal's newest shift, open or ended. */
export function refusedLately(db: Db, latest: Shift | null, now: number, toldWithinMs: number): RefusedLately {
  const windowStart = refusedWindowStart(db, latest, now);
  const seen = refusalsSeen(db);
  // The mark's time is only what the screen says: a mark made while the PC's clock ran ahead must not read as later
  // than now. What it hides is counted by event, which no clock moves.
  const sinceMs = seen && seen.atMs <= now ? Math.max(windowStart, seen.atMs + 1) : windowStart;
  return { ...refusedSince(db, windowStart, toldWithinMs, seen?.eventId ?? 0), sinceMs };
}

/**
 * The cashier at the counter now and the one before them: from the start of the shift before the terminal's latest,
 * so a refusal stays on screen for the rest of the shift it came in and the whole of the next one (the next cashier may
 * meet the customer coming back), then gives way. A terminal with one shift counts from its start; one with none (a shop
 * without a cashier list) from the start of the shop's day. Only the latest's own terminal's shifts count: the database
 * keeps the shifts of any terminal id it was used under, and another's have nothing to do with this counter.
 */
export function refusedWindowStart(db: Db, latest: Shift | null, now: number): number {
  if (!latest) return startOfShopDay(now);
  const before = prepared(db, 'SELECT started_at FROM shifts WHERE terminal_id = ? AND started_at < ? ORDER BY started_at DESC, id DESC LIMIT 1').get(latest.terminalId, latest.startedAt) as { started_at: number } | undefined;
  return before?.started_at ?? latest.startedAt;
}

/**
 * Refusals since `sinceMs` that came more than `toldWithinMs` after the award was made, and after the event the
 * manager's mark names. One that came sooner was the answer to the cashier's submit, said on the counter's screen while
 * the customer stood there; a REJECTED award never changes again, so its updated_at is when RM refused it, and its
 * newest event is the refusal (or a later note).
 */
function refusedSince(db: Db, sinceMs: number, toldWithinMs: number, afterEvent: number): Omit<RefusedLately, 'sinceMs'> {
  const row = prepared(
    db,
    `SELECT COUNT(*) AS n, MIN(created_at) AS made FROM awards a
     WHERE state = 'REJECTED' AND updated_at >= ? AND updated_at - created_at > ?
       AND (SELECT MAX(e.id) FROM award_events e WHERE e.award_id = a.id) > ?`,
  ).get(sinceMs, toldWithinMs, afterEvent) as { n: number; made: number | null };
  return { count: row.n, madeSinceMs: row.made };
}

/** The manager's mark that the refusals were seen (migration 14). */
export interface RefusalsSeen {
  /** The newest award event when the mark was made: refusals up to it have been seen. */
  eventId: number;
  /** When, on the core's clock: what the screens say ("since"). */
  atMs: number;
  /** The manager's name, as the terminal's settings held it then. */
  by: string;
}

/** Null until a manager first marks them seen. */
export function refusalsSeen(db: Db): RefusalsSeen | null {
  const row = prepared(db, 'SELECT seen_event, seen_at, seen_by FROM refusals_seen WHERE id = 1').get() as { seen_event: number; seen_at: number; seen_by: string } | undefined;
  return row ? { eventId: row.seen_event, atMs: row.seen_at, by: row.seen_by } : null;
}

/** Every refusal recorded so far has been seen: the mark names the newest award event, whatever the clock says. */
export function markRefusalsSeen(db: Db, atMs: number, by: string): void {
  prepared(
    db,
    `INSERT INTO refusals_seen (id, seen_event, seen_at, seen_by) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET seen_event = excluded.seen_event, seen_at = excluded.seen_at, seen_by = excluded.seen_by`,
  ).run(newestEventId(db), atMs, by);
}
