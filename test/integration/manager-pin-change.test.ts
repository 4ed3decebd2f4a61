// A manager screen left unlocked must not let a passer-by change the PIN, or make a new recovery code (which sets a new
// PIN), and so lock the manager out: both ask for the current PIN, checked by the core, and wrong ones count with the
// PIN pad's. The first PIN, in the setup, needs none. The same through the core in this process and in its own.
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../app/contract.ts';
import { CONTRACT_RIGS, type ContractRig } from '../fixtures/core-rig.ts';

const A: Caller = { id: 'socket:a', role: 'counter' };
const B: Caller = { id: 'socket:b', role: 'counter' };

let rig: ContractRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe.each(CONTRACT_RIGS)('changing the PIN, with the core %s', (_where, make) => {
  it('an unlocked session alone cannot change the PIN or make a new recovery code', async () => {
    rig = await make();
    expect(await rig.dispatchAs(A, 'manager.setPin', { pin: '2468', managerName: 'Siti' })).toMatchObject({ ok: true, value: { unlocked: true } });
    expect(await rig.dispatchAs(A, 'settings.update', { setupComplete: true })).toMatchObject({ ok: true });

    expect(await rig.dispatchAs(A, 'manager.setPin', { pin: '1357', managerName: 'Mallory' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', key: 'manager.currentPinNeeded', field: 'currentPin' },
    });
    expect(await rig.dispatchAs(A, 'manager.setPin', { pin: '1357', managerName: 'Mallory', currentPin: '1111' })).toMatchObject({
      ok: false,
      error: { code: 'PIN_WRONG' },
    });
    expect(await rig.dispatchAs(A, 'manager.newRecoveryCode', { currentPin: '2222' })).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    // The third wrong PIN, whichever form it came through, shuts the pad too.
    const third = await rig.dispatchAs(A, 'manager.newRecoveryCode', { currentPin: '3333' });
    expect(third).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED_OUT', key: 'manager.wrongPinLocked', params: { seconds: 30 } } });
    expect(await rig.dispatchAs(B, 'manager.unlock', { pin: '2468' })).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED_OUT' } });
    expect(await rig.dispatchAs(A, 'manager.status', {})).toMatchObject({ ok: true, value: { managerName: 'Siti', unlocked: true } });
  });

  it('with the current PIN the change is made; the first PIN needs none, and in the setup the current PIN alone is enough', async () => {
    rig = await make();
    expect(await rig.dispatchAs(A, 'manager.setPin', { pin: '2468', managerName: 'Siti' })).toMatchObject({ ok: true });
    // The wizard again after a restart, in a window whose session is not open: the current PIN lets it change the PIN.
    expect(await rig.dispatchAs(B, 'manager.setPin', { pin: '1357', managerName: 'Siti' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await rig.dispatchAs(B, 'manager.setPin', { pin: '1357', managerName: 'Aminah', currentPin: '2468' })).toMatchObject({
      ok: true,
      value: { unlocked: true, managerName: 'Aminah', recoveryCode: null },
    });
    expect(await rig.dispatchAs(B, 'settings.update', { setupComplete: true })).toMatchObject({ ok: true });
    const made = await rig.dispatchAs(B, 'manager.newRecoveryCode', { currentPin: '1357' });
    expect(made).toMatchObject({ ok: true, value: { recoveryCode: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) as unknown } });
    expect(await rig.dispatchAs(A, 'manager.unlock', { pin: '2468' })).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    expect(await rig.dispatchAs(A, 'manager.unlock', { pin: '1357' })).toMatchObject({ ok: true, value: { unlocked: true } });
  });
});
