// `npm test` runs each one-at-a-time Vitest project in a process of its own beside the rest (test/vitest-streams.ts),
// and CI reads only its last line: every process's passes, failures and skips must reach it, and a process that fails
// without counting a failure must still fail the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runAllVitest, vitestStreams, type Counts } from '../vitest-streams.ts';

const STAND_IN = 'test/fixtures/vitest-streams/vitest.config.ts';

/** Runs the stand-in's Vitest processes with their output kept here, not mixed into this run's own. */
async function runStandIn(extraArgs: string[]): Promise<{ totals: Counts; output: string }> {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const totals = await runAllVitest(STAND_IN, extraArgs, output);
  return { totals, output: text };
}

describe("npm test's Vitest processes", () => {
  let meeting = '';
  afterEach(() => {
    delete process.env.KAUNTER_STREAMS_MEETING;
    rmSync(meeting, { recursive: true, force: true });
  });

  it("gives each of Kaunter's one-at-a-time projects a process of its own, and the rest one together", async () => {
    expect(await vitestStreams('test/vitest.config.ts')).toEqual([
      ['--project', 'hub'],
      ['--project', 'e2e'],
      ['--project', 'core', '--project', 'ui'],
    ]);
  });

  it('runs the processes side by side and totals what each counted', async () => {
    meeting = mkdtempSync(join(tmpdir(), 'kaunter-streams-'));
    process.env.KAUNTER_STREAMS_MEETING = meeting;
    // Both "runs while the other project runs" pass only if the two processes overlap; one of the others fails on
    // purpose and one is skipped.
    const run = await runStandIn([]);
    expect(run.totals, run.output).toEqual({ passed: 2, failed: 1, skipped: 1 });
    expect(run.output).toContain('failing on purpose');
  }, 90_000);

  it('counts a Vitest process that fails before counting anything as a failure', async () => {
    const run = await runStandIn(['--project', 'no-such-project']);
    expect(run.totals, run.output).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(run.output).toContain('No projects matched the filter "no-such-project"');
  });
});
