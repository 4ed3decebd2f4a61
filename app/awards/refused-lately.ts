// Awards RM refused after the counter had moved on: saved while offline (or still sending when the counter stopped
// waiting), refused when the relay sent them, with no customer left to tell. The counter's status bar counts them so the
// cashier who served that customer, and the one after, hear of it; the manager's History keeps every refusal for good.
import { startOfShopDay } from '../common/shop-time.ts';
import type { Shift } from '../shifts/shifts.ts';
import type { Db } from '../store/database.ts';
import { prepared } from '../store/statements.ts';

export interface RefusedLately {
  count: number;
  /** Where the count starts: the start of the shift before the terminal's latest one (see refusedWindowStart). */
  sinceMs: number;
}

/** The count for the counter's status bar: `latest` is the terminal's newest shift, open or ended. */
export function refusedLately(db: Db, latest: Shift | null, now: number, toldWithinMs: number): RefusedLately {
  const sinceMs = refusedWindowStart(db, latest, now);
  return { count: countRefusedSince(db, sinceMs, toldWithinMs), sinceMs };
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
export function countRefusedSince(db: Db, sinceMs: number, toldWithinMs: number): number {
  const row = prepared(db, "SELECT COUNT(*) AS n FROM awards WHERE state = 'REJECTED' AND updated_at >= ? AND updated_at - created_at > ?").get(sinceMs, toldWithinMs) as { n: number };
  return row.n;
}
