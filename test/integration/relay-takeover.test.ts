// The app takes over sending once another process stops. Found by helper-45: the app tried for the relay lock once, at
// start; started while support's `kaunter drain --until-empty` held it, it sent nothing all day, and its status bar
// said another window was sending.
import { afterEach, describe, expect, it } from 'vitest';
import type { RelayStatus } from '../../app/awards/relay.ts';
import { RelayLock } from '../../app/awards/relay-lock.ts';
import { makeRig, sale, waitFor, type Rig } from '../fixtures/award-rig.ts';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('another process sending for the same database', () => {
  it('the desk takes over once it stops, sends what waited, and tells the screens', async () => {
    const told: RelayStatus[] = [];
    rig = await makeRig({ desk: { relayLockRetryMs: 100, onRelayStatus: (status) => told.push(status) } });
    const otherProcess = RelayLock.tryAcquire(rig.dbPath);
    expect(otherProcess).not.toBeNull();
    rig.desk.startRelayWhenFree();
    expect(rig.desk.isRelay).toBe(false);
    const award = rig.desk.queue(sale(700), 'cashier:Aina');
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(rig.desk.detail(award.id)?.award.state).toBe('QUEUED');
    expect(told).toEqual([]);

    otherProcess?.release();
    await waitFor(() => rig?.desk.detail(award.id)?.award.state === 'AWARDED');
    expect(rig.desk.isRelay).toBe(true);
    // The first word the screens have is the desk's own, on taking over (the relay's own come as it sends).
    expect(told[0]).toEqual({ paused: null, sendingAwardId: null });
    expect(rig.sandbox.ledger()).toHaveLength(1);
  });

  it('a desk that closes while waiting for the lock stops trying', async () => {
    rig = await makeRig({ desk: { relayLockRetryMs: 50 } });
    const otherProcess = RelayLock.tryAcquire(rig.dbPath);
    rig.desk.startRelayWhenFree();
    await rig.desk.close();
    otherProcess?.release();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const free = RelayLock.tryAcquire(rig.dbPath);
    expect(free).not.toBeNull();
    free?.release();
  });
});
