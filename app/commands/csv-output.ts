// CSV from a command: to standard output, or with --out into a file readable by its owner only, saying once on stderr
// what it wrote (and, where a person watches a terminal, how far it has got). The --out file appears whole or not at
// all: an export that fails (a full disk, a folder it may not write to, Ctrl+C) leaves whatever was there before.
// --out naming a folder, a device, a named pipe or a socket is refused before a row is read.
import type { Writable } from 'node:stream';
import { NotAFileError, pendingPrivateFile, SymlinkRefusedError, type PendingFile } from '../private-files.ts';
import { counted } from './format.ts';

export type Progress = (done: number, total: number) => void;
type Write = (out: Writable, progress: Progress | undefined) => Promise<number>;

/** `noun` is one of what the rows are ("award"): the closing line counts them in words, "1 award", "3 awards". */
export async function printCsv(outPath: string | undefined, noun: string, write: Write): Promise<void> {
  if (!outPath) {
    await write(process.stdout, undefined);
    return;
  }
  // Progress only where a person watches it: on a terminal, redrawn in place; never in a redirected log.
  const progress = process.stderr.isTTY ? (done: number, total: number) => void process.stderr.write(`\r\x1b[Kexported ${done} of ${total}`) : undefined;
  const rows = await writeWhole(outPath, (out) => write(out, progress));
  process.stderr.write(`${progress ? '\r\x1b[K' : ''}exported ${counted(rows, noun)} to ${outPath}\n`);
}

async function writeWhole(outPath: string, write: (out: Writable) => Promise<number>): Promise<number> {
  let file: PendingFile | undefined;
  // Stopped from the keyboard or by a service manager: the half-written temporary file goes too. Listened for before
  // that file is made, so a stop that comes as it is made cannot leave it behind.
  const onSignal = (signal: NodeJS.Signals): void => {
    file?.discard();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const opened = openPending(outPath);
    file = opened;
    try {
      const rows = await write(opened.out);
      await opened.commit();
      return rows;
    } catch (error) {
      opened.discard();
      throw exportFailed(outPath, (await opened.failure()) ?? error);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function openPending(outPath: string): PendingFile {
  try {
    return pendingPrivateFile(outPath);
  } catch (error) {
    throw exportFailed(outPath, error);
  }
}

const WHY: Readonly<Record<string, string>> = {
  EACCES: 'this user may not write to that folder',
  EPERM: 'this user may not write to that folder',
  ENOENT: 'that folder does not exist',
  ENOTDIR: 'that folder does not exist',
  ENOSPC: 'the disk is full',
  EDQUOT: "the user's disk quota is full",
  EFBIG: 'the file grew larger than this system allows',
  EROFS: 'the disk is read-only',
  EISDIR: 'that is a folder: give a file name in it',
};

/** What went wrong, for the person who gave --out, and that the file they named is as it was. */
function exportFailed(outPath: string, error: unknown): Error {
  if (error instanceof SymlinkRefusedError) return error;
  if (error instanceof NotAFileError) return new OutNotAFileError(outPath, error.found);
  const code = (error as NodeJS.ErrnoException).code;
  const why = code && WHY[code] ? `${WHY[code]} (${code})` : error instanceof Error ? error.message : String(error);
  return new ExportFileError(outPath, why);
}

export class ExportFileError extends Error {
  readonly path: string;
  constructor(
    path: string,
    why: string,
  ) {
    super(`The export to ${path} failed: ${why}. ${path} is as it was before; choose another --out, or fix that and run the command again.`);
    this.path = path;
    this.name = 'ExportFileError';
  }
}

/** --out names something that is not a file; renamed over, /dev/null (run as root) would have become the export. */
export class OutNotAFileError extends Error {
  readonly path: string;
  constructor(
    path: string,
    found: string,
  ) {
    super(`--out ${path} is ${found}, not a file: name a file to write, or leave out --out to print to the screen.`);
    this.path = path;
    this.name = 'OutNotAFileError';
  }
}
