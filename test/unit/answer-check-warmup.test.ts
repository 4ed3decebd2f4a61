// The host and the core each warm their check of history pages once the core is open: the made-up awards must pass the
// contract's check (or the warm-up would train the path that refuses), and the pages go one per turn of the event loop,
// so the host still answers the window, and the core its calls, while they warm.
import { describe, expect, it } from 'vitest';
import { warmAnswerChecks } from '../../app/core-process/answer-check-warmup.ts';

describe('warming the check of history pages', () => {
  it('checks made-up pages that all pass the contract’s check of history.page', async () => {
    expect(await warmAnswerChecks(12)).toBe(12);
  });

  it('checks one page per turn of the event loop, so other work runs in between', async () => {
    let otherTurns = 0;
    let warming = true;
    const other = (): void => {
      if (!warming) return;
      otherTurns += 1;
      setImmediate(other);
    };
    setImmediate(other);
    await warmAnswerChecks(30);
    warming = false;
    expect(otherTurns).toBeGreaterThanOrEqual(29);
  });
});
