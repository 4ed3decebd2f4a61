// How `npm test` runs Vitest. Vitest puts every project whose files must go one at a time (e2e, hub) into one serial
// queue after all the others, with one worker on a 2-core machine: in CI that queue took two thirds of the run while
// the CPUs sat half idle. So a full run starts two Vitest processes side by side: the end-to-end tests in one, all the
// rest in the other. (A third, for the hub, kept both cores busy all through, and Chromium's pages were then the first
// to miss their waits: two end-to-end failures in one of two runs.) Each process writes its own counts, and its output
// comes through whole lines at a time, each marked with the process's projects, so that the lines of processes running
// at once can be told apart. Tests that need a Secret Service get a private one (dbus + gnome-keyring) per process when
// this machine has them, so nothing touches the developer's own keyring. Every temporary folder the tests make (theirs,
// PostgreSQL's, Chromium's) goes in one folder of the run's own (TMPDIR), removed when the run ends: left in /tmp, one
// full run's came to about 180 MB.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { finished, type Readable, type Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** One Vitest process: its arguments after `vitest run --config <file>`, and its projects' names, which mark its lines. */
interface VitestProcess {
  args: string[];
  label: string;
}

/** The project run in a process of its own. */
export const ALONE = 'e2e';

/** A process that ended but still has its output open (a daemon it started holds it) is let go after this long. */
const OUTPUT_GRACE_MS = 10_000;

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Whether each Vitest process gets a private Secret Service: only where none is running and this machine has one. */
function canGiveSecretService(): boolean {
  return !process.env.DBUS_SESSION_BUS_ADDRESS && hasCommand('dbus-run-session') && hasCommand('gnome-keyring-daemon');
}

/**
 * A piped process gets a process group of its own (Ctrl-C at the terminal then reaches it only through us, see
 * runAllVitest), so that a signal reaches everything it started: its bus, its keyring, Vitest's workers, Chromium.
 */
function startVitest(configPath: string, args: string[], env: NodeJS.ProcessEnv, piped: boolean, secretService: boolean, tempFolder: string): { child: ChildProcess; cleanup: () => void } {
  const vitest = 'node_modules/.bin/vitest';
  const vitestArgs = ['run', '--config', configPath, ...args];
  const how: SpawnOptions = { env, stdio: piped ? ['ignore', 'pipe', 'pipe'] : 'inherit', detached: piped };
  if (!secretService) return { child: spawn(vitest, vitestArgs, how), cleanup: () => {} };
  const keyringHome = mkdtempSync(join(tempFolder, 'kaunter-keyring-'));
  const script =
    `echo -n kaunter-test | XDG_DATA_HOME="${keyringHome}" gnome-keyring-daemon --unlock --components=secrets >/dev/null;` +
    ` export KAUNTER_TEST_SECRET_SERVICE=1; exec "$@"`;
  return {
    child: spawn('dbus-run-session', ['--', 'sh', '-c', script, 'sh', vitest, ...vitestArgs], how),
    cleanup: () => rmSync(keyringHome, { recursive: true, force: true }),
  };
}

/** A running Vitest process, and whether it leads a process group of its own. */
interface Started {
  child: ChildProcess;
  ownGroup: boolean;
}

/** Sends a signal to a child and, where it leads a group of its own, to everything it started. */
function signalAll({ child, ownGroup }: Started, signal: NodeJS.Signals): void {
  try {
    if (ownGroup && child.pid !== undefined) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // It has ended already.
  }
}

/** Copies a child's output to ours a whole line at a time, each line after `label`. */
export function forwardLines(from: Readable, to: Writable, label: string): void {
  let pending = '';
  const write = (lines: string[]) => to.write(lines.map((line) => `${label}${line}\n`).join(''));
  from.setEncoding('utf8');
  from.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    if (lines.length > 0) write(lines);
  });
  from.on('end', () => {
    if (pending !== '') write([pending]);
  });
}

/** What a Vitest process counted, or null where it wrote nothing whole (it never got that far, or died writing). */
function readCounts(countsFile: string): Counts | null {
  if (!existsSync(countsFile)) return null;
  try {
    return JSON.parse(readFileSync(countsFile, 'utf8')) as Counts;
  } catch {
    return null;
  }
}

/** Resolves once the child has ended and its output is all passed on, or OUTPUT_GRACE_MS after it ended. */
async function ended(child: ChildProcess): Promise<number | null> {
  const code = await new Promise<number | null>((done) => {
    child.once('exit', (exitCode) => done(exitCode));
    child.once('error', () => done(null));
  });
  const outputs = [child.stdout, child.stderr].filter((stream) => stream !== null);
  const drained = outputs.map((stream) => new Promise((done) => finished(stream, done)));
  // Unref'd: once the output is drained, the grace timer must not keep the process that ran us alive.
  await Promise.race([Promise.all(drained), delay(OUTPUT_GRACE_MS, undefined, { ref: false })]);
  for (const stream of outputs) stream.destroy();
  return code;
}

interface RunOptions {
  configPath: string;
  countsFile: string;
  /** The run's own temporary folder, given to the process as TMPDIR. */
  tempFolder: string;
  /** Whether others run beside it: its output is then passed on a line at a time, marked with its label. */
  shared: boolean;
  /** Where all its output goes, in place of our stdout and stderr (for the test of this file). */
  output: Writable | undefined;
  secretService: boolean;
  /** Called as soon as the child runs, so that a signal to us can be passed on to it. */
  started: (started: Started) => void;
}

/** One Vitest process. Resolves with whether it passed and what it counted. */
async function runVitest(run: VitestProcess, options: RunOptions): Promise<{ ok: boolean; counts: Counts | null }> {
  const stdout = options.output ?? process.stdout;
  const stderr = options.output ?? process.stderr;
  const label = options.shared ? `${run.label} | ` : '';
  if (!options.shared) stdout.write(`\n== tests ${run.args.join(' ')}\n`);
  const color = options.shared && process.stdout.isTTY ? { FORCE_COLOR: '1' } : {};
  const env = { ...process.env, TMPDIR: options.tempFolder, KAUNTER_VITEST_COUNTS: options.countsFile, ...color };
  const piped = options.shared || options.output !== undefined;
  const { child, cleanup } = startVitest(options.configPath, run.args, env, piped, options.secretService, options.tempFolder);
  options.started({ child, ownGroup: piped });
  child.on('error', (error) => stderr.write(`${label}Could not start Vitest: ${error.message}\n`));
  if (child.stdout && child.stderr) {
    forwardLines(child.stdout, stdout, label);
    forwardLines(child.stderr, stderr, label);
  }
  const code = await ended(child);
  cleanup();
  return { ok: code === 0, counts: readCounts(options.countsFile) };
}

/**
 * Retried, since a process a test started (Chromium, PostgreSQL at its shutdown checkpoint) may still be writing its
 * last file as the run ends. A folder that will not go is named, and the run still ends with its counts.
 */
function removeRunFolder(folder: string, warnings: Writable): void {
  try {
    rmSync(folder, { recursive: true, force: true, maxRetries: 5 });
  } catch (error) {
    warnings.write(`Could not remove the tests' temporary folder ${folder} (${(error as Error).message}): remove it by hand.\n`);
  }
}

/** The Vitest processes of a full run: the project `alone` in one, all the others together in the other. */
export async function vitestProcesses(configPath: string, alone: string): Promise<VitestProcess[]> {
  const { default: config } = (await import(pathToFileURL(resolve(configPath)).href)) as { default: { test: { projects: { test: { name: string } }[] } } };
  const names = config.test.projects.map((project) => project.test.name);
  if (!names.includes(alone)) throw new Error(`${configPath} has no project "${alone}" to run on its own`);
  const groups = [[alone], names.filter((name) => name !== alone)].filter((group) => group.length > 0);
  return groups.map((group) => ({ args: group.flatMap((name) => ['--project', name]), label: group.join('+') }));
}

/**
 * Runs every project of the config (side by side, as above), or with `extraArgs` one Vitest process with them; their
 * output goes to ours, or to `output`. Resolves with the counts of all of them. A process that failed but counted no
 * failure counts as one, and so does one in a full run that counted nothing at all.
 */
export async function runAllVitest(configPath: string, extraArgs: string[], output?: Writable, alone = ALONE): Promise<Counts> {
  const full = extraArgs.length === 0;
  const runs = full ? await vitestProcesses(configPath, alone) : [{ args: extraArgs, label: '' }];
  const runFolder = mkdtempSync(join(tmpdir(), 'kaunter-test-run-'));
  // Others may pass through to the tests' folder and make their own in it, as in /tmp: the tests' PostgreSQL runs as
  // the `postgres` user when they run as root.
  chmodSync(runFolder, 0o711);
  const tempFolder = join(runFolder, 'tmp');
  mkdirSync(tempFolder);
  chmodSync(tempFolder, 0o1777);
  const children: Started[] = [];
  // Ctrl-C or a SIGTERM: passed on to every process, and we stay until they have ended, so that their last lines still
  // have somewhere to go and the run ends with its counts.
  const passOn = (signal: NodeJS.Signals) => children.forEach((started) => signalAll(started, signal));
  process.on('SIGINT', passOn);
  process.on('SIGTERM', passOn);
  try {
    const shared = runs.length > 1;
    if (shared) (output ?? process.stdout).write(`\n== tests: ${runs.map((run) => run.label).join(', ')}, side by side, each line marked with its own\n`);
    const options = { configPath, shared, output, tempFolder, secretService: canGiveSecretService(), started: (started: Started) => children.push(started) };
    const results = await Promise.all(runs.map((run, index) => runVitest(run, { ...options, countsFile: join(runFolder, `counts-${index}.json`) })));
    const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
    for (const { ok, counts } of results) {
      totals.passed += counts?.passed ?? 0;
      totals.failed += counts?.failed ?? 0;
      totals.skipped += counts?.skipped ?? 0;
      // Vitest failed yet counted no failure: it crashed before counting, or an error escaped every test.
      const failedUncounted = !ok && (counts?.failed ?? 0) === 0;
      // Vitest passed yet counted nothing: a full run's process that lost its counting reporter.
      if (failedUncounted || (full && counts === null)) totals.failed += 1;
    }
    return totals;
  } finally {
    process.off('SIGINT', passOn);
    process.off('SIGTERM', passOn);
    removeRunFolder(runFolder, output ?? process.stderr);
  }
}
