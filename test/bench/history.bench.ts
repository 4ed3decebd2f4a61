// History on a database of 1,000,000 awards: filtered pages, day and cashier totals, a cashier's shift summary, each against a lookup of one award
// by id in the same file; the query plan of every measured query; and CSV export of all rows with its memory, compared
// with an export of a tenth of them to show memory does not grow with the row count.
//   node test/bench/history.bench.ts [--quick] [--out-dir <dir>]
import { join } from 'node:path';
import type { HistoryFilter } from '../../app/awards/history-filter.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { bareReadRowsPerSecond, timedExport, type ExportRun } from './history/export-run.ts';
import { historyFixture } from './history/history-fixture.ts';
import { queryCases, samplePools, type Pools, type QueryCase } from './history/query-cases.ts';
import { printTable } from './lib/format.ts';
import { explain, verdict, type QueryPlan } from './lib/query-plan.ts';
import { runSizedBenchmark, type BenchReport } from './lib/report.ts';
import { recordStatements, shortSql } from './lib/statement-recorder.ts';
import { summarize, type LatencySummary } from './lib/stats.ts';
import { timeSync } from './lib/timing.ts';
import { makeWorkDir } from './lib/work-dir.ts';

const BASELINE = 'findAward by id (baseline)';
// A shift's summary is one row of the manager's Shifts, which shows up to 100: 10 ms each keeps the list within a second.
// The submit check adds to every counter award with a receipt: 1 ms keeps it a small part of a ~3 ms submit.
const GOAL_MS: Partial<Record<QueryCase['kind'], number>> = { page: 10, 'day totals': 50, 'shift summary': 10, 'submit check': 1 };

interface Budget {
  minIterations: number;
  maxIterations: number;
  budgetMs: number;
}

runSizedBenchmark('history', { awards: [20_000, 1_000_000] }, async ({ args, report, sizes: { awards: rows } }) => {
  const budget: Budget = args.quick ? { minIterations: 5, maxIterations: 20, budgetMs: 300 } : { minIterations: 20, maxIterations: 300, budgetMs: 4_000 };
  const fixture = historyFixture(args.outDir, rows);
  report.detail('generatedSeconds', fixture.generatedSeconds);
  report.figure('openDatabase with quick_check', timeSync(() => openDatabase(fixture.path).close()), 'ms');
  const db = openDatabase(fixture.path, { skipIntegrityCheck: true });
  const work = makeWorkDir(args.outDir, 'history');
  try {
    // Exports first, while the process is fresh, so their memory figures carry nothing left over from the queries.
    await measureExports(report, db, rows, work.path);
    const pools = samplePools(db, rows);
    const plans = planOfEachCase(db, pools);
    measureQueries(report, queryCases(db, pools), plans, budget);
    report.note('Pages are historyPage(limit 50); totals use Malaysian time (UTC+8). Parameters rotate through values sampled from the data.');
    report.note('The file holds awards rows only (no attempts or events): every measured query reads the awards table and its indexes alone.');
    report.finish();
  } finally {
    db.close();
    work.remove();
  }
});

/** Runs each case once through a recording handle and explains the statements it ran, with their real parameters. */
function planOfEachCase(db: Db, pools: Pools): Map<string, { sql: string; plan: QueryPlan }[]> {
  const recorder = recordStatements(db);
  const plans = new Map<string, { sql: string; plan: QueryPlan }[]>();
  console.log('\nQuery plans (EXPLAIN QUERY PLAN with the parameters the app bound):');
  for (const entry of queryCases(recorder.db, pools)) {
    const from = recorder.recorded.length;
    entry.run(0);
    const explained = recorder.recorded.slice(from).map((statement) => ({ sql: shortSql(statement.sql, 140), plan: explain(db, statement.sql, statement.params) }));
    plans.set(entry.name, explained);
    for (const { sql, plan } of explained) console.log(`${entry.name}: ${verdict(plan)}\n  ${sql}\n    ${plan.lines.join('\n    ')}`);
  }
  return plans;
}

function measureQueries(report: BenchReport, cases: QueryCase[], plans: Map<string, { sql: string; plan: QueryPlan }[]>, budget: Budget): void {
  const results = cases.map((entry) => ({ entry, summary: sample(entry, budget) }));
  const baseline = results.find((result) => result.entry.name === BASELINE)?.summary as LatencySummary;
  printTable(
    'History queries (ms)',
    ['query', 'runs', 'p50', 'p95', 'p99', 'p50 / baseline', 'plan', 'goal (p95)'],
    results.map(({ entry, summary }) => {
      const goal = GOAL_MS[entry.kind];
      const plan = (plans.get(entry.name) ?? []).map((explained) => verdict(explained.plan)).join('; ');
      return [entry.name, summary.count, summary.p50Ms, summary.p95Ms, summary.p99Ms, summary.p50Ms / baseline.p50Ms, plan, goal === undefined ? '-' : `< ${goal} ms: ${summary.p95Ms < goal ? 'met' : 'NOT met'}`];
    }),
  );
  for (const { entry, summary } of results) {
    report.figure(`${entry.name} p50`, summary.p50Ms, 'ms');
    report.figure(`${entry.name} p95`, summary.p95Ms, 'ms');
    if (entry.name !== BASELINE) report.ratio(`${entry.name} / baseline at p50`, `${entry.name} p50`, `${BASELINE} p50`);
    const goal = GOAL_MS[entry.kind];
    if (goal !== undefined) report.goal(`${entry.name} p95 < ${goal} ms`, `${entry.name} p95`, '<', goal);
  }
  const notIndexed = [...plans].filter(([, explained]) => explained.some(({ plan }) => !plan.usesIndex)).map(([name]) => name);
  report.detail('plans', Object.fromEntries([...plans].map(([name, explained]) => [name, explained.map(({ sql, plan }) => ({ sql, ...plan }))])));
  report.detail('latency', Object.fromEntries(results.map(({ entry, summary }) => [entry.name, summary])));
  report.note(notIndexed.length === 0 ? 'Every measured query reads through an index (plans above).' : `Queries reading without an index: ${notIndexed.join(', ')}.`);
}

/** Warm-up, then runs until the budget is spent (at least minIterations, at most maxIterations). */
function sample(entry: QueryCase, budget: Budget): LatencySummary {
  for (let i = 0; i < 3; i += 1) entry.run(i);
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < budget.maxIterations && (samples.length < budget.minIterations || performance.now() - started < budget.budgetMs)) {
    samples.push(timeSync(() => entry.run(samples.length)));
  }
  return summarize(samples);
}

async function measureExports(report: BenchReport, db: Db, rows: number, dir: string): Promise<void> {
  const tenth = db.prepare('SELECT created_at FROM awards ORDER BY created_at, seq LIMIT 1 OFFSET ?').pluck().get(rows - Math.floor(rows / 10)) as number;
  const runs: Array<{ label: string; filter: HistoryFilter; run?: ExportRun }> = [
    { label: 'newest tenth', filter: { fromMs: tenth } },
    { label: 'all rows', filter: {} },
  ];
  for (const entry of runs) {
    entry.run = await timedExport(db, entry.filter, join(dir, `export-${entry.label.replace(/\W+/g, '-')}.csv`));
    report.check(`export (${entry.label}) rows written = rows matching`, entry.run.expectedRows, entry.run.rows);
    report.check(`export (${entry.label}) CSV lines = rows + header`, entry.run.rows + 1, entry.run.csvLines);
  }
  const bareRowsPerSecond = bareReadRowsPerSecond(db, {});
  const [small, all] = runs.map((entry) => entry.run as ExportRun) as [ExportRun, ExportRun];
  printTable(
    'CSV export to a file (exportCsv)',
    ['export', 'rows', 'seconds', 'rows/s', 'file MB', 'RSS at start MB', 'peak RSS MB', 'heap at start MB', 'peak heap MB'],
    runs.map(({ label, run }) => {
      const r = run as ExportRun;
      return [label, r.rows, r.seconds, r.rowsPerSecond, r.fileMb, r.memory.startRssMb, r.memory.peakRssMb, r.memory.startHeapMb, r.memory.peakHeapMb];
    }),
  );
  report.figure('export all rows: time', all.seconds, 's');
  report.figure('export all rows: rows/s', all.rowsPerSecond, 'rows/s');
  report.figure('bare read of all rows (baseline): rows/s', bareRowsPerSecond, 'rows/s');
  report.figure('export all rows: peak RSS', all.memory.peakRssMb, 'MB');
  report.figure('export all rows: peak heap', all.memory.peakHeapMb, 'MB');
  report.figure(`export newest tenth (${small.rows} rows): peak RSS`, small.memory.peakRssMb, 'MB');
  report.figure(`export newest tenth (${small.rows} rows): peak heap`, small.memory.peakHeapMb, 'MB');
  report.ratio('export rows/s / bare read rows/s', 'export all rows: rows/s', 'bare read of all rows (baseline): rows/s');
  report.ratio('peak heap: all rows / newest tenth', 'export all rows: peak heap', `export newest tenth (${small.rows} rows): peak heap`);
  report.ratio('peak RSS: all rows / newest tenth', 'export all rows: peak RSS', `export newest tenth (${small.rows} rows): peak RSS`);
  report.detail('exports', runs.map(({ label, run }) => ({ label, ...run })));
}
