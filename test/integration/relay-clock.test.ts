// A clock set back. RM refuses a request whose timestamp is more than 120 s off its own (INVALID_TIMESTAMP), and the
// cashier is told to fix the PC's clock; a clock that was hours fast goes back when they do. Found by helper-45: the
// pause and the award's next try were wall-clock times set under the fast clock, so sending stayed paused, and that
// award queued, for those hours.
import { afterEach, describe, expect, it } from 'vitest';
import { makeRig, sale, waitFor, type Rig } from '../fixtures/award-rig.ts';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const HOURS_8 = 8 * 3_600_000;

describe('a clock set back', () => {
  it('ends a pause that began under it, and the award tried then is due at once, sent once', async () => {
    // This PC's clock is 8 hours fast: its awards are stamped so, and RM, judging by its own, refuses them.
    let clock = Date.now() + HOURS_8;
    rig = await makeRig({ desk: { now: () => clock } });
    rig.sandbox.setClockSkewSeconds(HOURS_8 / 1000);
    rig.desk.startRelay();
    const award = rig.desk.queue(sale(800), 'cashier:Aina');
    rig.desk.wake();
    await waitFor(() => rig?.desk.relayStatus?.paused);
    expect(rig.desk.relayStatus?.paused).toMatchObject({ code: 'INVALID_TIMESTAMP' });
    expect(rig.desk.detail(award.id)?.award).toMatchObject({ state: 'QUEUED', lastError: { code: 'INVALID_TIMESTAMP' } });

    // The cashier sets the clock right. Nobody presses anything: the relay finds the pause over and the award due.
    rig.sandbox.setClockSkewSeconds(0);
    clock = Date.now();
    await waitFor(() => rig?.desk.detail(award.id)?.award.state === 'AWARDED', 5_000);
    expect(rig.desk.relayStatus?.paused ?? null).toBeNull();
    expect(rig.sandbox.ledger()).toHaveLength(1);
  });

  it('a step back of a few seconds (the OS keeping the clock in step) ends neither the pause nor the wait', async () => {
    let clock = Date.now();
    rig = await makeRig({ desk: { now: () => clock } });
    rig.sandbox.setClockSkewSeconds(900);
    rig.desk.startRelay();
    const award = rig.desk.queue(sale(800), 'cashier:Aina');
    rig.desk.wake();
    await waitFor(() => rig?.desk.relayStatus?.paused);
    rig.sandbox.setClockSkewSeconds(0);
    clock -= 5_000;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(rig.desk.relayStatus?.paused).toMatchObject({ code: 'INVALID_TIMESTAMP' });
    expect(rig.desk.detail(award.id)?.award.state).toBe('QUEUED');
    expect(rig.sandbox.ledger()).toHaveLength(0);
  });
});
