// The --json / --csv export of `kaunter history`, `kaunter shifts` and `kaunter hub history`: the checks of what was
// asked for, and the JSON array written page by page. Pure (no database here), so the hub can use it too.
import { once } from 'node:events';
import type { Writable } from 'node:stream';

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
  out.write('[');
  do {
    const page = await nextPage(cursor);
    for (const item of page.items) {
      if (!out.write(`${written === 0 ? '' : ','}${JSON.stringify(item)}`)) await once(out, 'drain');
      written += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  out.write(']\n');
  return written;
}
