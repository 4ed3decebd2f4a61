// Throughput through a long run, tenth by tenth: a rate that falls as the run goes on points at work that grows with
// what was already done (a list scanned per request), one that rises at work that shrinks with what is left.

export interface Tenth {
  tenth: number;
  items: number;
  perSecond: number;
}

/** `doneAtMs`: the time each item finished, in order; `startedMs`: when the run began. */
export function throughputByTenth(startedMs: number, doneAtMs: readonly number[]): Tenth[] {
  const tenths: Tenth[] = [];
  let previousEnd = startedMs;
  let previousIndex = 0;
  for (let tenth = 1; tenth <= 10; tenth += 1) {
    const lastIndex = Math.round((doneAtMs.length * tenth) / 10);
    const items = lastIndex - previousIndex;
    if (items === 0) continue;
    const end = doneAtMs[lastIndex - 1] as number;
    tenths.push({ tenth, items, perSecond: (items / Math.max(end - previousEnd, 1e-3)) * 1000 });
    previousEnd = end;
    previousIndex = lastIndex;
  }
  return tenths;
}
