// Another process on the same database file (`kaunter resolve`, `kaunter award`, a `kaunter drain`) changes awards the
// app's screens count and list, and no event of this process says so. SQLite's data_version changes exactly when
// another connection has committed, so a cheap look once a second tells the app when to count again.
import type { Db } from './database.ts';

const CHECK_EVERY_MS = 1_000;

/** Calls `onChange` after another connection commits to `db`; returns the way to stop looking. */
export function watchOtherWriters(db: Db, onChange: () => void): () => void {
  let seen = dataVersion(db);
  const timer = setInterval(() => {
    const now = dataVersion(db);
    // A busy or failing disk answers nothing this time: no change, asked again next second against what was last seen.
    if (now === null || now === seen) return;
    seen = now;
    onChange();
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function dataVersion(db: Db): number | null {
  try {
    return db.pragma('data_version', { simple: true }) as number;
  } catch {
    return null;
  }
}
