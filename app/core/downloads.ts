// A report for the shop (a CSV export) written into the user's Downloads folder by the core, whichever host runs it:
// readable by this user only, named with the shop's time, never written over an existing file, and whole or not there.
import { closeSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { createNewPrivateFile, pendingPrivateFile, removeAbandonedFiles, removeIfEmptyFile } from '../private-files.ts';
import { SHOP_OFFSET_MS } from '../common/shop-time.ts';

export interface Download {
  path: string;
  rows: number;
}

/**
 * Writes `<name>-<shop time>.csv` (or `-2`, `-3`... when that name is taken) with what `write` puts in it. The name is
 * taken first by an empty file, the rows go to a temporary file beside it, and that takes the name's place once every
 * byte is on the disk: a full disk or a failed read leaves nothing, and a killed core an empty file, never a report
 * that looks finished but lacks its last rows. A killed core's temporary file, and the empty file it was for, are
 * removed by the next export: names here carry the time, so no later export is of the same file, and every unfinished
 * file of a core gone is swept.
 */
export async function writeDownload(dir: string, name: string, now: number, write: (out: Writable) => Promise<number>): Promise<Download> {
  await mkdir(dir, { recursive: true });
  // A killed core's name stays taken by the empty file that reserved it, which no report ever filled: it goes too.
  for (const reserved of removeAbandonedFiles(dir)) removeIfEmptyFile(reserved);
  const stamp = new Date(now + SHOP_OFFSET_MS).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const path = takeFreshName(join(dir, `${name}-${stamp}`));
  try {
    const file = pendingPrivateFile(path);
    try {
      const rows = await write(file.out);
      await file.commit();
      return { path, rows };
    } catch (error) {
      file.discard();
      throw (await file.failure()) ?? error;
    }
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
}

function takeFreshName(base: string): string {
  // Two exports in the same second (a double click) get `-2`, `-3`, never each other's file.
  for (let copy = 1; ; copy += 1) {
    const path = `${base}${copy === 1 ? '' : `-${copy}`}.csv`;
    try {
      closeSync(createNewPrivateFile(path));
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || copy >= 100) throw error;
    }
  }
}
