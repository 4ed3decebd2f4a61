// SQLite failures in words a shop can act on. The database holds awards that may not have reached RM yet, so no error
// path here deletes, moves or recreates a file: it stops, says what is wrong, and leaves the data where it is.

export type StoreProblem = 'disk-full' | 'read-only' | 'corrupt' | 'cannot-open' | 'busy' | 'too-new' | 'unknown';

export class StoreError extends Error {
  constructor(
    readonly problem: StoreProblem,
    message: string,
    readonly sqliteCode?: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

const MESSAGES: Record<StoreProblem, string> = {
  'disk-full': "This PC's disk is full, so Kaunter cannot save awards. Free some space (empty the recycle bin, delete old downloads), then try again. Nothing already saved was lost.",
  'read-only': 'Kaunter cannot write to its data file (it is read-only or on a read-only drive). Check the folder permissions, then restart Kaunter.',
  corrupt: 'Kaunter\'s data file is damaged. Do not delete it: it may hold awards not yet sent. Close Kaunter and contact support.',
  'cannot-open': 'Kaunter cannot open its data file. Check that the folder exists and that this Windows/Linux user may write to it.',
  busy: 'Kaunter\'s data file is in use by another program for too long. Close other Kaunter windows and try again.',
  'too-new': 'This data file was written by a newer version of Kaunter. Install the newer version again; do not use this older one with it.',
  unknown: 'Kaunter could not use its data file.',
};

export function storeError(problem: StoreProblem, where?: string, sqliteCode?: string): StoreError {
  const message = where ? `${MESSAGES[problem]} File: ${where}` : MESSAGES[problem];
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
  return new StoreError('unknown', `${MESSAGES.unknown} (${(error as Error).message ?? String(error)})`, name || undefined);
}
