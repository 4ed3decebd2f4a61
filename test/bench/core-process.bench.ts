// The event loop that serves people: how long the host's loop (Electron main, or the browser host's server: the one that
// answers the window's IPC) is held up while the core works, with the core in the host's process (as before issue 9)
// and in its own process (as now), in the same run. Loads: opening a 1,000,000-award file (quick_check), history pages,
// a year of day totals, exporting every row, draining 10,000 awards to a sandbox process, and 20 wrong PINs (plus 20
// PIN changes, since the lockout stops scrypt after 3 wrong ones), each host in a fresh process of its own
// (lib/host-loads.ts). Also an award's latency at the counter both ways.
//   node test/bench/core-process.bench.ts [--quick] [--out-dir <dir>]
import { join } from 'node:path';
import { closeIdleConnections } from '../../app/rm/transport.ts';
import { historyFixture } from './history/history-fixture.ts';
import { benchCredentials, benchMembers, identityFor, type BenchCredentials } from './lib/bench-rm.ts';
import { call, MODES, openHost, terminal, type Host, type Mode } from './lib/core-hosts.ts';
import { drainBacklog } from './lib/drain-backlog.ts';
import { printTable } from './lib/format.ts';
import { hostLoadsInFreshProcess, type LoopFigures } from './lib/host-loads.ts';
import { runSizedBenchmark, type BenchReport } from './lib/report.ts';
import { startSandboxProcess } from './lib/sandbox-process.ts';
import { summarize } from './lib/stats.ts';
import { makeWorkDir } from './lib/work-dir.ts';

const GOAL_P99_MS = 5;
const GOAL_MAX_MS = 50;
/** Below this many samples of a load, its p99 is hardly more than its longest stall, and the report says so. */
const FEW_SAMPLES = 300;
/** Awards per turn in the latency rounds. */
const LATENCY_ROUND = 10;

/**
 * An award's latency at the counter, both ways, to one sandbox: both hosts open at once and taking turns, a round of
 * awards each, so a change in the machine's load meets both alike (one after the other, the second run met whatever
 * the machine did then). The first rounds warm both up and are not counted: this process has run nothing else before
 * (the loads run in processes of their own), and with 3 such rounds the core-process host's first cold awards still
 * set its p99 (1.24x and 1.36x of in-process, against 0.87x-1.01x when the loads had run here first).
 */
async function awardLatency(workPath: string, credentials: BenchCredentials, members: ReturnType<typeof benchMembers>, count: number, report: BenchReport): Promise<void> {
  const sandbox = await startSandboxProcess(workPath, 'sandbox-latency', credentials.app, members);
  const hosts: Array<{ mode: Mode; host: Host; samples: number[] }> = [];
  try {
    for (const mode of MODES) hosts.push({ mode, host: await openHost(mode, await terminal(join(workPath, `latency-${mode}`), credentials, sandbox.url)), samples: [] });
    const warmRounds = 10;
    for (let round = 0; round < warmRounds + count / LATENCY_ROUND; round += 1) {
      for (const { host, samples } of round % 2 === 0 ? hosts : [...hosts].reverse()) {
        for (let i = 0; i < LATENCY_ROUND; i += 1) {
          const started = performance.now();
          const outcome = (await call(host, 'award.submit', { id: crypto.randomUUID(), amountSen: 100 + i, member: identityFor(round * LATENCY_ROUND + i, members) })) as { award: { state: string } };
          if (round >= warmRounds) samples.push(performance.now() - started);
          if (outcome.award.state !== 'AWARDED') throw new Error(`award ${i} of round ${round} ended ${outcome.award.state}`);
        }
      }
    }
    for (const { mode, samples } of hosts) {
      const latency = summarize(samples);
      report.figure(`award at the counter, ${mode}: p50`, latency.p50Ms, 'ms');
      report.figure(`award at the counter, ${mode}: p99`, latency.p99Ms, 'ms');
    }
  } finally {
    for (const { host } of hosts) await host.close();
    await sandbox.stop();
  }
}

function ordinal(n: number): string {
  return `${n}${n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;
}

/**
 * 1,000 awards a host in the full run, so that p99 is the 11th-longest of them rather than the 4th of 300: with 300, a
 * few outliers (a collector's pause in the core, the host or the sandbox; up to 20-28 ms against a p50 of 3-4) moved
 * the p99 ratio between 1.01x and 1.30x from one run to the next. Over 3,900 awards a host in a probe it was 0.98x.
 */
const SIZES = { historyAwards: [20_000, 1_000_000], drainAwards: [200, 10_000], pinChanges: [3, 20], latencyAwards: [50, 1_000] } as const;

runSizedBenchmark('core-process', SIZES, async ({ args, report, sizes }) => {
  const { historyAwards: rows, drainAwards: drainCount, pinChanges, latencyAwards } = sizes;
  const fixture = historyFixture(args.outDir, rows);
  const work = makeWorkDir(args.outDir, 'core-process');
  const credentials = await benchCredentials();
  const members = benchMembers(200);
  const loops: Array<{ load: string; mode: Mode } & LoopFigures> = [];
  try {
    for (const mode of MODES) {
      const workPath = join(work.path, mode.replace(' ', '-'));
      const drainDataDir = drainBacklog(join(workPath, 'drain'), drainCount, members);
      const job = { mode, fixturePath: fixture.path, rows, workPath, drainDataDir, drainCount, pinChanges, credentials, members };
      const result = await hostLoadsInFreshProcess(job);
      for (const check of result.checks) report.check(`${check.key}, ${mode}`, check.expected, check.actual);
      for (const loop of result.loops) {
        loops.push({ mode, ...loop });
        report.figure(`${loop.load}, ${mode}: loop delay p99`, loop.p99Ms, 'ms');
        report.figure(`${loop.load}, ${mode}: loop delay max`, loop.maxMs, 'ms');
        report.figure(`${loop.load}, ${mode}: host CPU`, loop.cpuMs, 'ms');
      }
    }

    await awardLatency(work.path, credentials, members, latencyAwards, report);

    for (const load of [...new Set(loops.map((loop) => loop.load))]) {
      report.goal(`${load}: p99 with the core in its own process`, `${load}, core process: loop delay p99`, '<', GOAL_P99_MS);
      report.goal(`${load}: max with the core in its own process`, `${load}, core process: loop delay max`, '<', GOAL_MAX_MS);
      report.ratio(`${load}: loop delay max, own process / in-process`, `${load}, core process: loop delay max`, `${load}, in-process: loop delay max`);
    }
    report.ratio('award at the counter p50, own process / in-process', 'award at the counter, core process: p50', 'award at the counter, in-process: p50', { atMost: 1.1 });
    report.ratio('award at the counter p99, own process / in-process', 'award at the counter, core process: p99', 'award at the counter, in-process: p99', { atMost: 1.1 });
    printTable(
      '== the host\'s event loop while the core works',
      ['load', 'in-process p99 / max (ms)', 'own process p99 / max (ms)', 'seconds (in / own)', 'host CPU ms (in / own)', 'host GC max ms (in / own)'],
      [...new Set(loops.map((loop) => loop.load))].map((load) => {
        const [inProcess, own] = MODES.map((mode) => loops.find((loop) => loop.load === load && loop.mode === mode));
        return [
          load,
          `${inProcess?.p99Ms.toFixed(1)} / ${inProcess?.maxMs.toFixed(1)}`,
          `${own?.p99Ms.toFixed(1)} / ${own?.maxMs.toFixed(1)}`,
          `${inProcess?.seconds.toFixed(1)} / ${own?.seconds.toFixed(1)}`,
          `${inProcess?.cpuMs.toFixed(0)} / ${own?.cpuMs.toFixed(0)}`,
          `${inProcess?.gcMaxMs.toFixed(1)} / ${own?.gcMaxMs.toFixed(1)}`,
        ];
      }),
    );
    report.note('Loop delay is sampled every 1 ms with perf_hooks.monitorEventLoopDelay in the host process (the one that answers the window); an idle loop reads about 1 ms at p99.');
    report.note('The host\'s longest GC pause is V8 collecting garbage in the host process: a stall as long as it is the collector\'s, whatever the core does.');
    report.note('A stall with little host CPU behind it is the OS running other processes (the core, the sandbox, other work on the machine), not the host\'s own work.');
    report.note(`The lockout stops scrypt after 3 wrong PINs, so the drain phase also times ${pinChanges} PIN changes (scrypt hashes).`);
    report.note('Each host runs its loads in a fresh process of its own, as Electron main and the browser host run alone.');
    for (const loop of loops.filter((each) => each.mode === 'core process' && each.samples < FEW_SAMPLES)) {
      // As HdrHistogram reads a percentile: the sample at rank round(0.99 n), counted from the shortest.
      const rank = loop.samples - Math.max(1, Math.round(0.99 * loop.samples)) + 1;
      report.note(`"${loop.load}", core in its own process: ${loop.samples} samples, so its p99 is its ${rank === 1 ? '' : `${ordinal(rank)}-`}longest stall.`);
    }
    report.finish();
  } finally {
    closeIdleConnections();
    work.remove();
  }
});
