// Timing primitives. Candidates compared in one benchmark run in alternating rounds, so a slow moment of the machine
// (another process, a CPU frequency change) falls on both sides instead of on whichever ran second.
import { median } from './stats.ts';

export function nowMs(): number {
  return performance.now();
}

export function timeSync(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

export async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Calls `work` repeatedly for about `durationMs`; returns operations per second. */
export function opsPerSecond(work: () => unknown, durationMs: number): number {
  let operations = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let i = 0; i < 16; i += 1) work();
    operations += 16;
    elapsed = performance.now() - started;
  }
  return (operations / elapsed) * 1000;
}

export interface Candidate {
  name: string;
  work: () => unknown;
}

/**
 * Throughput of each candidate as the median of `rounds` alternating rounds of `roundMs` each, after one warm-up round
 * per candidate. Returns ops/s by candidate name.
 */
export function compareThroughput(candidates: readonly Candidate[], rounds: number, roundMs: number): Map<string, number> {
  for (const candidate of candidates) opsPerSecond(candidate.work, roundMs);
  const samples = new Map<string, number[]>(candidates.map((candidate) => [candidate.name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const candidate of candidates) samples.get(candidate.name)?.push(opsPerSecond(candidate.work, roundMs));
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}
