// The core-process benchmark's loads for one host: open a million-award file, page history, total a year, export every
// row, check wrong PINs, and drain a backlog to a sandbox, each timed by the host's event-loop delay. Each host runs them
// in a fresh process of its own (host-loads-process.ts), as Electron main and the browser host are: measured in one
// process after the other, the second host carried the first one's heap (a million rows exported in-process) and met
// its collector, 155 ms once, a pause the real host never has.
import { fork } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { databasePath } from '../../../app/paths.ts';
import { TEST_CALLER } from '../../fixtures/test-caller.ts';
import { END_MS, MYT_OFFSET_MS } from '../history/synthetic-awards.ts';
import type { SandboxMemberSeed } from '../../../app/sandbox/index.ts';
import type { BenchCredentials } from './bench-rm.ts';
import { call, openHost, terminal, type Mode } from './core-hosts.ts';
import { collectGarbage } from './memory-sampler.ts';
import { startSandboxProcess } from './sandbox-process.ts';

export interface HostLoadsJob {
  mode: Mode;
  /** The million-award file, copied for the history loads. */
  fixturePath: string;
  rows: number;
  workPath: string;
  /** A data folder whose database already holds the backlog (drain-backlog.ts, made by the parent process). */
  drainDataDir: string;
  drainCount: number;
  /** PIN changes after the drain, each a scrypt hash or two: most of a --quick run's time when it was always 20. */
  pinChanges: number;
  credentials: BenchCredentials;
  /** The sandbox's members, as the backlog names them. */
  members: SandboxMemberSeed[];
}

export interface LoopFigures {
  p99Ms: number;
  maxMs: number;
  seconds: number;
  /** CPU time the host process used meanwhile: its own work, apart from any time the OS gave to other processes. */
  cpuMs: number;
  /** The host's longest garbage-collection pause meanwhile (0 when none ran): a stall of V8's, not of the work's own code. */
  gcMaxMs: number;
  /** How many delays the sampler recorded: in a load of a few hundred, p99 is one of its few longest stalls. */
  samples: number;
}

export interface HostLoadsResult {
  loops: Array<{ load: string } & LoopFigures>;
  checks: Array<{ key: string; expected: number; actual: number }>;
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * Runs `work` while sampling this process's event loop every millisecond. The sampler only records a stall when its
 * timer finally runs, so the loop gets a moment before and after the work: a stall at the very end is counted too.
 * Each load starts from a collected heap: without that, a load pays for collecting what the loads before it left,
 * which a host serving people would not meet.
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
  return { value, loop: { p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6, seconds, cpuMs: (cpu.user + cpu.system) / 1000, gcMaxMs, samples: histogram.count } };
}

/** The loads, in this process. */
export async function hostLoads(job: HostLoadsJob): Promise<HostLoadsResult> {
  mkdirSync(job.workPath, { recursive: true });
  const result: HostLoadsResult = { loops: [], checks: [] };
  const record = (load: string, loop: LoopFigures): void => void result.loops.push({ load, ...loop });
  await historyLoads(job, result, record);
  await drainLoad(job, result, record);
  return result;
}

const HISTORY_PAGES = 400;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/**
 * The i-th page as a manager reads history: every other page the next one further down the whole history; between
 * them the first page of a new filter (Awarded, or Awarded and Refused, for 1-13 weeks). Those pages are the newest
 * awards before the filter's end, so each of the 200 ends on a day of its own, 0-597 days back, at 2 pm in the shop (at
 * midnight some matched a page of the whole history exactly), in a scattered order (37 and 200 share no factor).
 */
function historyPageRequest(i: number, deeper: string | null): { filter: object; cursor: string | null; limit: number } {
  if (i % 2 === 0) return { filter: {}, cursor: deeper, limit: 100 };
  const k = (i - 1) / 2;
  const toMs = END_MS - ((k * 37) % 200) * 3 * DAY_MS - 10 * HOUR_MS;
  const states = k % 2 === 0 ? ['AWARDED'] : ['AWARDED', 'REJECTED'];
  return { filter: { states, fromMs: toMs - (1 + (k % 13)) * WEEK_MS, toMs }, cursor: null, limit: 100 };
}

/** The history loads, on a copy of the million-award file (no RM: nothing to send). */
async function historyLoads(job: HostLoadsJob, result: HostLoadsResult, record: (load: string, loop: LoopFigures) => void): Promise<void> {
  const setup = await terminal(join(job.workPath, 'history'), null, 'http://127.0.0.1:9');
  copyFileSync(job.fixturePath, databasePath(setup.dataDir, 'sandbox'));
  const opened = await measured(() => openHost(job.mode, setup));
  record(`open a ${job.rows.toLocaleString('en')}-award file`, opened.loop);
  const host = opened.value;
  try {
    await call(host, 'manager.unlock', { pin: '2468' });
    // 400 pages, none a repeat of one before it (helper-107: repeats would find SQLite's pages and the answer check
    // warm). With 40 pages the loop gave about 96 samples and its p99 was its 2nd-longest stall (5.4-5.5 ms in stops
    // 41-44); 400 give over 400, so p99 reads a percentile, and the max still catches one cold stall.
    const seen = new Set<string>();
    const pages = await measured(async () => {
      let deeper: string | null = null;
      for (let i = 0; i < HISTORY_PAGES; i += 1) {
        const page = (await call(host, 'history.page', historyPageRequest(i, deeper))) as { items: Array<{ id: string }>; nextCursor: string | null };
        seen.add(`${page.items[0]?.id ?? ''} ${page.items.at(-1)?.id ?? ''}`);
        if (i % 2 === 0) deeper = page.nextCursor;
      }
    });
    result.checks.push({ key: 'history: pages, none a repeat', expected: HISTORY_PAGES, actual: seen.size });
    record(`${HISTORY_PAGES} history pages`, pages.loop);
    const yearStart = END_MS - 365 * DAY_MS - ((END_MS + MYT_OFFSET_MS) % DAY_MS);
    const totals = await measured(async () => {
      for (let i = 0; i < 5; i += 1) await call(host, 'history.totals', { filter: { fromMs: yearStart, toMs: END_MS } });
    });
    record('a year of day totals x5', totals.loop);
    const exported = await measured(() => call(host, 'history.exportCsv', { filter: {} }));
    result.checks.push({ key: 'export: rows', expected: job.rows, actual: (exported.value as { rows: number }).rows });
    record('export every row', exported.loop);
    const wrongPins = await measured(async () => {
      await call(host, 'manager.lock', {});
      for (let i = 0; i < 20; i += 1) await host.dispatch(TEST_CALLER, 'manager.unlock', { pin: '0000' });
    });
    record('20 wrong PINs', wrongPins.loop);
  } finally {
    await host.close();
  }
}

/** Draining a backlog to a sandbox in its own process, then PIN changes (the lockout stops scrypt after 3 wrong PINs). */
async function drainLoad(job: HostLoadsJob, result: HostLoadsResult, record: (load: string, loop: LoopFigures) => void): Promise<void> {
  const sandbox = await startSandboxProcess(job.workPath, 'sandbox-drain', job.credentials.app, job.members);
  try {
    const drainSetup = await terminal(job.drainDataDir, job.credentials, sandbox.url);
    const drained = await measured(async () => {
      const host = await openHost(job.mode, drainSetup);
      try {
        for (;;) {
          const status = (await call(host, 'queue.status', {})) as { queued: number; sending: number };
          if (status.queued + status.sending === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await call(host, 'manager.unlock', { pin: '2468' });
        for (let i = 0; i < job.pinChanges; i += 1) await call(host, 'manager.setPin', { pin: String(1000 + i), managerName: 'Siti', currentPin: i === 0 ? '2468' : String(999 + i) });
      } finally {
        await host.close();
      }
    });
    result.checks.push({ key: 'drain: sandbox ledger', expected: job.drainCount, actual: (await sandbox.ledger()).length });
    record(`drain ${job.drainCount} awards, then ${job.pinChanges} PIN changes`, drained.loop);
  } finally {
    await sandbox.stop();
  }
}

const LOADS_PROCESS = new URL('./host-loads-process.ts', import.meta.url).pathname;

/** The loads, in a fresh Node process (with this one's flags; Node runs its TypeScript, as it runs this benchmark). */
export function hostLoadsInFreshProcess(job: HostLoadsJob): Promise<HostLoadsResult> {
  return new Promise((resolve, reject) => {
    const child = fork(LOADS_PROCESS, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: { ok: true; result: HostLoadsResult } | { ok: false; message: string } | null = null;
    child.once('message', (message) => (answer = message as typeof answer));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (answer?.ok) resolve(answer.result);
      else reject(new Error(`the ${job.mode} host's loads failed: ${answer?.message ?? `its process ended (${signal ?? `exit code ${code}`})`}`));
    });
    child.send(job);
  });
}
