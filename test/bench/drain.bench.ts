// Draining a backlog: 10,000 queued awards sent by the relay (`AwardDesk.drainDue()`: claim, attempt committed before
// the send, signed request, outcome committed) against the same count of sequential spending rewards through the same
// RM client without the outbox (signing + HTTP only). Each phase gets a fresh sandbox process, so neither inherits the
// other's ledger or nonce book. Ends by checking that every award was applied exactly once.
//   node test/bench/drain.bench.ts [--quick] [--out-dir <dir>]
import { join } from 'node:path';
import { AwardDesk } from '../../app/awards/award-desk.ts';
import { httpProbe } from '../../app/awards/connectivity.ts';
import type { RmConnection } from '../../app/rm/connection.ts';
import { closeIdleConnections } from '../../app/rm/transport.ts';
import type { SandboxMemberSeed } from '../../app/sandbox/index.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { amountFor, benchCredentials, benchMembers, connectClient, identityFor, type BenchCredentials } from './lib/bench-rm.ts';
import { throughputByTenth, type Tenth } from './lib/deciles.ts';
import { printTable } from './lib/format.ts';
import { queueAwards } from './lib/queue-awards.ts';
import { runSizedBenchmark, type BenchReport } from './lib/report.ts';
import { startSandboxProcess, type SandboxProcess } from './lib/sandbox-process.ts';
import { makeWorkDir } from './lib/work-dir.ts';
import { verifyExactlyOnce } from './drain/exactly-once.ts';
import { reportRelayProfile, warmUpAndProfileRelay, type RelayProfile } from './drain/relay-profile.ts';

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

runSizedBenchmark('drain', { awards: [200, 10_000], warmupAwards: [30, 300] }, async ({ args, report, sizes }) => {
  const { awards: count, warmupAwards: warmup } = sizes;
  const work = makeWorkDir(args.outDir, 'drain');
  const credentials = await benchCredentials();
  const members = benchMembers(MEMBERS);
  const sandboxes: SandboxProcess[] = [];
  const sandbox = async (label: string): Promise<SandboxProcess> => {
    const started = await startSandboxProcess(work.path, label, credentials.app, members);
    sandboxes.push(started);
    return started;
  };
  try {
    const profile = await warmUpAndProfileRelay(await sandbox('warmup'), credentials, members, work.path, warmup);
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
    queueAwards(db, 'T1', count, members);
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
  report.note(`The outbox adds ${(((drained.seconds - baseline.seconds) * 1000) / count).toFixed(2)} ms per award: two synced commits (claim + attempt; the attempt's answer with the final state) and the relay's reads.`);
  report.note('Each phase ran against its own fresh sandbox process (on the second core), warmed up with signed calculate-points calls; the client, the relay and SQLite share the first core.');
}
