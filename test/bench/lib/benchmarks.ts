// The benchmarks, in the order run-all runs them (cheap first, so a broken setup shows in seconds).
export const BENCHMARKS = ['signing', 'tls-connection', 'award-latency', 'submit-latency', 'drain', 'history', 'core-process', 'ui', 'hub-ingest', 'hub-history', 'sync-latency'] as const;

export type BenchmarkName = (typeof BENCHMARKS)[number];

export function benchmarkScript(name: BenchmarkName): string {
  return new URL(`../${name}.bench.ts`, import.meta.url).pathname;
}
