// The count the hub's limits read: open while the work runs, back to nothing however the work ends.
import { describe, expect, it } from 'vitest';
import { OpenCounts } from '../../hub/open-counts.ts';

describe('open counts', () => {
  it('counts each key while its work runs, and forgets it when the work ends or fails', async () => {
    const counts = new OpenCounts();
    let release = (): void => undefined;
    const first = counts.during(['a', 'b'], () => new Promise<void>((resolve) => (release = resolve)));
    const failing = counts.during(['a'], () => Promise.reject(new Error('refused')));
    expect([counts.count('a'), counts.count('b')]).toEqual([2, 1]);
    await expect(failing).rejects.toThrow('refused');
    expect([counts.count('a'), counts.count('b')]).toEqual([1, 1]);
    release();
    await first;
    expect([counts.count('a'), counts.count('b')]).toEqual([0, 0]);
    expect(await counts.during(['c'], () => Promise.resolve(42))).toBe(42);
  });
});
