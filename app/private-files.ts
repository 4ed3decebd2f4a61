// Kaunter's files hold the shop's award history, its members' phone numbers and its settings: only the OS user who runs
// Kaunter may read them. Folders are made 0700 and files 0600 when they are created, before their first byte, whatever
// the umask; files from an install made before this rule are narrowed again at every start. SQLite gives its -wal,
// -shm and journal files the mode of the database file, so creating that file first is enough for all of them.
// Windows decides access by the profile folder's ACL, not by these modes, so nothing is changed there.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  createWriteStream,
  existsSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Dirent,
  type Stats,
  type WriteStream,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isRunning } from './process-running.ts';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';
const STICKY_BIT = 0o1000;
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Creates the folder (and any missing parents) for this user only. An existing folder is left as it is. Each level is
 * made on its own: Node 24's recursive mkdirSync spins for ever, at full CPU, where mkdir answers ENOENT under a parent
 * that exists (`kaunter keys generate --out /proc/keys` hung so).
 */
export function makePrivateFolder(path: string): void {
  const parent = dirname(path);
  // A parent that is a file is left for mkdir to refuse (ENOTDIR), as recursive mkdir did.
  if (parent !== path && !existsSync(parent)) makePrivateFolder(parent);
  try {
    mkdirSync(path, { mode: PRIVATE_FOLDER_MODE });
  } catch (error) {
    // Made meanwhile by another process, or there already: as recursive mkdir, that is success.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !isFolder(path)) throw error;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Kaunter's data folder: created for this user only, or narrowed to that, with the files `isOurs` names. A folder this
 * user does not own, or a shared one with the sticky bit (someone may point KAUNTER_DATA_DIR at /tmp), is left as it
 * is, and so are files that are not Kaunter's.
 */
export function securePrivateFolder(path: string, isOurs: (fileName: string) => boolean): void {
  makePrivateFolder(path);
  const folder = lstatSync(path);
  if (POSIX && folder.uid === process.getuid?.() && (folder.mode & STICKY_BIT) === 0) narrow(path, PRIVATE_FOLDER_MODE);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isFile() && isOurs(entry.name)) narrow(join(path, entry.name), PRIVATE_FILE_MODE);
  }
}

/** Creates the file empty for this user only, or narrows an existing one, before anything is written to it. */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  narrow(path, PRIVATE_FILE_MODE);
}

/** Narrows the file to this user if it exists (a database's -wal or -shm left by an older install). */
export function narrowIfPresent(path: string): void {
  try {
    narrow(path, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Creates a new file with `mode` from its creation and opens it for writing: never one already there (O_EXCL: EEXIST),
 * never through a symbolic link in its place (O_NOFOLLOW: nothing to race between a check and the open).
 */
export function createNewPrivateFile(path: string, mode: number = PRIVATE_FILE_MODE): number {
  return openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, mode);
}

/** A stream to a new file only this user can read (createNewPrivateFile: never one already there, nor a link). */
function newPrivateWriteStream(path: string): WriteStream {
  const fd = createNewPrivateFile(path);
  try {
    if (POSIX) fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  // flush: the file is fsynced before it is closed, so a file renamed into place once closed is on the disk whole.
  return createWriteStream(path, { fd, flush: true });
}

/**
 * A file that appears whole or not at all. It is written to a temporary file beside it (the same folder, so the
 * rename is one step on one disk), for this user only, and `commit` puts it in place once every byte is on the disk;
 * until then `path` holds what it held before. A full disk, a write error or a process killed mid-way can no longer
 * leave at `path` a file that looks finished but lacks its last rows; `discard` removes the temporary file.
 * A symbolic link at `path` is refused, as everywhere Kaunter writes, and so is anything else but a file: renamed over,
 * a device such as /dev/null (run as root) or a named pipe would be replaced by the export.
 */
export interface PendingFile {
  readonly out: WriteStream;
  commit(): Promise<void>;
  discard(): void;
  /**
   * Once the stream has closed (after `commit` or `discard`), the error it met while writing, if any: the cause, where a
   * writer sees only that the stream closed. A file stream reports a failed write only after closing its descriptor,
   * so a writer can find it closed before the error is known.
   */
  failure(): Promise<Error | null>;
}

export function pendingPrivateFile(path: string): PendingFile {
  refuseAllButAFile(path);
  removeAbandonedFiles(dirname(path), basename(path));
  const temp = unfinishedPathBeside(path);
  const out = newPrivateWriteStream(temp);
  let error: Error | null = null;
  out.on('error', (met: Error) => (error ??= met));
  const closed = new Promise<void>((resolve) => out.once('close', resolve));
  return {
    out,
    async commit() {
      out.end();
      await closed;
      if (error) throw error;
      // Checked again: an export may run for minutes, and what is at `path` may have changed meanwhile.
      refuseAllButAFile(path);
      renameSync(temp, path);
    },
    discard() {
      out.destroy();
      rmSync(temp, { force: true });
    },
    async failure() {
      await closed;
      return error;
    },
  };
}

// A pending file's temporary name says what it is and whose: `<file>.kaunter-unfinished-<pid>-<random>.tmp`. A writer
// killed outright (SIGKILL, the OOM killer) cannot remove its own; a later writer removes it once that pid is gone.
const UNFINISHED = /^(.+)\.kaunter-unfinished-(\d+)-[0-9a-f]{12}\.tmp$/;

function unfinishedPathBeside(path: string): string {
  return `${path}.kaunter-unfinished-${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}

// Housekeeping never stops the write it comes before: what this user may not read or remove is left as it is, and the
// write itself then says what is wrong with the folder.
const LEFT_AS_IT_IS = new Set(['EACCES', 'EPERM', 'ENOENT', 'ENOTDIR']);

/**
 * Removes from `folder` the unfinished files of pending files whose writer no longer runs: those of `fileName`, or
 * without it all of them. One whose writer still runs is kept, whoever that is (EPERM: another user's process). A
 * pid the OS has since given to another process keeps its file too: left, never taken from a writer that runs.
 * Returns the paths those abandoned writes were for.
 */
export function removeAbandonedFiles(folder: string, fileName?: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    if (LEFT_AS_IT_IS.has((error as NodeJS.ErrnoException).code ?? '')) return [];
    throw error;
  }
  const abandoned: string[] = [];
  for (const entry of entries) {
    const unfinished = UNFINISHED.exec(entry.name);
    if (!entry.isFile() || !unfinished?.[1] || (fileName !== undefined && unfinished[1] !== fileName)) continue;
    if (isRunning(Number(unfinished[2]))) continue;
    try {
      rmSync(join(folder, entry.name), { force: true });
      abandoned.push(join(folder, unfinished[1]));
    } catch (error) {
      if (!LEFT_AS_IT_IS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  }
  return abandoned;
}

/** Removes `path` if it is an empty file (never a link, folder or device); one this user may not remove is left. */
export function removeIfEmptyFile(path: string): void {
  try {
    const found = lstatSync(path);
    if (found.isFile() && found.size === 0) rmSync(path);
  } catch (error) {
    if (!LEFT_AS_IT_IS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
}

/** A symbolic link where Kaunter would write a file: refused rather than written through (found in review). */
export class SymlinkRefusedError extends Error {
  readonly path: string;
  constructor(path: string) {
    super(`${path} is a symbolic link. Kaunter does not write through links: remove it, or choose another folder.`);
    this.path = path;
    this.name = 'SymlinkRefusedError';
  }
}

/** Something other than a file where Kaunter would write one: a folder, a device, a named pipe or a socket. */
export class NotAFileError extends Error {
  readonly path: string;
  /** What is there, with its article: "a folder", "a named pipe (FIFO)"... */
  readonly found: string;
  constructor(
    path: string,
    found: string,
  ) {
    super(`${path} is ${found}, not a file: name a file to write.`);
    this.path = path;
    this.found = found;
    this.name = 'NotAFileError';
  }
}

/** Refuses a link (SymlinkRefusedError) or anything but a file (NotAFileError) at `path`; nothing there is fine. */
export function refuseAllButAFile(path: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (stats.isSymbolicLink()) throw new SymlinkRefusedError(path);
  if (!stats.isFile()) throw new NotAFileError(path, whatIsThere(stats));
}

function whatIsThere(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'a device';
}

/**
 * Replaces the file's content all at once: a new temporary file with the final mode from its first byte, fsynced, then
 * renamed over the old one, so a power cut leaves the old file or the new one, never half of one, and the old file's
 * mode is not inherited. A symbolic link in the file's place is refused.
 */
export function replaceFile(path: string, content: string | Buffer, mode: number = PRIVATE_FILE_MODE): void {
  replaceFilesTogether([{ path, content, mode }]);
}

export interface FileContent {
  readonly path: string;
  readonly content: string | Buffer;
  readonly mode?: number;
}

/**
 * replaceFile for files that belong together (a key pair). Every file is written whole to its temporary file before
 * any is renamed, so a link refused, a full disk or a write error leaves every file as it was; should a rename then
 * fail (a folder made there meanwhile, a file in use), the files renamed before it get their old content back. A power
 * cut between two renames can still leave the set part old and part new; once this returns, the folders are fsynced.
 */
export function replaceFilesTogether(files: readonly FileContent[]): void {
  for (const file of files) if (isSymbolicLink(file.path)) throw new SymlinkRefusedError(file.path);
  const temps: string[] = [];
  try {
    for (const file of files) {
      removeAbandonedFiles(dirname(file.path), basename(file.path));
      const mode = file.mode ?? PRIVATE_FILE_MODE;
      const temp = unfinishedPathBeside(file.path);
      temps.push(temp);
      writeWhole(createNewPrivateFile(temp, mode), file.content, mode);
    }
    renameAllOrNone(files, temps);
  } finally {
    // A temporary file renamed into place is gone from its name: force makes that a no-op.
    for (const temp of temps) rmSync(temp, { force: true });
  }
  for (const folder of new Set(files.map((file) => dirname(file.path)))) syncFolder(folder);
}

interface OldContent {
  readonly content: Buffer;
  readonly mode: number;
}

/** What was at a path before: its content, nothing, or something that cannot be read back (and so is not put back). */
type Before = OldContent | 'absent' | 'unreadable';

function renameAllOrNone(files: readonly FileContent[], temps: readonly string[]): void {
  // The last file's old content is never put back: nothing is renamed after it.
  const before = files.slice(0, -1).map((file) => contentNow(file.path));
  for (const [index, file] of files.entries()) {
    try {
      renameSync(temps[index] as string, file.path);
    } catch (error) {
      files.slice(0, index).forEach((earlier, at) => putBack(earlier.path, before[at] ?? 'unreadable'));
      // The rename's error is the one to say: it is why the set was not replaced.
      throw error;
    }
  }
}

function contentNow(path: string): Before {
  try {
    const stats = lstatSync(path);
    // Only a file is read back: reading a named pipe would wait for a writer for ever.
    if (!stats.isFile()) return 'unreadable';
    return { content: readFileSync(path), mode: stats.mode & 0o777 };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'unreadable';
  }
}

function putBack(path: string, before: Before): void {
  try {
    if (before === 'absent') rmSync(path, { force: true });
    else if (before !== 'unreadable') replaceFile(path, before.content, before.mode);
  } catch {
    // Each file is put back on its own, whatever happens to another.
  }
}

/**
 * The renames are done when this runs: a folder this user may not open (write but no read) or a file system without
 * fsync on folders does not make a replacement that happened a failure.
 */
function syncFolder(folder: string): void {
  // Windows cannot open a folder to fsync it, and NTFS journals the rename itself.
  if (!POSIX) return;
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort, as above.
  }
}

/**
 * writeFileSync, not writeSync: on a nearly full disk one write() takes what fits and returns short, and renaming that
 * temporary file would replace a whole file with its first part. writeFileSync writes on, and meets the ENOSPC.
 */
function writeWhole(fd: number, content: string | Buffer, mode: number): void {
  try {
    if (POSIX) fchmodSync(fd, mode);
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

// lstat: a symbolic link is never followed to change the mode of whatever it points at.
function narrow(path: string, mode: number): void {
  if (!POSIX) return;
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return;
  if ((stats.mode & 0o777) !== mode) chmodSync(path, mode);
}
