// What one relay step costs in SQL: every statement the relay runs per award (recorded from the app's own code during a
// warm-up drain), how much of that is preparing statements, and how each read's cost grows with the backlog it scans.
import { join } from 'node:path';
import { AwardDesk } from '../../../app/awards/award-desk.ts';
import { httpProbe } from '../../../app/awards/connectivity.ts';
import type { SandboxMemberSeed } from '../../../app/sandbox/index.ts';
import { openDatabase, type Db } from '../../../app/store/database.ts';
import { amountFor, connectClient, identityFor, type BenchCredentials } from '../lib/bench-rm.ts';
import { printTable } from '../lib/format.ts';
import { explain, verdict } from '../lib/query-plan.ts';
import { queueAwards } from '../lib/queue-awards.ts';
import type { BenchReport } from '../lib/report.ts';
import type { SandboxProcess } from '../lib/sandbox-process.ts';
import { distinctReads, recordStatements, shortSql, type RecordedStatement } from '../lib/statement-recorder.ts';
import { medianReadMs } from '../lib/statement-timing.ts';
import { median } from '../lib/stats.ts';
import { timeSync } from '../lib/timing.ts';

export interface RelayProfile {
  reads: RecordedStatement[];
  /** Median ms of each read with `smallBacklog` awards queued. */
  small: number[];
  smallBacklog: number;
  statementsPerAward: number;
  /** The app prepares a statement on every call; this is what that costs per award sent. */
  prepareMsPerAward: number;
}

/**
 * Warms up the client and the relay on a scratch database, recording every statement the relay runs; then leaves
 * `warmup` awards queued there so its reads can be timed against a small backlog.
 */
export async function warmUpAndProfileRelay(sandbox: SandboxProcess, credentials: BenchCredentials, members: readonly SandboxMemberSeed[], dir: string, warmup: number): Promise<RelayProfile> {
  const rm = connectClient(sandbox.url, credentials);
  for (let i = 0; i < warmup; i += 1) await rm.loyalty.spendingReward(amountFor(i), identityFor(i, members));
  const dbPath = join(dir, 'warmup.db');
  const real = openDatabase(dbPath);
  const recorder = recordStatements(real);
  const desk = new AwardDesk({ db: recorder.db, dbPath, terminalId: 'T1', loyalty: rm.loyalty, probe: httpProbe(sandbox.url) });
  try {
    if (!desk.startRelay({ background: false })) throw new Error('could not take the relay lock of the warm-up database');
    queueAwards(real, 'T1', warmup, members);
    const recordedFrom = recorder.recorded.length;
    await desk.drainDue();
    const statements = recorder.recorded.slice(recordedFrom);
    const reads = distinctReads(statements);
    queueAwards(real, 'T1', warmup, members, warmup);
    return {
      reads,
      small: reads.map((read) => medianReadMs(real, read, 50)),
      smallBacklog: warmup,
      statementsPerAward: statements.length / warmup,
      prepareMsPerAward: preparationMs(real, statements) / warmup,
    };
  } finally {
    await desk.close();
    real.close();
  }
}

/** What preparing every recorded statement once more costs (median prepare time of each distinct SQL text). */
function preparationMs(db: Db, statements: readonly RecordedStatement[]): number {
  const perSql = new Map<string, number>();
  for (const { sql } of statements) {
    if (!perSql.has(sql)) perSql.set(sql, median(Array.from({ length: 20 }, () => timeSync(() => db.prepare(sql)))));
  }
  return statements.reduce((sum, { sql }) => sum + (perSql.get(sql) ?? 0), 0);
}


/** Every read one relay step runs: its plan, and its cost against a small backlog and against the full one. */
export function reportRelayProfile(report: BenchReport, db: Db, profile: RelayProfile, backlog: number): void {
  const { reads, small, smallBacklog } = profile;
  const rows = reads.map((read, i) => {
    const plan = explain(db, read.sql, read.params);
    const large = medianReadMs(db, read, 20);
    return { sql: shortSql(read.sql), plan, small: small[i] as number, large };
  });
  console.log('\nQuery plans of the reads in one relay step (at the full backlog):');
  for (const row of rows) console.log(`${row.sql}\n  ${row.plan.lines.join('\n  ')}`);
  printTable(
    `Reads per relay step: median ms with ${smallBacklog} vs ${backlog} awards queued`,
    ['statement', 'plan', `${smallBacklog} queued`, `${backlog} queued`, 'growth'],
    rows.map((row) => [row.sql.slice(0, 70), verdict(row.plan), row.small, row.large, row.large / row.small]),
  );
  const slowest = rows.reduce((worst, row) => (row.large > worst.large ? row : worst));
  report.figure(`slowest relay read with ${backlog} queued (median)`, slowest.large, 'ms');
  report.figure(`same read with ${smallBacklog} queued (median)`, slowest.small, 'ms');
  report.figure('SQL statements run per award sent', profile.statementsPerAward, 'statements');
  report.figure('cost per award if every statement were prepared each time (the app prepares once)', profile.prepareMsPerAward, 'ms');
  report.detail('relayReads', rows.map((row) => ({ sql: row.sql, plan: row.plan.lines, smallBacklogMs: row.small, fullBacklogMs: row.large })));
}

