// Awards RM refused after the counter had moved on: saved while offline (or still sending when the counter stopped
// waiting), refused when the relay sent them, with no customer left to tell. The counter's status bar counts them so the
// cashier who served that customer, and the one after, hear of it, until the manager marks them seen; the manager's
// History keeps every refusal for good.
import { startOfShopDay } from '../common/shop-time.ts';
import type { Shift } from '../shifts/shifts.ts';
import type { RefusedNews } from './history-filter.ts';
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
  /** Which they are: History lists exactly them, and the manager's "seen" names the newest of them. */
  news: RefusedNews;
}

/** The count for the counter's status bar: `latest` is the terminal's newest shift, open or ended. */
export function refusedLately(db: Db, latest: Shift | null, now: number, toldWithinMs: number): RefusedLately {
  const windowStart = refusedWindowStart(db, latest, now);
  const seen = refusalsSeen(db);
  // The mark's time is only what the screen says: a mark made while the PC's clock ran ahead must not read as later
  // than now. What it hides is counted by event, which no clock moves.
  const sinceMs = seen && seen.atMs <= now ? Math.max(windowStart, seen.atMs + 1) : windowStart;
  const afterEvent = seen?.eventId ?? 0;
  // Every refusal recorded so far; what the count took then ends at the newest of them, for History and the mark.
  const news = { refusedFromMs: windowStart, toldWithinMs, afterEvent, upToEvent: Number.MAX_SAFE_INTEGER };
  const counted = countRefused(db, news);
  return { count: counted.n, sinceMs, madeSinceMs: counted.made, news: { ...news, upToEvent: counted.newest ?? afterEvent } };
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

function countRefused(db: Db, news: RefusedNews): { n: number; made: number | null; newest: number | null } {
  const params: Record<string, number> = {};
  const where = refusedNewsWhere(news, params);
  return prepared(db, `SELECT COUNT(*) AS n, MIN(created_at) AS made, MAX(${NEWEST_EVENT}) AS newest FROM awards WHERE ${where}`).get(params) as {
    n: number;
    made: number | null;
    newest: number | null;
  };
}

const NEWEST_EVENT = '(SELECT MAX(e.id) FROM award_events e WHERE e.award_id = awards.id)';

/**
 * The news's condition on `awards`, for the count and for History's list (app/awards/history.ts), so the two cannot
 * disagree: refusals since `refusedFromMs` that came more than `toldWithinMs` after the award was made, whose newest
 * event is after the manager's mark and no later than `upToEvent`. One that came sooner was the answer to the
 * cashier's submit, said on the counter's screen while the customer stood there; a REJECTED award never changes again,
 * so its updated_at is when RM refused it, and its newest event is the refusal (or a later note).
 */
export function refusedNewsWhere(news: RefusedNews, params: Record<string, string | number>): string {
  Object.assign(params, { refusedFromMs: news.refusedFromMs, toldWithinMs: news.toldWithinMs, afterEvent: news.afterEvent, upToEvent: news.upToEvent });
  return `(state = 'REJECTED' AND updated_at >= @refusedFromMs AND updated_at - created_at > @toldWithinMs
    AND ${NEWEST_EVENT} BETWEEN @afterEvent + 1 AND @upToEvent)`;
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

/**
 * The refusals up to `upToEvent`, the newest the manager's screen counted, have been seen: one that came after the
 * screen counted is news still, whatever the clock says. Never past the newest event recorded (a page's number cannot
 * hide refusals still to come), and never back before a mark another screen made since (false then: nothing moved).
 */
export function markRefusalsSeen(db: Db, upToEvent: number, atMs: number, by: string): boolean {
  const { changes } = prepared(
    db,
    `INSERT INTO refusals_seen (id, seen_event, seen_at, seen_by) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET seen_event = excluded.seen_event, seen_at = excluded.seen_at, seen_by = excluded.seen_by
     WHERE excluded.seen_event > refusals_seen.seen_event`,
  ).run(Math.min(upToEvent, newestEventId(db)), atMs, by);
  return changes > 0;
}
