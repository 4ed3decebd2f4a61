// `npm test` runs each one-at-a-time Vitest project in a process of its own beside the rest (test/vitest-processes.ts),
// and CI reads only its last line: every process's passes, failures and skips must reach it, a process that fails
// without counting a failure must still fail the run, and the lines of processes running at once must stay whole.
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isRunning } from '../../app/process-running.ts';
import { until } from '../fixtures/until.ts';
import { ALONE, forwardLines, runAllVitest, vitestProcesses, type Counts } from '../vitest-processes.ts';

const STAND_IN = 'test/fixtures/vitest-processes/vitest.config.ts';

/** Runs the stand-in's Vitest processes with their output kept here, not mixed into this run's own. */
async function runStandIn(extraArgs: string[]): Promise<{ totals: Counts; output: string }> {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const totals = await runAllVitest(STAND_IN, extraArgs, output, 'alone');
  return { totals, output: text };
}

describe("npm test's Vitest processes", () => {
  it("gives Kaunter's end-to-end tests a process of their own, and the rest one together", async () => {
    expect(await vitestProcesses('test/vitest.config.ts', ALONE)).toEqual([
      { args: ['--project', 'e2e'], label: 'e2e' },
      { args: ['--project', 'core', '--project', 'hub', '--project', 'ui'], label: 'core+hub+ui' },
    ]);
    await expect(vitestProcesses('test/vitest.config.ts', 'e2f')).rejects.toThrow('test/vitest.config.ts has no project "e2f" to run on its own');
  });

  it('runs the processes side by side, totals what each counted, and marks each line with its process', async () => {
    const meeting = mkdtempSync(join(tmpdir(), 'kaunter-processes-'));
    process.env.KAUNTER_PROCESSES_MEETING = meeting;
    try {
      // Both "runs while the other project runs" pass only if the two processes overlap; one of the others fails on
      // purpose and one is skipped.
      const run = await runStandIn([]);
      expect(run.totals, run.output).toEqual({ passed: 2, failed: 1, skipped: 1 });
      expect(run.output).toMatch(/^alone \| .*failing on purpose/m);
      expect(run.output).toMatch(/^together \| .*together\.check\.ts/m);
      expect(run.output.split('\n').filter((line) => line !== '' && !/^(alone|together) \| /.test(line))).toEqual([
        '== tests: alone, together, side by side, each line marked with its own',
      ]);
      // What the tests left in their temporary folder was in the run's own, and went with it.
      const left = ['alone', 'together'].map((name) => readFileSync(join(meeting, `${name}.left`), 'utf8'));
      for (const folder of left) expect(folder.startsWith(join(tmpdir(), 'kaunter-test-run-')), folder).toBe(true);
      expect(left.filter((folder) => existsSync(folder))).toEqual([]);
    } finally {
      delete process.env.KAUNTER_PROCESSES_MEETING;
      rmSync(meeting, { recursive: true, force: true });
    }
  }, 90_000);

  it('counts a Vitest process that fails before counting anything as a failure', async () => {
    const run = await runStandIn(['--project', 'no-such-project']);
    expect(run.totals, run.output).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(run.output).toContain('No projects matched the filter "no-such-project"');
  });

  it('passes a SIGTERM on to every process and all it started, then ends the run with them counted as failed', async () => {
    const meeting = mkdtempSync(join(tmpdir(), 'kaunter-processes-'));
    try {
      const env = { ...process.env, KAUNTER_PROCESSES_MEETING: meeting, KAUNTER_PROCESSES_HOLD: '1' };
      const script = `const { runAllVitest } = await import('./test/vitest-processes.ts'); console.log('TOTALS ' + JSON.stringify(await runAllVitest('${STAND_IN}', [], undefined, 'alone'))); console.log('TIMERS LEFT ' + process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length);`;
      const runner = spawn(process.execPath, ['--input-type=module', '-e', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let said = '';
      runner.stdout.on('data', (chunk: Buffer) => (said += chunk.toString('utf8')));
      runner.stderr.on('data', (chunk: Buffer) => (said += chunk.toString('utf8')));
      const exited = once(runner, 'exit');
      await until(() => existsSync(join(meeting, 'alone')) && existsSync(join(meeting, 'together')), 'both checks to start', 30_000, 50);
      // The pids of the Vitest workers running the two checks: processes the runner did not start itself.
      const workers = ['alone', 'together'].map((name) => Number(readFileSync(join(meeting, name), 'utf8')));
      runner.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      expect(code, said).toBe(0);
      expect(said).toContain(`TOTALS ${JSON.stringify({ passed: 0, failed: 2, skipped: 0 })}`);
      // Nothing it leaves behind keeps the process that ran it (npm test) from ending, nor stays in the temporary folder.
      expect(said).toContain('TIMERS LEFT 0');
      expect(['alone', 'together'].map((name) => readFileSync(join(meeting, `${name}.left`), 'utf8')).filter((folder) => existsSync(folder))).toEqual([]);
      // They end a moment after the Vitest process that started them; without the signal they would hold for 60 s.
      await until(() => !workers.some(isRunning), `the Vitest workers ${workers.join(' and ')} to end`, 10_000, 50);
    } finally {
      rmSync(meeting, { recursive: true, force: true });
    }
  }, 60_000);

  it('passes output on whole lines only, however the chunks fall, and ends an unfinished last line', async () => {
    const from = new PassThrough();
    const to = new PassThrough();
    const writes: string[] = [];
    to.on('data', (chunk: Buffer) => writes.push(chunk.toString('utf8')));
    forwardLines(from, to, 'e2e | ');
    for (const chunk of ['✓ one', ' file\n× two', '\n\nthree\nfour', ' unfinished']) from.write(chunk);
    from.end();
    await once(from, 'end');
    expect(writes).toEqual(['e2e | ✓ one file\n', 'e2e | × two\ne2e | \ne2e | three\n', 'e2e | four unfinished\n']);
  });
});
