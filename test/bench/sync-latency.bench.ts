// The counter's award latency with head-office sync running beside it: the cashier's submit until the award is
// settled (committed, signed, sent to a sandbox process, answered, committed), in alternating rounds with the pusher
// stopped and with it running (woken after every award, pushing to a `kaunter hub serve` process on PostgreSQL).
// The goal: p99 with sync within 1.1x of p99 without.
//   node test/bench/sync-latency.bench.ts [--quick] [--out-dir <dir>]
import { randomUUID } from 'node:crypto';
import { AwardDesk } from '../../app/awards/award-desk.ts';
import { httpProbe } from '../../app/awards/connectivity.ts';
import { closeIdleConnections } from '../../app/rm/transport.ts';
import { openDatabase } from '../../app/store/database.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { linkToHub } from '../../app/store/hub-sync.ts';
import { linkOf, waitingAwards } from '../../app/sync/outgoing.ts';
import { RUNNING_BATCH_EVENTS } from '../../app/sync/counter-hub.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { parseBenchArgs } from './lib/args.ts';
import { amountFor, benchCredentials, benchMembers, connectClient, identityFor } from './lib/bench-rm.ts';
import { printTable } from './lib/format.ts';
import { benchDbPath, migratedDatabase, startBenchPostgres, startHubProcess } from './lib/hub-bench.ts';
import { BenchReport, runBenchmark } from './lib/report.ts';
import { startSandboxProcess } from './lib/sandbox-process.ts';
import { summarize } from './lib/stats.ts';
import { makeWorkDir } from './lib/work-dir.ts';

/**
 * A sale every 50 ms: twenty a second, hundreds of times a real counter's rate, yet with room between them, as at a
 * counter (back to back, the pusher and the hub on the same two cores would be measured, not the counter).
 */
const PACE_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

runBenchmark(async () => {
  const args = parseBenchArgs(process.argv.slice(2));
  const report = new BenchReport('sync-latency', args);
  const rounds = args.quick ? 4 : 20;
  const perRound = args.quick ? 10 : 200;
  const warmup = args.quick ? 10 : 50;
  // Rounds alternate between the candidates, so each gets half of them.
  report.size('awardsPerCandidate', (rounds / 2) * perRound);
  report.size('awardsInAll', rounds * perRound);
  report.size('rounds', rounds);
  const work = makeWorkDir(args.outDir, 'sync-latency');
  const credentials = await benchCredentials();
  const members = benchMembers(100);
  const sandbox = await startSandboxProcess(work.path, 'sandbox', credentials.app, members);
  const postgres = await startBenchPostgres();
  const dbPath = benchDbPath(work.path, 'counter');
  const db = openDatabase(dbPath);
  const rm = connectClient(sandbox.url, credentials);
  const desk = new AwardDesk({ db, dbPath, terminalId: 'T1', loyalty: rm.loyalty, probe: httpProbe(sandbox.url) });
  const hubDb = await migratedDatabase(postgres, 'sync_latency');
  const hub = await startHubProcess(hubDb.url);
  try {
    const enrolment = await enrolTerminal(hubDb.pool, 'Bench', 'Till 1', 'bench', ENROL_AS_NAMED);
    const joined = await new HubClient(hub.url, null).join(enrolment.code);
    if (joined.kind !== 'ok') throw new Error(joined.message);
    linkToHub(db, linkOf(hub.url, joined.value, 0));
    const client = new HubClient(hub.url, joined.value.credential);
    const pusher = new HubPusher({ db, client, idleMs: 1_000, batchEvents: RUNNING_BATCH_EVENTS });
    // The untimed pushes between rounds, as `kaunter sync` makes them: a stopped pusher takes no more passes.
    const catchUp = () => new HubPusher({ db, client }).pushPending();
    if (!desk.startRelay()) throw new Error('could not take the relay lock');

    let serial = 0;
    const award = async (): Promise<number> => {
      serial += 1;
      const started = performance.now();
      const outcome = await desk.submit({ id: randomUUID(), amountSen: amountFor(serial), member: identityFor(serial, members), cashier: 'Aina' }, 'cashier:Aina', 10_000);
      const elapsed = performance.now() - started;
      if (!outcome.settled || outcome.award.state !== 'AWARDED') throw new Error(`award ${serial} did not settle: ${outcome.award.state}`);
      pusher.wake();
      return elapsed;
    };
    for (let i = 0; i < warmup; i += 1) await award();
    const without: number[] = [];
    const withSync: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      // Alternating rounds, so drift in the machine's load falls on both. A syncing round starts with the hub caught
      // up (the awards of the round before are pushed untimed): it measures a counter whose pusher keeps up, not one
      // catching up after an outage.
      const syncing = round % 2 === 1;
      if (syncing) {
        await catchUp();
        pusher.start();
      }
      for (let i = 0; i < perRound; i += 1) {
        (syncing ? withSync : without).push(await award());
        await sleep(PACE_MS);
      }
      if (syncing) await pusher.stop();
    }
    await catchUp();
    report.check('awards the hub has not acknowledged at the end', 0, waitingAwards(db));
    const hubAwards = await hubDb.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM awards');
    report.check('awards at the hub', serial, Number(hubAwards.rows[0]?.n));

    const a = summarize(without);
    const b = summarize(withSync);
    printTable(`Award latency, ${without.length} awards each (ms)`, ['candidate', 'p50', 'p95', 'p99', 'mean', 'max'], [
      ['without sync (baseline)', a.p50Ms, a.p95Ms, a.p99Ms, a.meanMs, a.maxMs],
      ['with sync running', b.p50Ms, b.p95Ms, b.p99Ms, b.meanMs, b.maxMs],
    ]);
    for (const p of ['p50', 'p95', 'p99'] as const) {
      report.figure(`award ${p} without sync (baseline)`, a[`${p}Ms`], 'ms');
      report.figure(`award ${p} with sync`, b[`${p}Ms`], 'ms');
    }
    report.ratio('with sync / without at p50', 'award p50 with sync', 'award p50 without sync (baseline)');
    report.ratio('with sync / without at p99', 'award p99 with sync', 'award p99 without sync (baseline)', { atMost: 1.1 });
    report.note(`Same process, same database, same relay; one sale every ${PACE_MS} ms; rounds alternate with the pusher stopped and running (woken after each award, so pushing every five seconds, ${RUNNING_BATCH_EVENTS} events a batch); the hub and PostgreSQL run on the same two cores, which a real counter does not share with them.`);
    report.finish();
  } finally {
    await desk.close();
    db.close();
    closeIdleConnections();
    await hub.stop();
    await hubDb.pool.end();
    await sandbox.stop();
    await postgres.stop();
    work.remove();
  }
});
