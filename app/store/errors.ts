// SQLite failures in words a shop can act on. The database holds awards that may not have reached RM yet, so no error
// path here deletes, moves or recreates a file: it stops, says what is wrong, and leaves the data where it is.
import { say } from '../messages.ts';

export type StoreProblem = 'disk-full' | 'read-only' | 'corrupt' | 'cannot-open' | 'busy' | 'too-new' | 'unknown';

export class StoreError extends Error {
  readonly problem: StoreProblem;
  readonly sqliteCode?: string;
  constructor(
    problem: StoreProblem,
    message: string,
    sqliteCode?: string,
  ) {
    super(message);
    this.problem = problem;
    this.sqliteCode = sqliteCode;
    this.name = 'StoreError';
  }
}

export function storeError(problem: StoreProblem, where?: string, sqliteCode?: string): StoreError {
  const message = where ? `${say(`store.${problem}`)} File: ${where}` : say(`store.${problem}`);
  return new StoreError(problem, message, sqliteCode);
}

export function isSqliteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** A file-system error (errno code) met while preparing the data file, in the same words as SQLite's. */
export function fromFileError(error: unknown, path: string): StoreError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOSPC' || code === 'EDQUOT') return storeError('disk-full', path, code);
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return storeError('read-only', path, code);
  return storeError('cannot-open', path, code || undefined);
}

/** Turns a better-sqlite3 error (its `code` is the SQLite extended result code name) into a StoreError. */
export function fromSqliteError(error: unknown, path: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown }).code;
  const name = typeof code === 'string' ? code : '';
  if (name.startsWith('SQLITE_FULL')) return storeError('disk-full', path, name);
  if (name.startsWith('SQLITE_READONLY') || name === 'SQLITE_PERM' || name === 'SQLITE_AUTH') return storeError('read-only', path, name);
  if (name.startsWith('SQLITE_CORRUPT') || name === 'SQLITE_NOTADB') return storeError('corrupt', path, name);
  if (name.startsWith('SQLITE_CANTOPEN')) return storeError('cannot-open', path, name);
  if (name.startsWith('SQLITE_BUSY') || name.startsWith('SQLITE_LOCKED')) return storeError('busy', path, name);
  if (name.startsWith('SQLITE_IOERR')) {
    // ENOSPC surfaces as an I/O error on some writes (e.g. growing the WAL).
    return /full|space/i.test(String((error as Error).message)) ? storeError('disk-full', path, name) : storeError('unknown', path, name);
  }
  return new StoreError('unknown', `${say('store.unknown')} (${(error as Error).message ?? String(error)})`, name || undefined);
}
