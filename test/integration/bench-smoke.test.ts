// The benchmarks must not rot: each one runs with --quick (tiny sizes) in its own process, prints its figures and writes
// its JSON result with finite positive numbers and passing correctness checks. Nothing here judges speed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCHMARKS, benchmarkScript } from '../bench/lib/benchmarks.ts';
import type { BenchResult } from '../bench/lib/report.ts';
import { outputOf, type CliResult } from '../fixtures/cli.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const outDir = mkdtempSync(join(tmpdir(), 'kaunter-bench-smoke-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function runQuick(script: string): Promise<CliResult> {
  return outputOf(spawn(process.execPath, [script, '--quick', '--out-dir', outDir], { cwd: REPO }));
}

describe('benchmarks, --quick', () => {
  for (const name of BENCHMARKS) {
    it(`${name}: prints its figures and writes ${name}.json with finite positive numbers`, async () => {
      const run = await runQuick(benchmarkScript(name));
      expect(run.code, `${name} exited with ${run.code}:\n${run.stderr}`).toBe(0);
      const result = JSON.parse(readFileSync(join(outDir, `${name}.json`), 'utf8')) as BenchResult;
      expect(result).toMatchObject({ benchmark: name, quick: true });
      expect(result.figures.length).toBeGreaterThan(0);
      expect(result.ratios.length).toBeGreaterThan(0);
      for (const figure of result.figures) {
        expect(Number.isFinite(figure.value) && figure.value > 0, `${figure.key} = ${figure.value}`).toBe(true);
        expect(run.stdout).toContain(figure.key);
      }
      for (const ratio of result.ratios) {
        expect(Number.isFinite(ratio.value) && ratio.value > 0, `${ratio.key} = ${ratio.value}`).toBe(true);
        expect(run.stdout).toContain(ratio.key);
      }
      expect(result.checks.filter((check) => !check.passed)).toEqual([]);
      if (name === 'sync-latency') {
        // The recorded size says what the table measured (it once recorded both candidates' awards as each one's).
        const measured = Number(/Award latency, (\d+) awards each/.exec(run.stdout)?.[1]);
        expect(result.sizes).toMatchObject({ awardsPerCandidate: measured, awardsInAll: 2 * measured });
      }
    }, 60_000);
  }
});
