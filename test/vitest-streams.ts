// How `npm test` runs Vitest. Vitest puts every project whose files must go one at a time (e2e, hub) into one serial
// queue after all the others, with one worker on a 2-core machine: in CI that queue took two thirds of the run while
// the CPUs sat half idle. So a full run starts one Vitest process for each such project and one for all the rest, side
// by side. Each process writes its own counts, and its output comes through whole lines at a time so that the lines of
// processes running at once do not cut into each other. Tests that need a Secret Service get a private one (dbus +
// gnome-keyring) when this machine has them, so nothing touches the developer's own keyring.
import { spawn, spawnSync } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface VitestCommand {
  command: string;
  args: string[];
  cleanup: () => void;
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function vitestCommand(configPath: string, vitestArgs: string[]): VitestCommand {
  const vitest = 'node_modules/.bin/vitest';
  const args = ['run', '--config', configPath, ...vitestArgs];
  if (process.env.DBUS_SESSION_BUS_ADDRESS || !hasCommand('dbus-run-session') || !hasCommand('gnome-keyring-daemon')) {
    return { command: vitest, args, cleanup: () => {} };
  }
  const keyringHome = mkdtempSync(join(tmpdir(), 'kaunter-keyring-'));
  const script =
    `echo -n kaunter-test | XDG_DATA_HOME="${keyringHome}" gnome-keyring-daemon --unlock --components=secrets >/dev/null;` +
    ` export KAUNTER_TEST_SECRET_SERVICE=1; exec "$@"`;
  return {
    command: 'dbus-run-session',
    args: ['--', 'sh', '-c', script, 'sh', vitest, ...args],
    cleanup: () => rmSync(keyringHome, { recursive: true, force: true }),
  };
}

/** Copies a child's output to ours a whole line at a time. */
function forwardLines(from: Readable, to: Writable): void {
  let pending = '';
  from.setEncoding('utf8');
  from.on('data', (chunk: string) => {
    const text = pending + chunk;
    const end = text.lastIndexOf('\n') + 1;
    to.write(text.slice(0, end));
    pending = text.slice(end);
  });
  from.on('end', () => to.write(pending));
}

/**
 * One Vitest process; `shared` when others run beside it. Its output goes to ours, or all of it to `output` when given.
 * Resolves with whether it passed and what it counted.
 */
function runVitest(configPath: string, vitestArgs: string[], countsFile: string, shared: boolean, output?: Writable): Promise<{ ok: boolean; counts: Counts }> {
  const stdout = output ?? process.stdout;
  const stderr = output ?? process.stderr;
  stdout.write(`\n== tests ${vitestArgs.join(' ')}\n`);
  const vitest = vitestCommand(configPath, vitestArgs);
  const env = { ...process.env, KAUNTER_VITEST_COUNTS: countsFile, ...(shared && process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) };
  const piped = shared || output !== undefined;
  const child = spawn(vitest.command, vitest.args, { env, stdio: piped ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  if (child.stdout && child.stderr) {
    forwardLines(child.stdout, stdout);
    forwardLines(child.stderr, stderr);
  }
  child.on('error', (error) => stderr.write(`Could not start ${vitest.command}: ${error.message}\n`));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      vitest.cleanup();
      const counts = existsSync(countsFile) ? (JSON.parse(readFileSync(countsFile, 'utf8')) as Counts) : { passed: 0, failed: 0, skipped: 0 };
      resolve({ ok: code === 0, counts });
    });
  });
}

interface ProjectTest {
  name: string;
  fileParallelism?: boolean;
}

/** The Vitest arguments of each process of a full run: each one-at-a-time project alone, then all the rest together. */
export async function vitestStreams(configPath: string): Promise<string[][]> {
  const { default: config } = (await import(pathToFileURL(resolve(configPath)).href)) as { default: { test: { projects: { test: ProjectTest }[] } } };
  const projects = config.test.projects.map((project) => project.test);
  const alone = projects.filter((project) => project.fileParallelism === false).map((project) => project.name);
  const together = projects.filter((project) => project.fileParallelism !== false).map((project) => project.name);
  const groups = together.length > 0 ? [...alone.map((name) => [name]), together] : alone.map((name) => [name]);
  return groups.map((names) => names.flatMap((name) => ['--project', name]));
}

/**
 * Runs every project of the config (side by side, as above), or with `extraArgs` one Vitest process with them; their
 * output goes to ours, or to `output`. Resolves with the counts of all of them; a process that failed but counted no
 * failure counts as one.
 */
export async function runAllVitest(configPath: string, extraArgs: string[], output?: Writable): Promise<Counts> {
  const streams = extraArgs.length > 0 ? [extraArgs] : await vitestStreams(configPath);
  const countsFolder = mkdtempSync(join(tmpdir(), 'kaunter-vitest-counts-'));
  try {
    const shared = streams.length > 1;
    const results = await Promise.all(streams.map((args, index) => runVitest(configPath, args, join(countsFolder, `${index}.json`), shared, output)));
    const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
    for (const { ok, counts } of results) {
      totals.passed += counts.passed;
      totals.failed += counts.failed;
      totals.skipped += counts.skipped;
      // Vitest failed yet counted no failure: it crashed before counting, or an error escaped every test.
      if (!ok && counts.failed === 0) totals.failed += 1;
    }
    return totals;
  } finally {
    rmSync(countsFolder, { recursive: true, force: true });
  }
}
