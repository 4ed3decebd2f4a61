// Opening Kaunter's SQLite file: WAL with synchronous=FULL so a committed award survives power loss (NORMAL may lose the
// last transactions), foreign keys on, schema migrated, and an integrity check before anything trusts the file.
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile, makePrivateFolder, narrowIfPresent } from '../private-files.ts';
import { fromFileError, fromSqliteError, isSqliteError, storeError, StoreError } from './errors.ts';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** Skip the integrity check (benchmarks that reopen a large file many times). */
  skipIntegrityCheck?: boolean;
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') prepareFiles(path);
  try {
    const db = new Database(path, { timeout: 5_000 });
    try {
      configure(db);
      if (!options.skipIntegrityCheck) checkIntegrity(db, path);
      migrate(db, path);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    throw error instanceof StoreError ? error : fromSqliteError(error, path);
  }
}

/** The database file exists, for this user only, before SQLite writes a byte (its -wal and -shm then take its mode). */
function prepareFiles(path: string): void {
  try {
    makePrivateFolder(dirname(path));
    createPrivateFile(path);
    narrowIfPresent(`${path}-wal`);
    narrowIfPresent(`${path}-shm`);
  } catch (error) {
    throw fromFileError(error, path);
  }
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function checkIntegrity(db: Db, path: string): void {
  // quick_check finds damaged pages and broken structure without the index-content pass of integrity_check, so opening
  // a year of awards stays fast.
  const rows = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
  if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') throw storeError('corrupt', path, 'SQLITE_CORRUPT');
}

function migrate(db: Db, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw storeError('too-new', path);
  for (let next = version; next < MIGRATIONS.length; next += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next] ?? '');
      db.pragma(`user_version = ${next + 1}`);
    }).immediate();
  }
}

/** Runs `work` in one IMMEDIATE transaction (the write lock is taken up front, so two writers never deadlock). */
export function inTransaction<T>(db: Db, work: () => T): T {
  return transaction(db, work, 'immediate');
}

/** Runs `work` in one DEFERRED transaction: a reader's consistent snapshot (WAL), while writers carry on. */
export function inReadTransaction<T>(db: Db, work: () => T): T {
  return transaction(db, work, 'deferred');
}

/**
 * One transaction function per connection, the work passed to it: db.transaction() builds four wrapper functions each
 * time it is called, 16 KB an award (the largest share of what an award allocated, measured with V8's sampling heap
 * profiler), and what a process allocates sets how often its collector pauses. better-sqlite3 still chooses a
 * savepoint for a transaction inside another when it runs, as before.
 */
const runners = new WeakMap<Db, Database.Transaction<(work: () => unknown) => unknown>>();

function transaction<T>(db: Db, work: () => T, mode: 'immediate' | 'deferred'): T {
  try {
    let runner = runners.get(db);
    if (!runner) {
      runner = db.transaction((next: () => unknown) => next());
      runners.set(db, runner);
    }
    return runner[mode](work) as T;
  } catch (error) {
    throw isSqliteError(error) ? fromSqliteError(error, db.name) : error;
  }
}
