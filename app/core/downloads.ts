// A report for the shop (a CSV export) written into the user's Downloads folder by the core, whichever host runs it:
// readable by this user only, named with the shop's time, and never written over an existing file.
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { privateWriteStream } from '../private-files.ts';
import { SHOP_OFFSET_MS } from '../common/shop-time.ts';

export interface Download {
  path: string;
  rows: number;
}

/** Writes `<name>-<shop time>.csv` (or `-2`, `-3`... when that name is taken) with what `write` puts in it. */
export async function writeDownload(dir: string, name: string, now: number, write: (out: Writable) => Promise<number>): Promise<Download> {
  await mkdir(dir, { recursive: true });
  const stamp = new Date(now + SHOP_OFFSET_MS).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const { path, out } = freshFile(join(dir, `${name}-${stamp}`));
  try {
    const rows = await write(out);
    out.end();
    await once(out, 'finish');
    return { path, rows };
  } catch (error) {
    out.destroy();
    throw error;
  }
}

function freshFile(base: string): { path: string; out: Writable } {
  // Two exports in the same second (a double click) get `-2`, `-3`, never each other's file.
  for (let copy = 1; ; copy += 1) {
    const path = `${base}${copy === 1 ? '' : `-${copy}`}.csv`;
    try {
      return { path, out: privateWriteStream(path, 'wx') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || copy >= 100) throw error;
    }
  }
}
