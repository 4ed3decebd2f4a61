// The award trail as replication reads it: the events after a position, across awards in the order they happened, and
// an award with the id of its newest event (the hub keeps a snapshot only if it is newer than the one it has).
import type { Db } from '../store/database.ts';
import { newestEventId } from '../store/hub-sync.ts';
import { prepared } from '../store/statements.ts';
import type { Award, AwardEvent } from './award.ts';
import { AWARD_COLUMNS, toAward, toAwardEvent, type AwardRow, type EventRow } from './records.ts';

export interface TrailEvent {
  awardId: string;
  event: AwardEvent;
}

/** No event at all: a database nothing was ever awarded in (restore writes only into one). */
export function trailIsEmpty(db: Db): boolean {
  return newestEventId(db) === 0;
}

/** The event with this id, and its award (null: none here). */
export function eventWithId(db: Db, id: number): TrailEvent | null {
  const row = prepared(db, 'SELECT id, award_id, at, from_state, to_state, actor, reason, error_code FROM award_events WHERE id = ?').get(id) as
    | (EventRow & { award_id: string })
    | undefined;
  return row ? { awardId: row.award_id, event: toAwardEvent(row) } : null;
}

export function eventsAfter(db: Db, afterId: number, limit: number): TrailEvent[] {
  const rows = prepared(
    db,
    'SELECT id, award_id, at, from_state, to_state, actor, reason, error_code FROM award_events WHERE id > ? ORDER BY id LIMIT ?',
  ).all(afterId, limit) as Array<EventRow & { award_id: string }>;
  return rows.map((row) => ({ awardId: row.award_id, event: toAwardEvent(row) }));
}

/** How many awards have an event after `afterId`. */
export function awardsChangedAfter(db: Db, afterId: number): number {
  return (prepared(db, 'SELECT COUNT(DISTINCT award_id) AS n FROM award_events WHERE id > ?').get(afterId) as { n: number }).n;
}

/** An award that has events (every award has its QUEUED one), with the id of its newest. */
export function awardWithNewestEvent(db: Db, id: string): { award: Award; newestEventId: number } {
  const row = prepared(
    db,
    `SELECT ${AWARD_COLUMNS}, (SELECT MAX(e.id) FROM award_events e WHERE e.award_id = awards.id) AS newest_event_id FROM awards WHERE id = ?`,
  ).get(id) as AwardRow & { newest_event_id: number };
  return { award: toAward(row), newestEventId: row.newest_event_id };
}
