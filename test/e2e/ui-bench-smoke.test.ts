// The UI benchmark runs end to end in --quick mode: it builds the renderer and a bare React app, measures both gzipped,
// loads the counter in Chromium through the browser host, and writes its JSON with sane figures and passing checks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResult } from '../bench/lib/report.ts';

const outDir = mkdtempSync(join(tmpdir(), 'kaunter-ui-bench-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function figure(result: BenchResult, key: string): number {
  const found = result.figures.find((entry) => entry.key === key);
  if (!found) throw new Error(`the benchmark did not report ${key}`);
  return found.value;
}

describe('ui benchmark (--quick)', () => {
  it('reports bundle bytes and time to an interactive amount field against same-run baselines', () => {
    const run = spawnSync(process.execPath, ['test/bench/ui.bench.ts', '--quick', '--out-dir', outDir], { encoding: 'utf8', timeout: 100_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('== ui: ratios (same run, same machine)');
    const result = JSON.parse(readFileSync(join(outDir, 'ui.json'), 'utf8')) as BenchResult;
    expect(result.quick).toBe(true);
    expect(result.checks.length).toBeGreaterThanOrEqual(3);
    expect(result.checks.every((check) => check.passed)).toBe(true);
    const bundle = figure(result, 'bundle.gzipBytes');
    expect(bundle).toBe(figure(result, 'bundle.initialGzipBytes') + figure(result, 'bundle.onDemandGzipBytes'));
    expect(bundle).toBeGreaterThan(figure(result, 'baseline.reactAppGzipBytes'));
    expect(figure(result, 'bundle.rawBytes')).toBeGreaterThan(bundle);
    expect(figure(result, 'start.amountInteractiveMedianMs')).toBeGreaterThan(0);
    expect(figure(result, 'baseline.blankPageMedianMs')).toBeGreaterThan(0);
    for (const ratio of result.ratios) expect(Number.isFinite(ratio.value) && ratio.value > 0, ratio.key).toBe(true);
  });
});
