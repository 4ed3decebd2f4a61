// CSV export at the hub: the counter's columns (the same Excel-safe cells) with the outlet and terminal in front,
// streamed with progress, so memory stays flat for any number of rows.
import type { Writable } from 'node:stream';
import { CSV_HEADER, csvLine, csvRow, text, writeChunk } from '../app/awards/export.ts';
import { inTransaction, type Client, type Pool } from './db/pool.ts';
import { HISTORY_SELECT, hubWhere, toHubAward, type HubFilter, type HubHistoryRow, type Scope } from './history.ts';
import { SHOP_UTC_OFFSET_MINUTES } from '../app/common/shop-time.ts';

const FETCH_ROWS = 1_000;
/**
 * The outlet and terminal as head office names them, then the counter's columns, whose "Terminal" is the counter's own
 * terminal ID: named apart, so that a spreadsheet reading columns by their header keeps both.
 */
export const HUB_CSV_HEADER = ['Outlet', 'Terminal', ...CSV_HEADER.map((name) => (name === 'Terminal' ? 'Terminal ID' : name))];

/** How many awards the filter finds: for a page's "of N", and counted in an export's own snapshot. */
export async function countHubHistory(db: Pool | Client, filter: HubFilter, scope: Scope): Promise<number> {
  const where = hubWhere(filter, scope);
  const row = await db.query<{ n: string | number }>(`SELECT COUNT(*)::bigint AS n FROM awards a ${where.sql}`, where.params);
  return Number(row.rows[0]?.n ?? 0);
}

/**
 * What an export tells its caller: how many rows it will write, counted in the export's own snapshot before its first
 * byte (an award pushed meanwhile is in neither the count nor the rows, so progress never passes its total), and
 * its progress.
 */
export interface ExportWatch {
  onTotal?: (total: number) => void | Promise<void>;
  onProgress?: (done: number, total: number) => void;
}

/**
 * One server-side cursor in a read-only snapshot: a single index scan however many rows, the same rows a page-by-page
 * read would give, and memory bounded by one fetch.
 */
export async function exportHubCsv(pool: Pool, filter: HubFilter, scope: Scope, out: Writable, watch: ExportWatch = {}): Promise<number> {
  const where = hubWhere(filter, scope);
  return inTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const counting = watch.onTotal !== undefined || watch.onProgress !== undefined;
    const total = counting ? await countHubHistory(client, filter, scope) : 0;
    await watch.onTotal?.(total);
    await client.query(`DECLARE hub_export NO SCROLL CURSOR FOR ${HISTORY_SELECT} ${where.sql} ORDER BY a.created_at DESC, a.id DESC`, where.params);
    await writeChunk(out, `\uFEFF${csvLine(HUB_CSV_HEADER)}`);
    let done = 0;
    for (;;) {
      const rows = (await client.query<HubHistoryRow>(`FETCH ${FETCH_ROWS} FROM hub_export`)).rows;
      if (rows.length === 0) break;
      const lines = rows.map((row) => {
        const award = toHubAward(row);
        return csvLine([text(award.outlet), text(award.terminal), ...csvRow(award, SHOP_UTC_OFFSET_MINUTES)]);
      });
      await writeChunk(out, lines.join(''));
      done += rows.length;
      watch.onProgress?.(done, total);
    }
    return done;
  });
}
