// History at the hub on 5,000,000 awards over 500 outlets (1,500 terminals, a year), generated once into a cached
// PostgreSQL data folder: filtered pages (p95 < 20 ms each), a year of day totals per outlet (p95 < 100 ms), and the
// CSV export's memory (peak heap for 10x the rows < 1.5x), and a counter's receipt check (a receipt taken to the next
// till) found and not found, p95 < 5 ms. The baseline for query ratios is a primary-key lookup of one
// award over the same pool, measured in the same run.
//   node test/bench/hub-history.bench.ts [--quick] [--out-dir <dir>]
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { hubTotals } from '../../hub/totals.ts';
import { exportHubCsv } from '../../hub/export.ts';
import { earlierOnReceipt } from '../../hub/receipts.ts';
import { ALL_OUTLETS, hubHistoryPage, type HubFilter, type Scope } from '../../hub/history.ts';
import { migrate } from '../../hub/db/migrate.ts';
import { openPool, type Client, type Pool } from '../../hub/db/pool.ts';
import { parseBenchArgs } from './lib/args.ts';
import { printTable } from './lib/format.ts';
import { startBenchPostgres } from './lib/hub-bench.ts';
import { collectGarbage, startMemorySampler } from './lib/memory-sampler.ts';
import { BenchReport, runBenchmark } from './lib/report.ts';
import { summarize } from './lib/stats.ts';
import { startEmbeddedPostgres } from '../fixtures/postgres.ts';

const DAY_MS = 86_400_000;
const YEAR_START = Date.UTC(2025, 11, 31, 16); // 2026-01-01 00:00 in Malaysia
const FIXTURE_VERSION = 1;

interface Sizes {
  awards: number;
  outlets: number;
  runs: number;
}

runBenchmark(async () => {
  const args = parseBenchArgs(process.argv.slice(2));
  const report = new BenchReport('hub-history', args);
  const sizes: Sizes = args.quick ? { awards: 20_000, outlets: 20, runs: 10 } : { awards: 5_000_000, outlets: 500, runs: 60 };
  report.size('awards', sizes.awards);
  report.size('outlets', sizes.outlets);
  report.size('terminals', sizes.outlets * 3);
  report.size('runsPerQuery', sizes.runs);
  // The 5,000,000 awards take minutes to make: they are kept in a PostgreSQL data folder in the output folder (like the
  // counter's history fixture), which the `postgres` OS user can reach when the benchmark runs as root.
  const cacheDir = resolve(args.outDir, `hub-history-v${FIXTURE_VERSION}-${sizes.awards}`);
  const postgres = args.quick ? await startBenchPostgres() : await startEmbeddedPostgres({ fsync: true, dataParent: cacheDir });
  const url = new URL(postgres.url);
  url.pathname = '/kaunter_history';
  const admin = openPool(postgres.url, 1);
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = 'kaunter_history'")).rowCount === 1;
  await admin.end();
  if (!exists) {
    const setup = openPool(postgres.url, 1);
    await setup.query('CREATE DATABASE kaunter_history');
    await setup.end();
  }
  const pool = openPool(url.toString(), 4);
  try {
    const generated = await ensureFixture(pool, sizes);
    report.note(generated ? `generated the fixture in this run (${(generated / 1000).toFixed(0)} s)` : `fixture reused from ${args.quick ? 'this run' : cacheDir}`);
    const count = Number((await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM awards')).rows[0]?.n);
    report.check('awards in the fixture', sizes.awards, count);

    const sample = (await pool.query<{ id: string; member_id: string; receipt_ref: string; phone_number: string }>(
      "SELECT id, member_id, receipt_ref, (SELECT phone_number FROM awards WHERE phone_number IS NOT NULL LIMIT 1) AS phone_number FROM awards WHERE member_id IS NOT NULL LIMIT 1",
    )).rows[0];
    if (!sample) throw new Error('empty fixture');
    const outlet = 'Outlet 0042'.replace('0042', String(Math.min(42, sizes.outlets - 1)).padStart(4, '0'));
    const month = { fromMs: YEAR_START + 120 * DAY_MS, toMs: YEAR_START + 150 * DAY_MS };
    const cases: Array<[string, HubFilter]> = [
      ['no filter', {}],
      ['outlet', { outlet }],
      ['outlet + terminal', { outlet, terminal: 'Till 2' }],
      ['state UNKNOWN (all outlets)', { states: ['UNKNOWN'] }],
      ['outlet + a month', { outlet, ...month }],
      ['a month (all outlets)', month],
      ['cashier + outlet', { outlet, cashier: 'Cashier 3' }],
      ['member ID', { member: sample.member_id }],
      ['last phone digits', { member: sample.phone_number.slice(-6) }],
      ['receipt', { receipt: sample.receipt_ref }],
    ];

    const pk = await timeRuns(sizes.runs, () => pool.query('SELECT id, state FROM awards WHERE id = $1', [sample.id]));
    report.figure('primary-key lookup p95 (baseline)', pk.p95Ms, 'ms');
    const rows: Array<[string, number, number, number]> = [['primary-key lookup (baseline)', pk.p50Ms, pk.p95Ms, 1]];
    let worst = 0;
    for (const [name, filter] of cases) {
      const page = await timeRuns(sizes.runs, () => hubHistoryPage(pool, filter, ALL_OUTLETS, null, 100));
      const first = await hubHistoryPage(pool, filter, ALL_OUTLETS, null, 100);
      rows.push([`page: ${name}`, page.p50Ms, page.p95Ms, first.items.length]);
      report.figure(`page p95: ${name}`, page.p95Ms, 'ms');
      worst = Math.max(worst, page.p95Ms);
    }
    const deep = await deepCursor(pool, { outlet }, 50);
    if (deep) {
      const next = await timeRuns(sizes.runs, () => hubHistoryPage(pool, { outlet }, ALL_OUTLETS, deep, 100));
      rows.push(['page 51 by cursor: outlet', next.p50Ms, next.p95Ms, 100]);
      report.figure('page p95: page 51 by cursor (outlet)', next.p95Ms, 'ms');
      worst = Math.max(worst, next.p95Ms);
    }
    report.figure('worst filtered page p95', worst, 'ms');
    report.ratio('worst page p95 / primary-key lookup p95', 'worst filtered page p95', 'primary-key lookup p95 (baseline)');
    report.goal('every filtered page p95 < 20 ms', 'worst filtered page p95', '<', 20);

    const year = { fromMs: YEAR_START, toMs: YEAR_START + 365 * DAY_MS };
    const dayTotals = await timeRuns(sizes.runs, () => hubTotals(pool, { ...year, outlet }, ALL_OUTLETS, 'day'));
    const outletTotals = await timeRuns(Math.max(5, sizes.runs / 4), () => hubTotals(pool, year, ALL_OUTLETS, 'outlet'));
    const days = (await hubTotals(pool, { ...year, outlet }, ALL_OUTLETS, 'day')).length;
    rows.push(['a year of day totals, one outlet', dayTotals.p50Ms, dayTotals.p95Ms, days]);
    rows.push(['a year of totals per outlet, all outlets', outletTotals.p50Ms, outletTotals.p95Ms, sizes.outlets]);
    report.figure('year of day totals per outlet p95', dayTotals.p95Ms, 'ms');
    report.figure('year of totals per outlet (all outlets) p95', outletTotals.p95Ms, 'ms');
    report.ratio('year of day totals p95 / primary-key lookup p95', 'year of day totals per outlet p95', 'primary-key lookup p95 (baseline)');
    report.goal('a year of day totals per outlet p95 < 100 ms', 'year of day totals per outlet p95', '<', 100);
    const receipt = await receiptChecks(pool, outlet, sizes.runs);
    rows.push(['receipt check: found at another till', receipt.found.p50Ms, receipt.found.p95Ms, 1]);
    rows.push(['receipt check: not found', receipt.notFound.p50Ms, receipt.notFound.p95Ms, 0]);
    report.figure('receipt check found p95', receipt.found.p95Ms, 'ms');
    report.figure('receipt check not found p95', receipt.notFound.p95Ms, 'ms');
    report.ratio('receipt check found p95 / primary-key lookup p95', 'receipt check found p95', 'primary-key lookup p95 (baseline)');
    report.ratio('receipt check not found p95 / primary-key lookup p95', 'receipt check not found p95', 'primary-key lookup p95 (baseline)');
    report.goal('a receipt check p95 < 5 ms (found)', 'receipt check found p95', '<', 5);
    report.goal('a receipt check p95 < 5 ms (not found)', 'receipt check not found p95', '<', 5);
    printTable(`Queries, ${sizes.runs} runs each (ms)`, ['query', 'p50', 'p95', 'rows'], rows);

    // 10 days and 100 days: both long enough for V8's old generation to reach the size at which it collects, so the
    // comparison is about what the export keeps, not about when the collector happens to run.
    const small = { fromMs: YEAR_START + 200 * DAY_MS, toMs: YEAR_START + 210 * DAY_MS };
    const large = { fromMs: YEAR_START + 200 * DAY_MS, toMs: YEAR_START + 300 * DAY_MS };
    const one = await exportPeak(pool, small, ALL_OUTLETS);
    const ten = await exportPeak(pool, large, ALL_OUTLETS);
    report.check('the larger export has about 10x the rows', true, ten.rows >= 9 * one.rows && ten.rows <= 11 * one.rows);
    report.figure('export rows (10 days)', one.rows, 'rows');
    report.figure('export rows (100 days)', ten.rows, 'rows');
    report.figure('export peak heap growth, 10 days', one.peakHeapMb, 'MB');
    report.figure('export peak heap growth, 100 days', ten.peakHeapMb, 'MB');
    report.figure('export throughput, 100 days', ten.rows / ten.seconds, 'rows/s');
    report.ratio('export peak heap growth, 10x rows / 1x', 'export peak heap growth, 100 days', 'export peak heap growth, 10 days', { atMost: 1.5 });
    printTable('CSV export (streamed to a discarding stream)', ['range', 'rows', 'seconds', 'peak heap growth MB'], [
      ['10 days, all outlets', one.rows, one.seconds, one.peakHeapMb],
      ['100 days, all outlets', ten.rows, ten.seconds, ten.peakHeapMb],
    ]);
    report.note('Fixture: awards only (history, totals and export read no events); made with generate_series with the totals trigger off and the totals summed once, indexes built after the load.');
    report.finish();
  } finally {
    await pool.end();
    await postgres.stop();
  }
});

async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<ReturnType<typeof summarize>> {
  for (let i = 0; i < 3; i += 1) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/**
 * Till 2 asks about a receipt Till 1 gave today, and about one nobody gave. The fixture's year may not hold today, so
 * today's award is written in a transaction that is rolled back (with the audit row of the answer): the cached fixture
 * stays as it was.
 */
async function receiptChecks(pool: Pool, outlet: string, runs: number): Promise<Record<'found' | 'notFound', ReturnType<typeof summarize>>> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const tills = (await client.query<{ terminalId: string; outletId: string; name: string }>(
      `SELECT t.id AS "terminalId", t.outlet_id AS "outletId", t.name FROM terminals t JOIN outlets o ON o.id = t.outlet_id
        WHERE o.name = $1 ORDER BY t.name`,
      [outlet],
    )).rows;
    const [till1, till2] = tills;
    if (!till1 || !till2) throw new Error(`${outlet} has fewer than two terminals`);
    await giveTodayOnReceipt(client, till1, 'BENCH-RECEIPT-1');
    const ask = (receiptRef: string) => earlierOnReceipt(client, till2, { receiptRef, sinceMs: 0 });
    const answer = await ask('bench-receipt-1');
    if (answer.earlier?.terminal !== till1.name) throw new Error(`the receipt check did not find Till 1's award: ${JSON.stringify(answer)}`);
    return { found: await timeRuns(runs, () => ask('bench-receipt-1')), notFound: await timeRuns(runs, () => ask('BENCH-RECEIPT-404')) };
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

async function giveTodayOnReceipt(client: Client, till: { terminalId: string; outletId: string }, receiptRef: string): Promise<void> {
  await client.query(
    `INSERT INTO awards (id, terminal_id, outlet_id, terminal_label, created_at, cashier, receipt_ref, amount_sen, member_type,
       member_id, points_preview, state, updated_at, last_event_seq)
     VALUES (gen_random_uuid(), $1, $2, 'till', $3, 'Cashier 1', $4, 1500, 'ID', 'M-1', 15, 'AWARDED', $3, 1)`,
    [till.terminalId, till.outletId, Date.now(), receiptRef],
  );
}

async function deepCursor(pool: Pool, filter: HubFilter, pages: number): Promise<string | null> {
  let cursor: string | null = null;
  for (let i = 0; i < pages; i += 1) {
    const page = await hubHistoryPage(pool, filter, ALL_OUTLETS, cursor, 100);
    if (!page.nextCursor) return null;
    cursor = page.nextCursor;
  }
  return cursor;
}

async function exportPeak(pool: Pool, filter: HubFilter, scope: Scope): Promise<{ rows: number; seconds: number; peakHeapMb: number }> {
  collectGarbage();
  const sampler = startMemorySampler(5);
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const started = performance.now();
  const rows = await exportHubCsv(pool, filter, scope, sink, { onProgress: () => sampler.sample() });
  const seconds = (performance.now() - started) / 1000;
  const peaks = sampler.stop();
  return { rows, seconds, peakHeapMb: Math.max(0.1, peaks.peakHeapMb - peaks.startHeapMb) };
}

/** Makes the fixture if the database does not have it yet; returns how long that took (0 when reused). */
async function ensureFixture(pool: Pool, sizes: Sizes): Promise<number> {
  await migrate(pool);
  const have = Number((await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM awards')).rows[0]?.n);
  if (have === sizes.awards) return 0;
  const started = performance.now();
  console.log(`generating ${sizes.awards} awards over ${sizes.outlets} outlets (once; cached afterwards)...`);
  const client = await pool.connect();
  try {
    await client.query('TRUNCATE awards, award_totals, attempts, award_events, decisions CASCADE');
    await client.query('DELETE FROM terminals');
    await client.query('DELETE FROM outlets');
    await client.query(`INSERT INTO outlets (name) SELECT 'Outlet ' || lpad(i::text, 4, '0') FROM generate_series(0, $1 - 1) i`, [sizes.outlets]);
    await client.query(`INSERT INTO terminals (outlet_id, name) SELECT o.id, 'Till ' || t FROM outlets o, generate_series(1, 3) t`);
    const indexes = (await client.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'awards' AND indexname <> 'awards_pkey'",
    )).rows;
    for (const index of indexes) await client.query(`DROP INDEX ${index.indexname}`);
    await client.query("SET session_replication_role = 'replica'");
    const chunk = 500_000;
    for (let from = 0; from < sizes.awards; from += chunk) {
      const to = Math.min(sizes.awards, from + chunk) - 1;
      await client.query(
        `WITH t AS (SELECT id, outlet_id, row_number() OVER (ORDER BY id) - 1 AS n FROM terminals),
              c AS (SELECT count(*) AS terminals FROM terminals)
         INSERT INTO awards (id, terminal_id, outlet_id, terminal_label, created_at, cashier, receipt_ref, amount_sen, member_type,
           member_id, country_code, phone_number, phone_reversed, points_preview, state, updated_at, last_event_seq)
         SELECT gen_random_uuid(), t.id, t.outlet_id, 'till', $1::bigint + (i::bigint * $2::bigint / $3::bigint), 'Cashier ' || (i % 5),
           'R' || i, 100 + (i * 37) % 20000,
           CASE WHEN i % 2 = 0 THEN 'ID' ELSE 'PHONENUMBER' END,
           CASE WHEN i % 2 = 0 THEN 'M-' || (i % 200000) END,
           CASE WHEN i % 2 = 1 THEN '60' END,
           CASE WHEN i % 2 = 1 THEN '1' || lpad(((i * 7919) % 100000000)::text, 8, '0') END,
           CASE WHEN i % 2 = 1 THEN reverse('1' || lpad(((i * 7919) % 100000000)::text, 8, '0')) END,
           1 + (i % 200),
           CASE WHEN i % 97 = 0 THEN 'UNKNOWN' WHEN i % 41 = 0 THEN 'REJECTED' WHEN i % 53 = 0 THEN 'VOIDED' ELSE 'AWARDED' END,
           $1::bigint + (i::bigint * $2::bigint / $3::bigint) + 1000, 3
         FROM generate_series($4::bigint, $5::bigint) i, c JOIN t ON true
         WHERE t.n = i % c.terminals`,
        [YEAR_START, 365 * DAY_MS, sizes.awards, from, to],
      );
      console.log(`  ${to + 1} awards`);
    }
    await client.query("SET session_replication_role = 'origin'");
    await client.query(
      `INSERT INTO award_totals (day, outlet_id, terminal_id, cashier, state, awards, amount_sen, points)
       SELECT (created_at + 28800000) / 86400000, outlet_id, terminal_id, cashier, state, COUNT(*), SUM(amount_sen), SUM(COALESCE(points_preview, 0))
       FROM awards GROUP BY 1, 2, 3, 4, 5`,
    );
    for (const index of indexes) await client.query(index.indexdef);
    await client.query('ANALYZE');
  } finally {
    client.release();
  }
  return performance.now() - started;
}
