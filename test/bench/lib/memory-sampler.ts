// Peak memory while something runs: sampled on a timer and whenever the work reports progress, because a synchronous
// stretch of work can starve the timer.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

export interface MemoryPeaks {
  startRssMb: number;
  startHeapMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  samples: number;
}

export interface MemorySampler {
  sample(): void;
  stop(): MemoryPeaks;
}

const MB = 1024 * 1024;

export function startMemorySampler(intervalMs: number): MemorySampler {
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  let samples = 0;
  const sample = (): void => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
    samples += 1;
  };
  const timer = setInterval(sample, intervalMs);
  return {
    sample,
    stop: () => {
      clearInterval(timer);
      sample();
      return { startRssMb: start.rss / MB, startHeapMb: start.heapUsed / MB, peakRssMb: peakRss / MB, peakHeapMb: peakHeap / MB, samples };
    },
  };
}

/** A full garbage collection, so two measurements start from the same heap (the flag can be set at run time). */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
}
