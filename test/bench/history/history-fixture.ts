// The history benchmark's database: the app's own schema (made by openDatabase, so by the real migrations) filled with
// synthetic awards in one bulk transaction. Cached beside the results and reused while the schema, the generator and
// the size are unchanged (the generator by a hash of its source, so any edit to it makes the file again).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../app/store/database.ts';
import { MIGRATIONS } from '../../../app/store/migrations.ts';
import { INSERT_AWARD, syntheticAwards } from './synthetic-awards.ts';

const GENERATOR_SOURCE = new URL('./synthetic-awards.ts', import.meta.url);

export interface HistoryFixture {
  path: string;
  rows: number;
  /** Seconds spent generating; 0 when the cached file was reused. */
  generatedSeconds: number;
}

interface FixtureStamp {
  schemaVersion: number;
  schemaHash: string;
  generatorHash: string;
  rows: number;
}

export function historyFixture(dir: string, rows: number): HistoryFixture {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `history-${rows}.db`);
  const stampPath = `${path}.stamp.json`;
  const wanted: FixtureStamp = {
    schemaVersion: MIGRATIONS.length,
    schemaHash: createHash('sha256').update(MIGRATIONS.join('\n')).digest('hex'),
    generatorHash: createHash('sha256').update(readFileSync(GENERATOR_SOURCE)).digest('hex'),
    rows,
  };
  if (existsSync(path) && stampMatches(stampPath, wanted) && fileMatches(path, wanted)) {
    console.log(`reusing the cached history database ${path}`);
    return { path, rows, generatedSeconds: 0 };
  }
  console.log(`generating ${rows.toLocaleString('en-US')} awards into ${path} (cached for later runs)`);
  const started = performance.now();
  for (const file of [path, `${path}-wal`, `${path}-shm`, stampPath]) rmSync(file, { force: true });
  openDatabase(path).close();
  fill(path, rows);
  writeFileSync(stampPath, `${JSON.stringify(wanted)}\n`);
  const generatedSeconds = (performance.now() - started) / 1000;
  console.log(`generated in ${generatedSeconds.toFixed(1)} s`);
  return { path, rows, generatedSeconds };
}

function stampMatches(stampPath: string, wanted: FixtureStamp): boolean {
  try {
    return JSON.stringify(JSON.parse(readFileSync(stampPath, 'utf8'))) === JSON.stringify(wanted);
  } catch {
    return false;
  }
}

/** The file itself must agree too: its schema version, and every row present. */
function fileMatches(path: string, wanted: FixtureStamp): boolean {
  const db = new Database(path, { readonly: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const count = (db.prepare('SELECT COUNT(*) AS n FROM awards').get() as { n: number }).n;
    return version === wanted.schemaVersion && count === wanted.rows;
  } finally {
    db.close();
  }
}

/**
 * Bulk load without a journal or syncs (a crash here just means generating again), then back to WAL like the app. No
 * ANALYZE: the app never runs it, so the planner here chooses as it would in a shop.
 */
function fill(path: string, rows: number): void {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1000000');
    const insert = db.prepare(INSERT_AWARD);
    db.transaction(() => {
      for (const values of syntheticAwards(rows)) insert.run(values);
    })();
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}
