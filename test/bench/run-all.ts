// Every benchmark, one after another (never two at once: each uses both cores its own way), each in its own process so
// none inherits another's heap or JIT; then one summary table of the ratios and goals from their JSON results.
//   node test/bench/run-all.ts [--quick] [--out-dir <dir>]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBenchArgs } from './lib/args.ts';
import { BENCHMARKS, benchmarkScript } from './lib/benchmarks.ts';
import { formatNumber, printTable, type Cell } from './lib/format.ts';
import type { BenchResult } from './lib/report.ts';

const args = parseBenchArgs(process.argv.slice(2));
const passOn = [...(args.quick ? ['--quick'] : []), '--out-dir', args.outDir];
const outcomes: Array<{ name: string; exitCode: number | null; seconds: number; result: BenchResult | null }> = [];

for (const name of BENCHMARKS) {
  const script = benchmarkScript(name);
  const jsonPath = join(args.outDir, `${name}.json`);
  rmSync(jsonPath, { force: true });
  console.log(`\n########## ${name} ##########`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [script, ...passOn], { stdio: 'inherit' });
  const seconds = (performance.now() - started) / 1000;
  const result = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchResult) : null;
  outcomes.push({ name, exitCode: run.status, seconds, result });
}

const rows: Cell[][] = [];
for (const { name, exitCode, seconds, result } of outcomes) {
  if (!result || exitCode !== 0) {
    rows.push([name, 'FAILED (see its output above)', `exit code ${exitCode}`, '', `${seconds.toFixed(0)} s`]);
    continue;
  }
  for (const ratio of result.ratios) {
    rows.push([name, ratio.key, formatNumber(ratio.value), ratio.goal ? `goal ${ratio.goal}: ${ratio.meetsGoal ? 'met' : 'NOT met'}` : 'ratio', '']);
  }
  for (const goal of result.goals) {
    rows.push([name, goal.key, `${formatNumber(goal.value)} ${goal.unit}`, goal.met ? 'goal met' : 'goal NOT met', '']);
  }
  const failedChecks = result.checks.filter((check) => !check.passed).length;
  rows.push([name, `${result.checks.length} correctness checks`, failedChecks === 0 ? 'all passed' : `${failedChecks} FAILED`, '', `${seconds.toFixed(0)} s`]);
}
printTable(`Summary${args.quick ? ' (--quick sizes: smoke check only, not figures to quote)' : ''}`, ['benchmark', 'measure', 'value', 'goal', 'took'], rows);
const summaryPath = join(args.outDir, 'summary.json');
writeFileSync(summaryPath, `${JSON.stringify(outcomes.map(({ name, exitCode, seconds, result }) => ({ name, exitCode, seconds, result })), null, 2)}\n`);
console.log(`\nwrote ${summaryPath}`);
if (outcomes.some((outcome) => outcome.exitCode !== 0)) process.exitCode = 1;
