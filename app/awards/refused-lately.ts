// Awards RM refused after the counter had moved on: saved while offline (or still sending when the counter stopped
// waiting), refused when the relay sent them, with no customer left to tell. The counter's status bar counts them so the
// cashier who served that customer, and the one after, hear of it, until the manager marks them seen; the manager's
// History keeps every refusal for good.
import { startOfShopDay } from '../common/shop-time.ts';
import type { Shift } from '../shifts/shifts.ts';
import type { Db } from '../store/database.ts';
import { prepared } from '../store/statements.ts';

export interface RefusedLately {
  count: number;
  /**
   * Where the count starts: the start of the shift before the terminal's latest one (see refusedWindowStart), or just
   * after the manager last marked the refusals seen, whichever is later.
   */
  sinceMs: number;
  /** When the earliest of them was made (History lists awards by when they were made); null when there are none. */
  madeSinceMs: number | null;
}

/** The count for the counter's status bar: `latest` is the terminal's newest shift, open or ended. */
export function refusedLately(db: Db, latest: Shift | null, now: number, toldWithinMs: number): RefusedLately {
  const sinceMs = Math.max(refusedWindowStart(db, latest, now), afterSeen(db, now));
  return { ...refusedSince(db, sinceMs, toldWithinMs), sinceMs };
}

/**
 * Just after the manager's mark, or 0 without one. A mark later than now was made while the PC's clock ran ahead: kept,
 * it would hide every refusal until the clock caught up with it, so it counts for nothing.
 */
function afterSeen(db: Db, now: number): number {
  const seen = refusalsSeen(db);
  return seen && seen.atMs <= now ? seen.atMs + 1 : 0;
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
 * Refusals since `sinceMs` that came more than `toldWithinMs` after the award was made. One that came sooner was the
 * answer to the cashier's submit, said on the counter's screen while the customer stood there; a REJECTED award never
 * changes again, so its updated_at is when RM refused it.
 */
function refusedSince(db: Db, sinceMs: number, toldWithinMs: number): Omit<RefusedLately, 'sinceMs'> {
  const row = prepared(db, "SELECT COUNT(*) AS n, MIN(created_at) AS made FROM awards WHERE state = 'REJECTED' AND updated_at >= ? AND updated_at - created_at > ?").get(sinceMs, toldWithinMs) as { n: number; made: number | null };
  return { count: row.n, madeSinceMs: row.made };
}

/** The manager's mark that the refusals were seen (migration 14). */
export interface RefusalsSeen {
  /** Refusals up to this moment, on the core's clock, have been seen. */
  atMs: number;
  /** The manager's name, as the terminal's settings held it then. */
  by: string;
}

/** Null until a manager first marks them seen. */
export function refusalsSeen(db: Db): RefusalsSeen | null {
  const row = prepared(db, 'SELECT seen_at, seen_by FROM refusals_seen WHERE id = 1').get() as { seen_at: number; seen_by: string } | undefined;
  return row ? { atMs: row.seen_at, by: row.seen_by } : null;
}

/**
 * Replaces the mark, even with an earlier time: a clock put back since the last mark then shows some refusals again,
 * which is safer than a mark stuck ahead that would keep hiding new ones.
 */
export function markRefusalsSeen(db: Db, atMs: number, by: string): void {
  prepared(db, 'INSERT INTO refusals_seen (id, seen_at, seen_by) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at, seen_by = excluded.seen_by').run(atMs, by);
}
