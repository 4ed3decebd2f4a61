// Issue 11 item 3, the manager's session bound to its caller: a PIN typed in one window or socket unlocks that one and
// no other; a caller that goes loses its session; "locked" is told to the caller whose session closed; and a customer
// display may call nothing at all. The same through the core in this process and in its own.
import { afterEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type Caller } from '../../app/contract.ts';
import { CONTRACT_RIGS, type ContractRig } from '../fixtures/core-rig.ts';

const A: Caller = { id: 'socket:a', role: 'counter' };
const B: Caller = { id: 'socket:b', role: 'counter' };
const DISPLAY: Caller = { id: 'socket:display', role: 'display' };
const HISTORY = { filter: {}, cursor: null, limit: 10 };

let rig: ContractRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

/** A terminal whose PIN caller A set in the setup (which opened A's session). */
async function setUp(make: () => Promise<ContractRig>): Promise<ContractRig> {
  const opened = await make();
  expect(await opened.dispatchAs(A, 'manager.setPin', { pin: '2468', managerName: 'Siti' })).toMatchObject({ ok: true, value: { unlocked: true } });
  expect(await opened.dispatchAs(A, 'settings.update', { setupComplete: true })).toMatchObject({ ok: true });
  return opened;
}

describe.each(CONTRACT_RIGS)('callers, with the core %s', (_where, make) => {
  it('a manager unlock on one caller leaves another locked', async () => {
    rig = await setUp(make);
    expect(await rig.dispatchAs(B, 'history.page', HISTORY)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await rig.dispatchAs(B, 'manager.status', {})).toMatchObject({ ok: true, value: { unlocked: false } });
    expect(await rig.dispatchAs(A, 'history.page', HISTORY)).toMatchObject({ ok: true });
    expect(await rig.dispatchAs(B, 'manager.unlock', { pin: '2468' })).toMatchObject({ ok: true, value: { unlocked: true } });
    expect(await rig.dispatchAs(B, 'history.page', HISTORY)).toMatchObject({ ok: true });
  });

  it('a caller that goes loses its session; a lock is told to that caller only', async () => {
    rig = await setUp(make);
    await rig.dispatchAs(B, 'manager.unlock', { pin: '2468' });
    rig.callerGone(A.id);
    // The core's process hears of it with the next message on the same channel, so this call comes after it.
    expect(await rig.dispatchAs(A, 'history.page', HISTORY)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await rig.dispatchAs(B, 'history.page', HISTORY)).toMatchObject({ ok: true });
    expect(await rig.dispatchAs(B, 'manager.lock', {})).toMatchObject({ ok: true, value: { unlocked: false } });
    const locked = rig.events.filter((event) => event.event === 'manager.locked');
    expect(locked).toEqual([{ event: 'manager.locked', payload: {}, to: B.id }]);
  });

  it('a customer display can call nothing, not even what the counter may call without the PIN', async () => {
    rig = await setUp(make);
    for (const method of METHOD_NAMES) {
      expect(await rig.dispatchAs(DISPLAY, method, {}), method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
  });
});
