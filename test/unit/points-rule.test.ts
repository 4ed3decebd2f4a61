// The spending rule the counter narrows from RM's figures, for its estimates while RM cannot be asked.
import { describe, expect, it } from 'vitest';
import { estimatePoints, narrowRule, type RuleBounds } from '../../app/awards/points.ts';
import { MAX_AMOUNT_SEN, MAX_POINTS_PER_RINGGIT } from '../../app/common/money.ts';
import { pointsFor } from '../../app/sandbox/spending-rule.ts';

/** The rule after RM's figures for these amounts under `perRinggit`, one preview after another. */
function learnt(perRinggit: number, amounts: number[], from: RuleBounds | null = null): RuleBounds {
  return amounts.reduce<RuleBounds | null>((rule, amountSen) => narrowRule(rule, amountSen, pointsFor(amountSen, perRinggit)), from) as RuleBounds;
}

describe('the spending rule narrowed from RM\'s figures', () => {
  it('never estimates more than RM gives, and comes to RM\'s own figure as larger amounts are previewed', () => {
    for (const perRinggit of [1, 5, 0.1, 1.5, 2 / 7, 0.3333]) {
      const large = [100_000, 123_456, 5_000_000];
      const afterSmall = learnt(perRinggit, [1234, 877, 2550]);
      for (const amountSen of large) {
        expect(estimatePoints(amountSen, afterSmall.atLeast), `${perRinggit} per RM 1, ${amountSen} sen`).toBeLessThanOrEqual(pointsFor(amountSen, perRinggit));
      }
      const afterLarge = learnt(perRinggit, [250_000, 1_000_000], afterSmall);
      for (const amountSen of [100_000, 123_456, 1234]) {
        expect(estimatePoints(amountSen, afterLarge.atLeast), `${perRinggit} per RM 1, ${amountSen} sen, after large previews`).toBe(pointsFor(amountSen, perRinggit));
      }
    }
    // The case a shop sees: 12 points for RM 12.34 alone makes RM 1,000 972 points; after RM 250.00, 1,000.
    expect(estimatePoints(100_000, learnt(1, [1234]).atLeast)).toBe(972);
    expect(estimatePoints(100_000, learnt(1, [1234, 25_000]).atLeast)).toBe(1000);
  });

  it('gives no estimate beyond the most points an award may carry, so a rule richer than any seen never refuses a sale', () => {
    const rich = MAX_POINTS_PER_RINGGIT * 10;
    const rule = learnt(rich, [100]);
    expect(estimatePoints(100, rule.atLeast)).toBe(rich);
    expect(estimatePoints(MAX_AMOUNT_SEN, rule.atLeast)).toBeNull();
  });

  it('starts again from the figure that shows the shop changed its rule', () => {
    const before = learnt(1, [1234, 25_000]);
    const changed = learnt(2, [5000], before);
    expect(changed).toEqual({ atLeast: 100 / 5000, below: 101 / 5000 });
    expect(estimatePoints(5000, changed.atLeast)).toBe(100);
  });

  it('reproduces every figure it was narrowed with', () => {
    for (const perRinggit of [1, 2.5, 0.3]) {
      const amounts = Array.from({ length: 400 }, (_, i) => 1 + i * 7).filter((amountSen) => pointsFor(amountSen, perRinggit) > 0);
      const rule = learnt(perRinggit, amounts);
      for (const amountSen of amounts) expect(estimatePoints(amountSen, rule.atLeast)).toBe(pointsFor(amountSen, perRinggit));
    }
  });
});
