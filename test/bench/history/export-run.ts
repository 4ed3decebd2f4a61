// One CSV export to a file through the app's exportCsv, timed, with memory sampled while it runs; and the bare read of
// the same rows it is compared with.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { exportCsv } from '../../../app/awards/export.ts';
import { countHistory, whereOf } from '../../../app/awards/history.ts';
import type { HistoryFilter } from '../../../app/awards/history-filter.ts';
import { AWARD_COLUMNS } from '../../../app/awards/records.ts';
import type { Db } from '../../../app/store/database.ts';
import { collectGarbage, startMemorySampler, type MemoryPeaks } from '../lib/memory-sampler.ts';

export interface ExportRun {
  rows: number;
  expectedRows: number;
  csvLines: number;
  seconds: number;
  rowsPerSecond: number;
  fileMb: number;
  memory: MemoryPeaks;
}

export async function timedExport(db: Db, filter: HistoryFilter, file: string): Promise<ExportRun> {
  const expectedRows = countHistory(db, filter);
  collectGarbage();
  const sampler = startMemorySampler(5);
  const out = createWriteStream(file);
  const started = performance.now();
  const rows = await exportCsv(db, filter, out, { utcOffsetMinutes: 480, onProgress: () => sampler.sample() });
  out.end();
  await once(out, 'finish');
  const seconds = (performance.now() - started) / 1000;
  const memory = sampler.stop();
  return { rows, expectedRows, csvLines: await countLines(file), seconds, rowsPerSecond: rows / seconds, fileMb: statSync(file).size / 1024 / 1024, memory };
}

/** Reading the same rows in the same order with nothing done to them: the floor an export is compared with. */
export function bareReadRowsPerSecond(db: Db, filter: HistoryFilter): number {
  const where = whereOf(filter);
  const statement = db.prepare(`SELECT ${AWARD_COLUMNS} FROM awards ${where.sql} ORDER BY created_at, seq`);
  const started = performance.now();
  let rows = 0;
  for (const _row of statement.iterate(where.params)) rows += 1;
  return rows / ((performance.now() - started) / 1000);
}

/** CSV records end in CRLF; counting them checks that every row (and the header) reached the file. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines += 1;
  }
  return lines;
}
