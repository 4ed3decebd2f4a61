// The --json / --csv export of `kaunter history`, `kaunter shifts` and `kaunter hub history`: the checks of what was
// asked for, and the JSON array written page by page. No database here, so the hub can use it too.
import type { Writable } from 'node:stream';
import { writeChunk } from '../awards/export.ts';

export interface ExportOptions {
  json?: boolean;
  csv?: boolean;
  out?: string;
}

/** Refuses an export it cannot make, before anything is written: --out holds the JSON or CSV, never the table. */
export function checkExportOptions(options: ExportOptions): void {
  if (options.json && options.csv) throw new Error('Choose one of --json and --csv.');
  if (options.out !== undefined && !options.json && !options.csv) throw new Error('--out writes the --json or --csv output: add one of them.');
}

/** One page of JSON items, and where the next page starts (null: this was the last). */
export interface JsonPage {
  items: unknown[];
  nextCursor: string | null;
}

/**
 * One JSON array, asked for and written a page at a time so a year of rows never sits in memory at once. Goes where
 * CSV goes (standard output or the --out file), so it returns how many items it wrote for the closing line.
 */
export async function writeJsonPages(out: Writable, nextPage: (cursor: string | null) => JsonPage | Promise<JsonPage>): Promise<number> {
  let cursor: string | null = null;
  let written = 0;
  await writeChunk(out, '[');
  do {
    const page = await nextPage(cursor);
    for (const item of page.items) {
      await writeChunk(out, `${written === 0 ? '' : ','}${JSON.stringify(item)}`);
      written += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  await writeChunk(out, ']\n');
  return written;
}
