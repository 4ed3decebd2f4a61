// CSV from a command: to standard output, or with --out into a file readable by its owner only, saying once on stderr
// what it wrote (and, where a person watches a terminal, how far it has got). The --out file appears whole or not at
// all: an export that fails (a full disk, a folder it may not write to, Ctrl+C) leaves whatever was there before.
import type { Writable } from 'node:stream';
import { pendingPrivateFile, SymlinkRefusedError, type PendingFile } from '../private-files.ts';
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
  let file: PendingFile;
  try {
    file = pendingPrivateFile(outPath);
  } catch (error) {
    throw exportFailed(outPath, error);
  }
  // Stopped from the keyboard or by a service manager: the half-written temporary file goes too.
  const onSignal = (signal: NodeJS.Signals): void => {
    file.discard();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const rows = await write(file.out);
    await file.commit();
    return rows;
  } catch (error) {
    file.discard();
    throw exportFailed(outPath, file.error ?? error);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
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
  const code = (error as NodeJS.ErrnoException).code;
  const why = code && WHY[code] ? `${WHY[code]} (${code})` : error instanceof Error ? error.message : String(error);
  return new ExportFileError(outPath, why);
}

export class ExportFileError extends Error {
  constructor(
    readonly path: string,
    why: string,
  ) {
    super(`The export to ${path} failed: ${why}. ${path} is as it was before; choose another --out, or fix that and run the command again.`);
    this.name = 'ExportFileError';
  }
}
