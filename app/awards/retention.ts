// Retention: a shop may keep finished awards for N days only. Awards still owed an outcome (QUEUED, SENDING, UNKNOWN)
// are never purged, however old: they are money a customer may still be waiting for. Nor is an award whose latest
// events the head-office hub has not acknowledged yet (app/sync/): the hub's copy must be complete before ours goes.
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';
import { DAY_MS } from '../common/shop-time.ts';

export const PURGEABLE_STATES = ['AWARDED', 'VOIDED', 'CANCELLED'] as const;

export function purgeFinishedAwards(db: Db, olderThanDays: number, now: number): number {
  if (!Number.isInteger(olderThanDays) || olderThanDays < 1) {
    throw new RangeError('Keep awards for at least 1 whole day.');
  }
  const cutoff = now - olderThanDays * DAY_MS;
  return inTransaction(db, () => {
    const result = db
      .prepare(
        `DELETE FROM awards WHERE created_at < ? AND state IN (${PURGEABLE_STATES.map(() => '?').join(', ')})
         AND NOT EXISTS (SELECT 1 FROM award_events e, hub_sync h WHERE e.award_id = awards.id AND e.id > h.acked_event_id)
         -- The newest event stays, so event ids (the hub's sequence) never go back to a number already used.
         AND id IS NOT (SELECT award_id FROM award_events ORDER BY id DESC LIMIT 1)`,
      )
      .run(cutoff, ...PURGEABLE_STATES);
    return result.changes;
  });
}
