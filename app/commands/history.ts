// `kaunter history`: the award history, as a table, one JSON array (--json) or CSV for Excel (--csv).
import type { Command } from 'commander';
import { exportCsv } from '../awards/export.ts';
import { historyJsonItem } from '../awards/history-json.ts';
import { historyPage, MAX_PAGE_SIZE } from '../awards/history.ts';
import type { HistoryFilter } from '../awards/history-filter.ts';
import { attemptsOf } from '../awards/records.ts';
import { SHOP_UTC_OFFSET_MINUTES } from '../common/shop-time.ts';
import type { Db } from '../store/database.ts';
import { printCsv } from './csv-output.ts';
import { addDeskOptions, openDb, type DeskCommandOptions } from './desk.ts';
import { checkExportOptions, writeJsonPages, type JsonPage } from './export-output.ts';
import { awardLine, parseLimitOption } from './format.ts';
import { addHistoryFilterOptions, filterFrom, type HistoryFilterOptions } from './history-filters.ts';

interface HistoryOptions extends DeskCommandOptions, HistoryFilterOptions {}

export function registerHistoryCommand(program: Command): void {
  const command = addHistoryFilterOptions(
    program.command('history').description('Show award history, newest first; filter it; print it as JSON or CSV.'),
  );
  addDeskOptions(command).action((options: HistoryOptions) => runHistory(options));
}

async function runHistory(options: HistoryOptions): Promise<void> {
  checkExportOptions(options);
  const filter = filterFrom(options);
  const db = openDb(options, 'history');
  try {
    if (options.csv) await printCsv(options.out, 'award', (out, onProgress) => exportCsv(db, filter, out, { utcOffsetMinutes: SHOP_UTC_OFFSET_MINUTES, ...(onProgress ? { onProgress } : {}) }));
    else if (options.json) await printCsv(options.out, 'award', (out) => writeJsonPages(out, (cursor) => jsonPage(db, filter, cursor)));
    else printTable(db, filter, parseLimitOption(options.limit, MAX_PAGE_SIZE));
  } finally {
    db.close();
  }
}

function printTable(db: Db, filter: HistoryFilter, limit: number): void {
  const page = historyPage(db, filter, null, limit);
  for (const award of page.items) console.log(awardLine(award));
  if (page.nextCursor) console.log('(more: narrow the filter, or use --json / --csv for everything)');
}

/** One page of `--json`: each award with its attempts. */
function jsonPage(db: Db, filter: HistoryFilter, cursor: string | null): JsonPage {
  const page = historyPage(db, filter, cursor, MAX_PAGE_SIZE);
  return { items: page.items.map((award) => historyJsonItem(award, attemptsOf(db, award.id))), nextCursor: page.nextCursor };
}
