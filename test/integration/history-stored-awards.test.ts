// History shows the awards the database holds, as it holds them. A member was checked by the rules of the day it was
// submitted; a rule made stricter later (as the phone rules were) must not make a manager's history page fail.
import { afterEach, describe, expect, it } from 'vitest';
import { makeCoreRig, type CoreRig } from '../fixtures/core-rig.ts';

let rig: CoreRig;
afterEach(async () => rig?.close());

describe('stored awards in history', () => {
  it('a page with an award whose phone today\'s rules refuse is still shown, with that phone as stored', async () => {
    rig = await makeCoreRig();
    const { db, desk } = rig.core.env;
    await desk.close();
    const id = desk.queue({ amountSen: 100, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' }, cashier: 'Aina' }, 'test').id;
    // 011 numbers have eight digits after 11; an older Kaunter took nine-digit ones.
    db.prepare("UPDATE awards SET phone_number = '114118785', phone_reversed = '587811411' WHERE id = ?").run(id);
    expect(await rig.dispatch('manager.setPin', { pin: '2468', managerName: 'Siti' })).toMatchObject({ ok: true });
    const page = await rig.dispatch('history.page', { filter: {}, cursor: null, limit: 50 });
    expect(page).toMatchObject({ ok: true, value: { items: [{ id, member: { type: 'PHONENUMBER', phoneNumber: '114118785' } }] } });
    expect(await rig.dispatch('award.get', { id })).toMatchObject({ ok: true });
  });
});
