// The event loop that serves people: how long the host's loop (Electron main, or the browser host's server: the one that
// answers the window's IPC) is held up while the core works, with the core in the host's process (as before issue 9)
// and in its own process (as now), in the same run. Loads: opening a 1,000,000-award file (quick_check), history pages,
// a year of day totals, exporting every row, draining 10,000 awards to a sandbox process, and 20 wrong PINs (plus 20
// PIN changes, since the lockout stops scrypt after 3 wrong ones). Also an award's latency at the counter both ways.
//   node --import tsx test/bench/core-process.bench.ts [--quick] [--out-dir <dir>]
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { KaunterCore } from '../../app/core/kaunter-core.ts';
import type { Dispatch } from '../../app/contract-check.ts';
import { createDispatcher } from '../../app/dispatch.ts';
import { fileLogger } from '../../app/logging/logger.ts';
import { hashPin } from '../../app/manager/pin.ts';
import { pepperForNewPin } from '../../app/manager/pin-pepper.ts';
import { databasePath } from '../../app/paths.ts';
import { loadPrivateKey, publicKeyFingerprint, publicKeyPem } from '../../app/rm/keys.ts';
import { closeIdleConnections } from '../../app/rm/transport.ts';
import { SettingsStore } from '../../app/settings.ts';
import { openDatabase } from '../../app/store/database.ts';
import { CoreProcess } from '../../main/core-process/core-process.ts';
import { nodeCoreLauncher } from '../../main/core-process/node-launcher.ts';
import { MemorySecretStore, TEST_CALLER } from '../fixtures/core-rig.ts';
import { historyFixture } from './history/history-fixture.ts';
import { END_MS, MYT_OFFSET_MS } from './history/synthetic-awards.ts';
import { benchCredentials, benchMembers, identityFor, type BenchCredentials } from './lib/bench-rm.ts';
import { printTable } from './lib/format.ts';
import { collectGarbage } from './lib/memory-sampler.ts';
import { queueAwards } from './lib/queue-awards.ts';
import { runSizedBenchmark, type BenchReport } from './lib/report.ts';
import { startSandboxProcess } from './lib/sandbox-process.ts';
import { summarize } from './lib/stats.ts';
import { makeWorkDir } from './lib/work-dir.ts';

type Mode = 'in-process' | 'core process';
const MODES: readonly Mode[] = ['in-process', 'core process'];
const GOAL_P99_MS = 5;
const GOAL_MAX_MS = 50;
/** Awards per turn in the latency rounds. */
const LATENCY_ROUND = 10;

interface Host {
  dispatch: Dispatch;
  close(): Promise<void>;
}

interface Setup {
  dataDir: string;
  secrets: MemorySecretStore;
  rmUrl: string;
}

interface LoopFigures {
  p99Ms: number;
  maxMs: number;
  seconds: number;
  /** CPU time the host process used meanwhile: its own work, apart from any time the OS gave to other processes. */
  cpuMs: number;
  /** The host's longest garbage-collection pause meanwhile (0 when none ran): a stall of V8's, not of the work's own code. */
  gcMaxMs: number;
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * Runs `work` while sampling this process's event loop every millisecond. The sampler only records a stall when its
 * timer finally runs, so the loop gets a moment before and after the work: a stall at the very end is counted too.
 * Each load starts from a collected heap: without that, a load pays for collecting what the loads before it left (the
 * in-process export of a million rows, the benchmark's own start-up), which a host serving people would not meet.
 */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; loop: LoopFigures }> {
  collectGarbage();
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let gcMaxMs = 0;
  const collections = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, entry.duration);
  });
  collections.observe({ entryTypes: ['gc'] });
  await settle();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const value = await work();
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1000;
  await settle();
  histogram.disable();
  collections.disconnect();
  return { value, loop: { p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6, seconds, cpuMs: (cpu.user + cpu.system) / 1000, gcMaxMs } };
}

async function openHost(mode: Mode, setup: Setup): Promise<Host> {
  const rmHosts = { apiUrl: setup.rmUrl, oauthUrl: setup.rmUrl };
  const common = { host: 'browser' as const, version: 'bench', downloadsDir: join(setup.dataDir, 'Downloads') };
  const noTraining = (): Promise<never> => Promise.reject(new Error('the benchmark uses the sandbox environment'));
  // The host logs as main and the browser host do: to kaunter.log in the data folder, at the level KAUNTER_LOG_LEVEL says.
  const log = fileLogger({ dir: setup.dataDir, echo: null });
  if (mode === 'in-process') {
    const core = await KaunterCore.open({
      dataDir: setup.dataDir,
      ports: { ...common, secrets: () => setup.secrets, scanner: null, trainingRm: noTraining, rmHosts: () => rmHosts, log },
      emit: () => undefined,
    });
    return { dispatch: createDispatcher(core), close: () => core.close() };
  }
  const core = await CoreProcess.start(nodeCoreLauncher(), {
    init: { ...common, dataDir: setup.dataDir, rmHosts: { sandbox: rmHosts } },
    secrets: () => setup.secrets,
    scanner: null,
    trainingRm: noTraining,
    log,
    emit: () => undefined,
  });
  return { dispatch: core.dispatch, close: () => core.close() };
}

/** A terminal set up for the sandbox environment, its RM app's secrets in a memory keychain the host holds. */
async function terminal(dir: string, credentials: BenchCredentials | null, rmUrl: string): Promise<Setup> {
  mkdirSync(dir, { recursive: true });
  const secrets = new MemorySecretStore();
  const key = credentials ? loadPrivateKey(credentials.privateKeyPem) : null;
  const pin = await hashPin('2468', await pepperForNewPin(secrets));
  new SettingsStore(dir).update((s) => {
    s.environment = 'sandbox';
    s.setupComplete = true;
    s.manager = { ...s.manager, name: 'Siti', pin };
    if (credentials && key) s.rm.sandbox = { clientId: credentials.app.clientId, secretSet: true, keyFingerprint: publicKeyFingerprint(key), publicKeyPem: publicKeyPem(key) };
    return s;
  });
  if (credentials) {
    await secrets.set('privateKey', credentials.privateKeyPem);
    await secrets.set('clientSecret', credentials.app.clientSecret);
  }
  return { dataDir: dir, secrets, rmUrl };
}

async function call(host: Host, method: string, payload: unknown): Promise<unknown> {
  const result = await host.dispatch(TEST_CALLER, method, payload);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/**
 * An award's latency at the counter, both ways, to one sandbox: both hosts open at once and taking turns, a round of
 * awards each, so a change in the machine's load meets both alike (one after the other, the second run met whatever
 * the machine did then). The first rounds warm both up and are not counted.
 */
async function awardLatency(workPath: string, credentials: BenchCredentials, members: ReturnType<typeof benchMembers>, count: number, report: BenchReport): Promise<void> {
  const sandbox = await startSandboxProcess(workPath, 'sandbox-latency', credentials.app, members);
  const hosts: Array<{ mode: Mode; host: Host; samples: number[] }> = [];
  try {
    for (const mode of MODES) hosts.push({ mode, host: await openHost(mode, await terminal(join(workPath, `latency-${mode}`), credentials, sandbox.url)), samples: [] });
    const warmRounds = 3;
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

const SIZES = { historyAwards: [20_000, 1_000_000], drainAwards: [200, 10_000], latencyAwards: [50, 300] } as const;

runSizedBenchmark('core-process', SIZES, async ({ args, report, sizes }) => {
  const { historyAwards: rows, drainAwards: drainCount, latencyAwards } = sizes;
  const fixture = historyFixture(args.outDir, rows);
  const work = makeWorkDir(args.outDir, 'core-process');
  const credentials = await benchCredentials();
  const members = benchMembers(200);
  const loops: Array<{ load: string; mode: Mode } & LoopFigures> = [];
  const record = (load: string, mode: Mode, loop: LoopFigures): void => {
    loops.push({ load, mode, ...loop });
    report.figure(`${load}, ${mode}: loop delay p99`, loop.p99Ms, 'ms');
    report.figure(`${load}, ${mode}: loop delay max`, loop.maxMs, 'ms');
    report.figure(`${load}, ${mode}: host CPU`, loop.cpuMs, 'ms');
  };
  try {
    for (const mode of MODES) {
      // The history loads, on a copy of the million-award file (no RM: nothing to send).
      const setup = await terminal(join(work.path, `history-${mode}`), null, 'http://127.0.0.1:9');
      copyFileSync(fixture.path, databasePath(setup.dataDir, 'sandbox'));
      const opened = await measured(() => openHost(mode, setup));
      record('open a 1M-award file', mode, opened.loop);
      const host = opened.value;
      try {
        await call(host, 'manager.unlock', { pin: '2468' });
        const pages = await measured(async () => {
          let cursor: string | null = null;
          for (let i = 0; i < 40; i += 1) {
            const filter = i % 2 === 0 ? {} : { states: ['AWARDED' as const], fromMs: END_MS - (i + 1) * 7 * 86_400_000 };
            const page = (await call(host, 'history.page', { filter, cursor: i % 4 < 2 ? null : cursor, limit: 100 })) as { nextCursor: string | null };
            cursor = page.nextCursor;
          }
        });
        record('40 history pages', mode, pages.loop);
        const yearStart = END_MS - 365 * 86_400_000 - ((END_MS + MYT_OFFSET_MS) % 86_400_000);
        const totals = await measured(async () => {
          for (let i = 0; i < 5; i += 1) await call(host, 'history.totals', { filter: { fromMs: yearStart, toMs: END_MS } });
        });
        record('a year of day totals x5', mode, totals.loop);
        const exported = await measured(() => call(host, 'history.exportCsv', { filter: {} }));
        report.check(`export, ${mode}: rows`, rows, (exported.value as { rows: number }).rows);
        record('export every row', mode, exported.loop);
        const wrongPins = await measured(async () => {
          await call(host, 'manager.lock', {});
          for (let i = 0; i < 20; i += 1) await host.dispatch(TEST_CALLER, 'manager.unlock', { pin: '0000' });
        });
        record('20 wrong PINs', mode, wrongPins.loop);
      } finally {
        await host.close();
      }

      // Draining a backlog to a sandbox in its own process, and then awards at the counter one by one.
      const sandbox = await startSandboxProcess(work.path, `sandbox-${mode.replace(' ', '-')}`, credentials.app, members);
      try {
        const drainSetup = await terminal(join(work.path, `drain-${mode}`), credentials, sandbox.url);
        const db = openDatabase(databasePath(drainSetup.dataDir, 'sandbox'));
        queueAwards(db, 'T1', drainCount, members);
        db.close();
        const drained = await measured(async () => {
          const host = await openHost(mode, drainSetup);
          try {
            for (;;) {
              const status = (await call(host, 'queue.status', {})) as { queued: number; sending: number };
              if (status.queued + status.sending === 0) break;
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
            await call(host, 'manager.unlock', { pin: '2468' });
            for (let i = 0; i < 20; i += 1) await call(host, 'manager.setPin', { pin: String(1000 + i), managerName: 'Siti' });
          } finally {
            await host.close();
          }
        });
        report.check(`drain, ${mode}: sandbox ledger`, drainCount, (await sandbox.ledger()).length);
        record(`drain ${drainCount} awards, then 20 PIN changes`, mode, drained.loop);
      } finally {
        await sandbox.stop();
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
    report.note('The lockout stops scrypt after 3 wrong PINs, so the drain phase also times 20 PIN changes (20 scrypt hashes).');
    report.finish();
  } finally {
    closeIdleConnections();
    work.remove();
  }
});
