// Draining a backlog: 10,000 queued awards sent by the relay (`AwardDesk.drainDue()`: claim, attempt committed before
// the send, signed request, outcome committed) against the same count of sequential spending rewards through the same
// RM client without the outbox (signing + HTTP only). Each phase gets a fresh sandbox process, so neither inherits the
// other's ledger or nonce book. Ends by checking that every award was applied exactly once.
//   node --import tsx test/bench/drain.bench.ts [--quick] [--out-dir <dir>]
import { join } from 'node:path';
import { AwardDesk } from '../../app/awards/award-desk.ts';
import { httpProbe } from '../../app/awards/connectivity.ts';
import type { RmConnection } from '../../app/rm/connection.ts';
import { closeIdleConnections } from '../../app/rm/transport.ts';
import type { SandboxMemberSeed } from '../../app/sandbox/index.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { parseBenchArgs } from './lib/args.ts';
import { amountFor, benchCredentials, benchMembers, connectClient, identityFor, type BenchCredentials } from './lib/bench-rm.ts';
import { throughputByTenth, type Tenth } from './lib/deciles.ts';
import { printTable } from './lib/format.ts';
import { explain, verdict } from './lib/query-plan.ts';
import { queueAwards } from './lib/queue-awards.ts';
import { BenchReport, runBenchmark } from './lib/report.ts';
import { startSandboxProcess, type SandboxProcess } from './lib/sandbox-process.ts';
import { distinctReads, recordStatements, shortSql, type RecordedStatement } from './lib/statement-recorder.ts';
import { medianReadMs } from './lib/statement-timing.ts';
import { median } from './lib/stats.ts';
import { timeSync } from './lib/timing.ts';
import { makeWorkDir } from './lib/work-dir.ts';

const MEMBERS = 200;

interface Sizes {
  count: number;
  warmup: number;
}

interface Phase {
  seconds: number;
  perSecond: number;
  tenths: Tenth[];
}

runBenchmark(async () => {
  const args = parseBenchArgs(process.argv.slice(2));
  const report = new BenchReport('drain', args);
  const count = args.quick ? 200 : 10_000;
  const warmup = args.quick ? 30 : 300;
  report.size('awards', count);
  report.size('warmupAwards', warmup);
  const work = makeWorkDir(args.outDir, 'drain');
  const credentials = benchCredentials();
  const members = benchMembers(MEMBERS);
  const sandboxes: SandboxProcess[] = [];
  const sandbox = async (label: string): Promise<SandboxProcess> => {
    const started = await startSandboxProcess(work.path, label, credentials.app, members);
    sandboxes.push(started);
    return started;
  };
  try {
    const profile = await warmUp(await sandbox('warmup'), credentials, members, work.path, warmup);
    const baseline = await sequentialAwards(await sandbox('baseline'), credentials, members, { count, warmup }, report);
    const db = openDatabase(join(work.path, 'awards.db'));
    try {
      const drained = await drainBacklog(await sandbox('drain'), credentials, members, db, join(work.path, 'awards.db'), { count, warmup }, report, profile);
      reportPhases(report, count, baseline, drained);
    } finally {
      db.close();
    }
    report.finish();
  } finally {
    closeIdleConnections();
    for (const running of sandboxes) await running.stop();
    work.remove();
  }
});

/**
 * Warms up the client and the relay on a scratch database, recording every statement the relay runs; then leaves
 * `warmup` awards queued there so its reads can be timed against a small backlog.
 */
async function warmUp(sandbox: SandboxProcess, credentials: BenchCredentials, members: readonly SandboxMemberSeed[], dir: string, warmup: number): Promise<RelayProfile> {
  const rm = connectClient(sandbox.url, credentials);
  for (let i = 0; i < warmup; i += 1) await rm.loyalty.spendingReward(amountFor(i), identityFor(i, members));
  const dbPath = join(dir, 'warmup.db');
  const real = openDatabase(dbPath);
  const recorder = recordStatements(real);
  const desk = new AwardDesk({ db: recorder.db, dbPath, terminalId: 'T1', loyalty: rm.loyalty, probe: httpProbe(sandbox.url) });
  try {
    if (!desk.startRelay({ background: false })) throw new Error('could not take the relay lock of the warm-up database');
    queueAwards(real, desk.outbox, warmup, members);
    const recordedFrom = recorder.recorded.length;
    await desk.drainDue();
    const statements = recorder.recorded.slice(recordedFrom);
    const reads = distinctReads(statements);
    queueAwards(real, desk.outbox, warmup, members, warmup);
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

interface RelayProfile {
  reads: RecordedStatement[];
  /** Median ms of each read with `smallBacklog` awards queued. */
  small: number[];
  smallBacklog: number;
  statementsPerAward: number;
  /** The app prepares a statement on every call; this is what that costs per award sent. */
  prepareMsPerAward: number;
}

/** What preparing every recorded statement once more costs (median prepare time of each distinct SQL text). */
function preparationMs(db: Db, statements: readonly RecordedStatement[]): number {
  const perSql = new Map<string, number>();
  for (const { sql } of statements) {
    if (!perSql.has(sql)) perSql.set(sql, median(Array.from({ length: 20 }, () => timeSync(() => db.prepare(sql)))));
  }
  return statements.reduce((sum, { sql }) => sum + (perSql.get(sql) ?? 0), 0);
}

async function sequentialAwards(
  sandbox: SandboxProcess,
  credentials: BenchCredentials,
  members: readonly SandboxMemberSeed[],
  { count, warmup }: Sizes,
  report: BenchReport,
): Promise<Phase> {
  const rm = await connectWarm(sandbox.url, credentials, warmup);
  const doneAt: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const outcome = await rm.loyalty.spendingReward(amountFor(i), identityFor(i, members));
    if (outcome.kind !== 'success') throw new Error(`baseline award ${i} failed: ${outcome.error.code} ${outcome.error.message}`);
    doneAt.push(performance.now());
  }
  const seconds = (performance.now() - started) / 1000;
  report.check('baseline sandbox ledger entries', count, (await sandbox.ledger()).length);
  return { seconds, perSecond: count / seconds, tenths: throughputByTenth(started, doneAt) };
}

async function drainBacklog(
  sandbox: SandboxProcess,
  credentials: BenchCredentials,
  members: readonly SandboxMemberSeed[],
  db: Db,
  dbPath: string,
  { count, warmup }: Sizes,
  report: BenchReport,
  profile: RelayProfile,
): Promise<Phase> {
  const rm = await connectWarm(sandbox.url, credentials, warmup);
  const doneAt: number[] = [];
  const desk = new AwardDesk({
    db,
    dbPath,
    terminalId: 'T1',
    loyalty: rm.loyalty,
    probe: httpProbe(sandbox.url),
    onAwardChanged: (award) => {
      if (award.state === 'AWARDED') doneAt.push(performance.now());
    },
  });
  try {
    if (!desk.startRelay({ background: false })) throw new Error('could not take the relay lock of the measured database');
    const queueStarted = performance.now();
    queueAwards(db, desk.outbox, count, members);
    console.log(`queued ${count} awards through Outbox.submit in one transaction in ${((performance.now() - queueStarted) / 1000).toFixed(2)} s`);
    reportRelayProfile(report, db, profile, count);
    const started = performance.now();
    const result = await desk.drainDue();
    const seconds = (performance.now() - started) / 1000;
    console.log(`drainDue: sent ${result.sent}, stopped because ${result.stoppedBecause}`);
    report.check('drainDue sent', count, result.sent);
    report.check('drainDue stopped because', 'empty', result.stoppedBecause);
    await verifyExactlyOnce(report, db, sandbox, count);
    return { seconds, perSecond: count / seconds, tenths: throughputByTenth(started, doneAt) };
  } finally {
    await desk.close();
  }
}

/**
 * A client with its token, and a fresh sandbox process warmed up (its JIT) by signed requests that are verified like an
 * award but add nothing to the ledger, so the ledger holds exactly the measured awards.
 */
async function connectWarm(url: string, credentials: BenchCredentials, warmRequests: number): Promise<RmConnection> {
  const rm = connectClient(url, credentials);
  const token = await rm.tokens.accessToken();
  if (!token.ok) throw new Error(`no access token from the sandbox: ${token.error.code} ${token.error.message}`);
  for (let i = 0; i < warmRequests; i += 1) {
    const outcome = await rm.loyalty.calculatePoints(amountFor(i));
    if (outcome.kind !== 'success') throw new Error(`warm-up request failed: ${outcome.error.code} ${outcome.error.message}`);
  }
  return rm;
}

/** Every read one relay step runs: its plan, and its cost against a small backlog and against the full one. */
function reportRelayProfile(report: BenchReport, db: Db, profile: RelayProfile, backlog: number): void {
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
  report.figure('statement preparation per award sent', profile.prepareMsPerAward, 'ms');
  report.detail('relayReads', rows.map((row) => ({ sql: row.sql, plan: row.plan.lines, smallBacklogMs: row.small, fullBacklogMs: row.large })));
}

async function verifyExactlyOnce(report: BenchReport, db: Db, sandbox: SandboxProcess, count: number): Promise<void> {
  const ledger = await sandbox.ledger();
  const states = db.prepare('SELECT state, COUNT(*) AS n FROM awards GROUP BY state ORDER BY state').all() as Array<{ state: string; n: number }>;
  printTable('Outbox after the drain', ['state', 'awards'], states.map((row) => [row.state, row.n]));
  console.log(`sandbox ledger: ${ledger.length} entries`);
  const successNonces = new Set((db.prepare("SELECT nonce FROM attempts WHERE outcome = 'success'").pluck().all() as string[]));
  const ledgerNonces = new Set(ledger.map((entry) => entry.nonce));
  report.check('sandbox ledger entries', count, ledger.length);
  report.check('outbox AWARDED', count, states.find((row) => row.state === 'AWARDED')?.n ?? 0);
  report.check('outbox awards in any other state', 0, states.filter((row) => row.state !== 'AWARDED').reduce((sum, row) => sum + row.n, 0));
  report.check('ledger nonces that match a successful attempt', count, [...ledgerNonces].filter((nonce) => successNonces.has(nonce)).length);
  report.detail('outboxStates', states);
}

function reportPhases(report: BenchReport, count: number, baseline: Phase, drained: Phase): void {
  printTable(
    `Awards per second, tenth by tenth of ${count}`,
    ['tenth', 'drain (outbox + relay)', 'baseline (client only)'],
    drained.tenths.map((tenth, i) => [`${tenth.tenth}`, tenth.perSecond, baseline.tenths[i]?.perSecond ?? Number.NaN]),
  );
  report.figure('drain throughput', drained.perSecond, 'awards/s');
  report.figure('baseline throughput (sequential spending rewards, no outbox)', baseline.perSecond, 'awards/s');
  report.figure('drain time', drained.seconds, 's');
  report.figure('baseline time', baseline.seconds, 's');
  report.figure('drain time per award', (drained.seconds * 1000) / count, 'ms');
  report.figure('baseline time per award', (baseline.seconds * 1000) / count, 'ms');
  report.ratio('drain / baseline throughput', 'drain throughput', 'baseline throughput (sequential spending rewards, no outbox)');
  report.detail('drainTenths', drained.tenths);
  report.detail('baselineTenths', baseline.tenths);
  report.note(`The outbox adds ${(((drained.seconds - baseline.seconds) * 1000) / count).toFixed(2)} ms per award: three synced commits (claim + attempt, attempt outcome, final state) and the relay's reads.`);
  report.note('Each phase ran against its own fresh sandbox process (on the second core), warmed up with signed calculate-points calls; the client, the relay and SQLite share the first core.');
}
