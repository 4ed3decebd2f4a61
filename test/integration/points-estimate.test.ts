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
  it('is not learnt from a preview RM rounded down to 0 points, so offline estimates do not all read 0', async () => {
    rig = await makeCoreRig();
    expect(await preview(rig, 1250)).toEqual(expect.objectContaining({ points: 12, estimate: false }));
    // RM's rule gives nothing for 50 sen: true, but no rate to learn from.
    expect(await preview(rig, 50)).toEqual(expect.objectContaining({ points: 0, estimate: false }));
    await rig.training.sandbox?.refuseConnections(true);
    try {
      expect(await preview(rig, 2000)).toEqual(expect.objectContaining({ points: Math.floor((2000 * 12) / 1250), estimate: true }));
    } finally {
      await rig.training.sandbox?.refuseConnections(false);
    }
  });
});
