// Retention: a shop may keep finished awards for N days only. Awards still owed an outcome (QUEUED, SENDING, UNKNOWN)
// are never purged, however old: they are money a customer may still be waiting for.
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';

export const PURGEABLE_STATES = ['AWARDED', 'VOIDED', 'CANCELLED'] as const;
const DAY_MS = 86_400_000;

export function purgeFinishedAwards(db: Db, olderThanDays: number, now: number): number {
  if (!Number.isInteger(olderThanDays) || olderThanDays < 1) {
    throw new RangeError('Keep awards for at least 1 whole day.');
  }
  const cutoff = now - olderThanDays * DAY_MS;
  return inTransaction(db, () => {
    const result = db
      .prepare(`DELETE FROM awards WHERE created_at < ? AND state IN (${PURGEABLE_STATES.map(() => '?').join(', ')})`)
      .run(cutoff, ...PURGEABLE_STATES);
    return result.changes;
  });
}
