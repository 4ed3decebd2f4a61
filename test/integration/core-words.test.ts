// What the core says reaches the screens as message codes with parameters, so Bahasa Melayu and Chinese can say it too:
// its refusals (the PIN pad's lockout with its seconds, a wrong recovery code, a stale page link) and the award's event
// trail, whose reasons Kaunter writes in English and gives back with their codes (app/awards/event-words.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../app/messages.ts';
import type { ContractError, MethodOutput, Result } from '../../app/contract.ts';
import { makeCoreRig, type CoreRig } from '../fixtures/core-rig.ts';

let rig: CoreRig;
afterEach(async () => rig?.close());

function refusal(result: Result<unknown>): ContractError {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe("the core's words, as codes", () => {
  it("the PIN pad's refusals carry their code and the seconds to wait", async () => {
    rig = await makeCoreRig();
    expect(await rig.dispatch('manager.setPin', { pin: '2468', managerName: 'Siti' })).toMatchObject({ ok: true });
    await rig.dispatch('manager.lock', {});
    const wrong: ContractError[] = [];
    for (let attempt = 0; attempt < 6; attempt++) wrong.push(refusal(await rig.dispatch('manager.unlock', { pin: '1111' })));
    expect(wrong[0]).toMatchObject({ code: 'PIN_WRONG', key: 'error.PIN_WRONG' });
    const locked = wrong.find((error) => error.code === 'PIN_LOCKED_OUT');
    expect(locked).toMatchObject({ key: 'manager.wrongPinLocked', params: { seconds: expect.any(Number) as unknown } });
    expect(locked?.message).toBe(MESSAGES['manager.wrongPinLocked']?.replace('{{seconds}}', String(locked?.params?.seconds)));
    expect(refusal(await rig.dispatch('manager.unlock', { pin: '2468' }))).toMatchObject({ code: 'PIN_LOCKED_OUT', key: 'manager.lockedOutFor', params: { seconds: expect.any(Number) as unknown } });
    expect(refusal(await rig.dispatch('manager.recover', { recoveryCode: 'AAAA-BBBB-CCCC-DDDD', pin: '1357' }))).toMatchObject({ code: 'PIN_WRONG', key: 'manager.recoveryWrong' });
  });

  it('a page link that is no longer valid has its code', async () => {
    rig = await makeCoreRig();
    expect(await rig.dispatch('manager.setPin', { pin: '2468', managerName: 'Siti' })).toMatchObject({ ok: true });
    expect(refusal(await rig.dispatch('history.page', { filter: {}, cursor: 'not-a-cursor', limit: 10 }))).toMatchObject({ key: 'history.cursorStale' });
  });

  it("an award's trail comes with each reason's code and each actor's kind", async () => {
    rig = await makeCoreRig();
    const { desk } = rig.core.env;
    await desk.close();
    const id = desk.queue({ amountSen: 100, member: { type: 'ID', memberId: 'M1' }, cashier: 'Aina' }, 'cashier:Aina').id;
    expect(await rig.dispatch('award.undo', { id })).toMatchObject({ ok: true, value: { state: 'VOIDED' } });
    const detail = await rig.dispatch('award.get', { id });
    if (!detail.ok) throw new Error(detail.error.message);
    expect((detail.value as MethodOutput<'award.get'>).events.map(({ reason, said, by }) => ({ reason, said, by }))).toEqual([
      { reason: 'submitted', said: { key: 'event.submitted', params: {} }, by: { kind: 'cashier', name: 'Aina' } },
      { reason: 'undone at the counter before it was sent', said: { key: 'event.undoneAtCounter', params: {} }, by: { kind: 'cashier', name: expect.any(String) as unknown } },
    ]);
  });
});
