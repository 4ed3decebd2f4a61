// Settings through the contract, as the manager's screens use them.
import { afterEach, describe, expect, it } from 'vitest';
import { makeCoreRig, type CoreRig } from '../fixtures/core-rig.ts';

let rig: CoreRig;
afterEach(async () => rig?.close());

describe('settings', () => {
  it('a receipt pattern makes a scanned receipt number fill the receipt field', async () => {
    rig = await makeCoreRig();
    expect(await rig.dispatch('scanner.parse', { text: 'INV-000123' })).toMatchObject({ ok: true, value: { type: 'unrecognised' } });
    expect(await rig.dispatch('settings.update', { receiptPattern: 'INV-\\d{6}' })).toMatchObject({ ok: true, value: { receiptPattern: 'INV-\\d{6}' } });
    expect(await rig.dispatch('scanner.parse', { text: 'INV-000123' })).toEqual({ ok: true, value: { type: 'RECEIPT', reference: 'INV-000123' } });
    expect(await rig.dispatch('settings.update', { receiptPattern: '(unclosed' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'receiptPattern' } });
  });

  it('switching environment opens that environment\'s own database and credentials', async () => {
    rig = await makeCoreRig();
    expect(rig.core.env.environment).toBe('training');
    expect(await rig.dispatch('settings.update', { environment: 'sandbox' })).toMatchObject({ ok: true, value: { environment: 'sandbox' } });
    expect(rig.core.env.dbPath).toMatch(/awards-sandbox\.db$/);
    expect(await rig.dispatch('credentials.status', {})).toMatchObject({ ok: true, value: { state: 'needs-setup' } });
    expect(await rig.dispatch('queue.status', {})).toMatchObject({ ok: true, value: { sendingEnabled: false, online: false } });
  });
});
