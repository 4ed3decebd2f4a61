// Exactly one relay per database, across processes. The lock is an OS file lock that SQLite takes on a small side file
// in EXCLUSIVE locking mode: it is held for as long as the connection is open and released by the kernel if the
// process dies, so a crashed relay never leaves a stale lock and a stalled one never loses it to a second sender.
import Database from 'better-sqlite3';
import { createPrivateFile } from '../private-files.ts';

export class RelayLock {
  private readonly handle: Database.Database;
  private constructor(handle: Database.Database) {
    this.handle = handle;
  }

  /** The lock, or null when another relay (in this or another process) holds it. */
  static tryAcquire(databasePath: string): RelayLock | null {
    if (databasePath === ':memory:') return new RelayLock(new Database(':memory:'));
    const lockPath = `${databasePath}.relay-lock`;
    createPrivateFile(lockPath);
    const handle = new Database(lockPath, { timeout: 0 });
    try {
      handle.pragma('locking_mode = EXCLUSIVE');
      handle.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER)');
      handle.prepare('DELETE FROM holder').run();
      handle.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
      return new RelayLock(handle);
    } catch (error) {
      handle.close();
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return null;
      throw error;
    }
  }

  release(): void {
    if (this.handle.open) this.handle.close();
  }
}
