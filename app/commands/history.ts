// `kaunter history`: the award history, as a table, one JSON array (--json) or CSV for Excel (--csv).
import { once } from 'node:events';
import type { Command } from 'commander';
import { exportCsv } from '../awards/export.ts';
import { historyJsonItem } from '../awards/history-json.ts';
import { historyPage, type HistoryFilter } from '../awards/history.ts';
import { attemptsOf } from '../awards/records.ts';
import { SHOP_UTC_OFFSET_MINUTES } from '../common/shop-time.ts';
import type { Db } from '../store/database.ts';
import { addDeskOptions, openDb, type DeskCommandOptions } from './desk.ts';
import { awardLine } from './format.ts';
import { writeCsv } from './csv-out.ts';
import { addHistoryFilterOptions, filterFrom, type HistoryFilterOptions } from './history-filters.ts';

interface HistoryOptions extends DeskCommandOptions, HistoryFilterOptions {}

export function registerHistoryCommand(program: Command): void {
  const command = addHistoryFilterOptions(
    program.command('history').description('Show award history, newest first; filter it; print it as JSON or CSV.'),
  );
  addDeskOptions(command).action((options: HistoryOptions) => runHistory(options));
}

async function runHistory(options: HistoryOptions): Promise<void> {
  if (options.json && options.csv) throw new Error('Choose one of --json and --csv.');
  const filter = filterFrom(options);
  const db = openDb(options);
  try {
    if (options.csv) await printCsv(db, filter, options.out);
    else if (options.json) await printJson(db, filter);
    else printTable(db, filter, Number(options.limit));
  } finally {
    db.close();
  }
}

function printTable(db: Db, filter: HistoryFilter, limit: number): void {
  const page = historyPage(db, filter, null, Number.isFinite(limit) && limit > 0 ? limit : 50);
  for (const award of page.items) console.log(awardLine(award));
  if (page.nextCursor) console.log('(more: narrow the filter, or use --json / --csv for everything)');
}

/** One JSON array, written page by page so a year of awards never sits in memory at once. */
async function printJson(db: Db, filter: HistoryFilter): Promise<void> {
  let cursor: string | null = null;
  let first = true;
  process.stdout.write('[');
  do {
    const page = historyPage(db, filter, cursor, 500);
    for (const award of page.items) {
      const item = historyJsonItem(award, attemptsOf(db, award.id));
      if (!process.stdout.write(`${first ? '' : ','}${JSON.stringify(item)}`)) await once(process.stdout, 'drain');
      first = false;
    }
    cursor = page.nextCursor;
  } while (cursor);
  process.stdout.write(']\n');
}

function printCsv(db: Db, filter: HistoryFilter, outPath: string | undefined): Promise<void> {
  return writeCsv(outPath, (out, onProgress) => exportCsv(db, filter, out, { utcOffsetMinutes: SHOP_UTC_OFFSET_MINUTES, ...(onProgress ? { onProgress } : {}) }));
}
