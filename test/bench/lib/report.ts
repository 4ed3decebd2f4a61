// One benchmark's result: measured figures, ratios against a baseline from the same run, goals, correctness checks and
// notes. Printed as tables and written as JSON to <out-dir>/<name>.json. A slow figure never fails a run; a failed
// correctness check (awards lost, counts wrong) does, because then the figures measure the wrong thing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs, type BenchArgs } from './args.ts';
import { formatNumber, printTable } from './format.ts';
import { machineFacts, type MachineFacts } from './machine.ts';

export interface Figure {
  key: string;
  value: number;
  unit: string;
}

export interface Ratio {
  key: string;
  value: number;
  numerator: string;
  denominator: string;
  /** E.g. ">= 0.9"; absent when the task sets no goal. */
  goal?: string;
  meetsGoal?: boolean;
}

export interface Goal {
  key: string;
  figure: string;
  value: number;
  limit: number;
  comparison: '<' | '>=';
  unit: string;
  met: boolean;
}

export interface Check {
  key: string;
  expected: string;
  actual: string;
  passed: boolean;
}

export interface BenchResult {
  benchmark: string;
  quick: boolean;
  startedAt: string;
  durationSeconds: number;
  machine: MachineFacts;
  /** 1, 5 and 15 minute load averages when the run started and ended: other work on the machine skews absolute figures. */
  loadAverage: { start: number[]; end: number[] };
  sizes: Record<string, number>;
  figures: Figure[];
  ratios: Ratio[];
  goals: Goal[];
  checks: Check[];
  notes: string[];
  details: Record<string, unknown>;
}

export class BenchReport {
  private readonly startedMs = Date.now();
  private readonly result: BenchResult;

  private readonly args: BenchArgs;
  constructor(
    name: string,
    args: BenchArgs,
  ) {
    this.args = args;
    this.result = {
      benchmark: name,
      quick: args.quick,
      startedAt: new Date(this.startedMs).toISOString(),
      durationSeconds: 0,
      machine: machineFacts(),
      loadAverage: { start: loadavg(), end: [] },
      sizes: {},
      figures: [],
      ratios: [],
      goals: [],
      checks: [],
      notes: [],
      details: {},
    };
    console.log(`# ${name} benchmark${args.quick ? ' (--quick: tiny sizes, a smoke check only)' : ''}`);
    console.log(`# ${this.result.machine.cpuModel}, ${this.result.machine.cpuCount} cores, Node ${this.result.machine.node}, load average ${formatLoad(this.result.loadAverage.start)}`);
  }

  size(key: string, value: number): void {
    this.result.sizes[key] = value;
  }

  figure(key: string, value: number, unit: string): number {
    this.result.figures.push({ key, value, unit });
    return value;
  }

  /** numerator / denominator, both figures already recorded. */
  ratio(key: string, numerator: string, denominator: string, goal?: { atLeast?: number; atMost?: number }): number {
    const value = this.figureValue(numerator) / this.figureValue(denominator);
    const entry: Ratio = { key, value, numerator, denominator };
    if (goal?.atLeast !== undefined) {
      entry.goal = `>= ${goal.atLeast}`;
      entry.meetsGoal = value >= goal.atLeast;
    } else if (goal?.atMost !== undefined) {
      entry.goal = `<= ${goal.atMost}`;
      entry.meetsGoal = value <= goal.atMost;
    }
    this.result.ratios.push(entry);
    return value;
  }

  /** An absolute goal from the task (e.g. a history page under 10 ms at p95). Reported, never enforced. */
  goal(key: string, figure: string, comparison: '<' | '>=', limit: number): void {
    const value = this.figureValue(figure);
    const unit = this.result.figures.find((f) => f.key === figure)?.unit ?? '';
    const met = comparison === '<' ? value < limit : value >= limit;
    this.result.goals.push({ key, figure, value, limit, comparison, unit, met });
  }

  check(key: string, expected: string | number | boolean, actual: string | number | boolean): boolean {
    const passed = String(expected) === String(actual);
    this.result.checks.push({ key, expected: String(expected), actual: String(actual), passed });
    console.log(`check: ${key}: expected ${expected}, got ${actual} ${passed ? 'OK' : 'FAILED'}`);
    return passed;
  }

  note(text: string): void {
    this.result.notes.push(text);
  }

  detail(key: string, value: unknown): void {
    this.result.details[key] = value;
  }

  /** The value of a figure already recorded. */
  figureValue(figure: string): number {
    const found = this.result.figures.find((f) => f.key === figure);
    if (!found) throw new Error(`no figure "${figure}" recorded before it was used`);
    return found.value;
  }

  /** Prints the summary tables and writes the JSON file; returns its path. */
  finish(): string {
    this.result.durationSeconds = (Date.now() - this.startedMs) / 1000;
    this.result.loadAverage.end = loadavg();
    this.printSummary();
    mkdirSync(this.args.outDir, { recursive: true });
    const path = join(this.args.outDir, `${this.result.benchmark}.json`);
    writeFileSync(path, `${JSON.stringify(this.result, null, 2)}\n`);
    console.log(`\nwrote ${path} (${this.result.durationSeconds.toFixed(1)} s)`);
    if (this.result.checks.some((check) => !check.passed)) {
      console.error('A correctness check FAILED (see above): these figures do not measure a working system.');
      process.exitCode = 1;
    }
    return path;
  }

  private printSummary(): void {
    const { figures, ratios, goals, notes } = this.result;
    printTable(`== ${this.result.benchmark}: figures`, ['figure', 'value', 'unit'], figures.map((f) => [f.key, f.value, f.unit]));
    if (ratios.length > 0) {
      printTable(
        `== ${this.result.benchmark}: ratios (same run, same machine)`,
        ['ratio', 'value', 'numerator / denominator', 'goal'],
        ratios.map((r) => [r.key, r.value, `${r.numerator} / ${r.denominator}`, r.goal ? `${r.goal} ${r.meetsGoal ? 'met' : 'NOT met'}` : '-']),
      );
    }
    if (goals.length > 0) {
      printTable(
        `== ${this.result.benchmark}: goals (reported, not enforced)`,
        ['goal', 'value', 'limit', 'met'],
        goals.map((g) => [g.key, `${formatNumber(g.value)} ${g.unit}`, `${g.comparison} ${g.limit} ${g.unit}`, g.met ? 'yes' : 'NO']),
      );
    }
    for (const text of notes) console.log(`note: ${text}`);
    console.log(`load average (1/5/15 min) at start ${formatLoad(this.result.loadAverage.start)}, at end ${formatLoad(this.result.loadAverage.end)} on ${this.result.machine.cpuCount} cores`);
  }
}

function formatLoad(load: number[]): string {
  return load.map((value) => value.toFixed(2)).join(' / ');
}

/** Runs a benchmark's main function; an error ends the run with its message and exit code 1. */
export function runBenchmark(main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      console.error(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    });
}

/** A benchmark's sizes by name: [with --quick, in a full run]. */
export type SizeTable = Record<string, readonly [quick: number, full: number]>;

export interface BenchStart<S extends SizeTable> {
  args: BenchArgs;
  report: BenchReport;
  /** Each size for this run, already in the report. */
  sizes: { [K in keyof S]: number };
}

/** Every benchmark's start: its command line read, its report opened, its sizes chosen and recorded; then `main`. */
export function runSizedBenchmark<S extends SizeTable>(name: string, table: S, main: (start: BenchStart<S>) => Promise<void> | void): void {
  runBenchmark(() => {
    const args = parseBenchArgs(process.argv.slice(2));
    const report = new BenchReport(name, args);
    const sizes = Object.fromEntries(Object.entries(table).map(([key, [quick, full]]) => [key, args.quick ? quick : full])) as { [K in keyof S]: number };
    for (const [key, value] of Object.entries(sizes)) report.size(key, value);
    return main({ args, report, sizes });
  });
}

