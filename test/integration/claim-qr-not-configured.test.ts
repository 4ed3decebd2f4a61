// A claim QR asked for on a terminal whose RM credentials are not set up (a new PC half set up, a keyring that was
// reset): refused before anything is written, in the cashier's words, while a phone award still waits to be sent. A QR
// written then would be made at RM once the setup was finished, for a customer long gone.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../app/contract.ts';
import { CONTRACT_RIGS, type ContractRig } from '../fixtures/core-rig.ts';

describe.each(CONTRACT_RIGS)('a claim QR without RM set up, the core %s', (_name, makeRig) => {
  let rig: ContractRig;
  afterEach(async () => rig?.close());

  it('is refused and nothing is written; a phone award is kept to send later', async () => {
    rig = await makeRig();
    expect(await rig.dispatch('settings.update', { environment: 'sandbox' })).toMatchObject({ ok: true });
    expect(await rig.dispatch('credentials.status', {})).toMatchObject({ ok: true, value: { state: 'needs-setup' } });

    const qrId = randomUUID();
    const refused = await rig.dispatch('award.submit', { id: qrId, amountSen: 1250, member: { type: 'QRCODE' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED', key: 'award.qrNeedsRm' } });
    expect(refused.ok === false && refused.error.message).toContain('Award by phone or member ID');
    expect(await rig.dispatch('award.get', { id: qrId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const phone = await rig.dispatch('award.submit', { id: randomUUID(), amountSen: 1250, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' } });
    expect(phone).toMatchObject({ ok: true, value: { settled: false, waiting: 'not-configured', award: { state: 'QUEUED' } } });
    const queue = (await rig.dispatch('queue.status', {})) as { ok: true; value: MethodOutput<'queue.status'> };
    expect(queue.value).toMatchObject({ queued: 1 });
  });
});
