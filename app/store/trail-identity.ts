// The name of this database's trail (migration 13), for the trail mark kept in the keychain (app/core/trail-mark.ts).
import type { Db } from './database.ts';
import { prepared } from './statements.ts';

/** Null until the first mark was kept for this database. */
export function trailId(db: Db): string | null {
  const row = prepared(db, 'SELECT trail_id FROM trail_identity WHERE id = 1').get() as { trail_id: string } | undefined;
  return row?.trail_id ?? null;
}

/** Named once: a second call keeps the first name. */
export function nameTrail(db: Db, id: string): void {
  prepared(db, 'INSERT INTO trail_identity (id, trail_id) VALUES (1, ?) ON CONFLICT (id) DO NOTHING').run(id);
}
