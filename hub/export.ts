// CSV export at the hub: the counter's columns (the same Excel-safe cells) with the outlet and terminal in front,
// streamed page by page with progress, so memory stays flat for any number of rows.
import type { Writable } from 'node:stream';
import { CSV_HEADER, csvLine, csvRow, text, writeChunk } from '../app/awards/export.ts';
import type { Pool } from './db/pool.ts';
import { hubHistoryPage, hubWhere, type HubFilter, type Scope } from './history.ts';

const MALAYSIA_OFFSET_MINUTES = 480;
const PAGE = 500;

export async function countHubHistory(pool: Pool, filter: HubFilter, scope: Scope): Promise<number> {
  const where = hubWhere(filter, scope);
  const row = await pool.query<{ n: number }>(`SELECT COUNT(*)::bigint AS n FROM awards a ${where.sql}`, where.params);
  return row.rows[0]?.n ?? 0;
}

export async function exportHubCsv(
  pool: Pool,
  filter: HubFilter,
  scope: Scope,
  out: Writable,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const total = onProgress ? await countHubHistory(pool, filter, scope) : 0;
  await writeChunk(out, `\uFEFF${csvLine(['Outlet', 'Terminal', ...CSV_HEADER])}`);
  let cursor: string | null = null;
  let done = 0;
  do {
    const page = await hubHistoryPage(pool, filter, scope, cursor, PAGE);
    const lines = page.items.map((award) => csvLine([text(award.outlet), text(award.terminal), ...csvRow(award, MALAYSIA_OFFSET_MINUTES)]));
    await writeChunk(out, lines.join(''));
    done += page.items.length;
    onProgress?.(done, Math.max(total, done));
    cursor = page.nextCursor;
  } while (cursor);
  return done;
}
