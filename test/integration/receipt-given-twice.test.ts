// The same receipt given twice in a shop day, through the contract (the core in this process and in its own): the
// second award is refused before anything is written, naming the first; the cashier may award again on purpose; a
// receipt whose award RM refused is free; the same sale sent again is still the same sale.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput, Result } from '../../app/contract.ts';
import { DEMO_MEMBERS } from '../../app/sandbox/index.ts';
import { CONTRACT_RIGS, type ContractRig } from '../fixtures/core-rig.ts';

type Submitted = Result<MethodOutput<'award.submit'>>;
const NURUL = { type: 'ID', memberId: DEMO_MEMBERS[0]?.memberId ?? '' } as const;
const NOBODY = { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '139998877' } as const;

describe.each(CONTRACT_RIGS)('a receipt given twice, the core %s', (_name, makeRig) => {
  let rig: ContractRig;
  afterEach(async () => rig?.close());

  const submit = (input: Record<string, unknown>) => rig.dispatch('award.submit', { id: randomUUID(), amountSen: 2000, member: NURUL, ...input }) as Promise<Submitted>;

  it('is refused naming the first award, nothing written; awarded again only on purpose', async () => {
    rig = await makeRig();
    const first = await submit({ amountSen: 1234, receiptRef: 'INV-7' });
    expect(first).toMatchObject({ ok: true, value: { award: { state: 'AWARDED', receiptRef: 'INV-7' } } });
    // The same sale sent again is the same sale, not a second use of its receipt.
    const sameSale = first.ok ? first.value.award.id : '';
    expect(await submit({ id: sameSale, amountSen: 1234, receiptRef: 'INV-7' })).toMatchObject({ ok: true, value: { award: { id: sameSale } } });

    const secondId = randomUUID();
    const refused = await submit({ id: secondId, receiptRef: ' INV-7 ' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', key: 'award.receiptUsed', field: 'receiptRef', params: { receipt: 'INV-7', amount: '12.34' } } });
    expect(refused.ok === false && refused.error.message).toMatch(/^Receipt INV-7 already earned points today at \d{2}:\d{2} \(RM 12\.34\)/);
    expect(await rig.dispatch('award.get', { id: secondId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Typed through a Chinese IME in full-width mode, it is still the same receipt.
    expect(await submit({ id: secondId, receiptRef: 'ＩＮＶ－７' })).toMatchObject({ ok: false, error: { key: 'award.receiptUsed', params: { receipt: 'INV-7' } } });

    expect(await submit({ id: secondId, receiptRef: 'INV-7', repeatReceipt: true })).toMatchObject({ ok: true, value: { award: { state: 'AWARDED', receiptRef: 'INV-7' } } });
    // Its trail says it was awarded again on purpose, in words every language can say; the first award's does not.
    const firstEvent = async (id: string) => {
      const detail = (await rig.dispatch('award.get', { id })) as Result<MethodOutput<'award.get'>>;
      return detail.ok ? detail.value.events[0] : detail.error;
    };
    expect(await firstEvent(secondId)).toMatchObject({ to: 'QUEUED', said: { key: 'event.submittedRepeatReceipt', params: { receipt: 'INV-7' } } });
    expect(await firstEvent(sameSale)).toMatchObject({ to: 'QUEUED', said: { key: 'event.submitted' } });
    expect(await submit({ receiptRef: 'INV-8' })).toMatchObject({ ok: true });
  });

  it('Award again says so in the trail even when this core no longer knows the earlier award (told before a restart)', async () => {
    rig = await makeRig();
    const id = randomUUID();
    expect(await submit({ id, receiptRef: 'INV-10', repeatReceipt: true })).toMatchObject({ ok: true, value: { award: { state: 'AWARDED' } } });
    const detail = (await rig.dispatch('award.get', { id })) as Result<MethodOutput<'award.get'>>;
    expect(detail.ok && detail.value.events[0]).toMatchObject({ to: 'QUEUED', said: { key: 'event.submittedAfterReceiptWarning', params: { receipt: 'INV-10' } } });
  });

  it('a receipt whose award RM refused can be given again', async () => {
    rig = await makeRig();
    expect(await submit({ member: NOBODY, receiptRef: 'INV-9' })).toMatchObject({ ok: true, value: { award: { state: 'REJECTED' } } });
    expect(await submit({ receiptRef: 'INV-9' })).toMatchObject({ ok: true, value: { award: { state: 'AWARDED' } } });
  });
});
