// The files of a merge (`kaunter hub restore --merge`): the merged database is built under a name of its own beside the
// database in use, and only a finished one takes its name. Cut short before then (a power cut), the database in use is
// as it was, and the next merge throws the unfinished one away and starts again.
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where the merged database is built. */
export function mergingPathOf(dbPath: string): string {
  return `${dbPath}.merging`;
}

/** A merge cut short leaves its database (and SQLite's side files) behind: gone before the next one begins. */
export function discardMerging(dbPath: string): void {
  const merging = mergingPathOf(dbPath);
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${merging}${suffix}`, { force: true });
}

/** The name the database before the merge keeps, by the moment (UTC to the millisecond, no colons: Windows refuses them). */
export function keptPathOf(dbPath: string, now: number): string {
  return `${dbPath}.before-merge-${new Date(now).toISOString().replace(/[-:.]/g, '')}`;
}

/**
 * The merged database (closed) takes the database's name; the one before keeps another, returned. The old one gets
 * its second name as a hard link, not a copy: its bytes are on disk already, so no moment leaves it half written, and
 * the rename then replaces the name in one step. Cut short between the two, it is the database in use with one name
 * more. Both databases must be closed: a write-ahead log beside the name means one is open, and refuses.
 */
export function swapIn(dbPath: string, now: number): string {
  if (existsSync(`${dbPath}-wal`) || existsSync(`${mergingPathOf(dbPath)}-wal`)) {
    throw new Error(`Another program has ${dbPath} open (its -wal file is there): close it (Kaunter, or a \`kaunter\` command), then merge again.`);
  }
  const kept = keptPathOf(dbPath, now);
  syncFile(mergingPathOf(dbPath));
  linkSync(dbPath, kept);
  syncFolder(dirname(dbPath));
  renameSync(mergingPathOf(dbPath), dbPath);
  syncFolder(dirname(dbPath));
  return kept;
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A folder's names reach the disk once it is synced. Windows cannot open a folder for that; NTFS logs the names. */
function syncFolder(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
