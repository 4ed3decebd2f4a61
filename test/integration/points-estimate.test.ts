// The counter's own estimate of an award's points, for when RM cannot be asked: learnt from RM's figures in previews.
// Through the real dispatcher and the training sandbox.
import { afterEach, describe, expect, it } from 'vitest';
import { makeCoreRig, type CoreRig } from '../fixtures/core-rig.ts';

type Preview = { points: number | null; estimate: boolean };

let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function preview(open: CoreRig, amountSen: number): Promise<Preview> {
  const answer = await open.dispatch('award.preview', { amountSen });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as Preview;
}

describe("the counter's points estimate", () => {
  it('never promises more than RM gives, narrows with larger amounts, and is not learnt from a figure of 0 points', async () => {
    rig = await makeCoreRig();
    expect(await preview(rig, 1250)).toEqual(expect.objectContaining({ points: 12, estimate: false }));
    // RM's rule gives nothing for 50 sen: true, but no rate to learn from.
    expect(await preview(rig, 50)).toEqual(expect.objectContaining({ points: 0, estimate: false }));
    await rig.training.sandbox?.refuseConnections(true);
    try {
      // The training sandbox's rule is 1 point per RM 1; from 12 points for RM 12.50 alone, never more than RM gives.
      expect(await preview(rig, 2000)).toEqual(expect.objectContaining({ points: 19, estimate: true }));
      expect(await preview(rig, 100_000)).toEqual(expect.objectContaining({ points: 960, estimate: true }));
    } finally {
      await rig.training.sandbox?.refuseConnections(false);
    }
    // A larger amount previewed narrows the rule, and a smaller one after it does not widen it again: RM 1,000 is then
    // estimated as RM gives it.
    expect(await preview(rig, 25_000)).toEqual(expect.objectContaining({ points: 250, estimate: false }));
    expect(await preview(rig, 1234)).toEqual(expect.objectContaining({ points: 12, estimate: false }));
    await rig.training.sandbox?.refuseConnections(true);
    try {
      expect(await preview(rig, 100_000)).toEqual(expect.objectContaining({ points: 1000, estimate: true }));
    } finally {
      await rig.training.sandbox?.refuseConnections(false);
    }
  });
});
