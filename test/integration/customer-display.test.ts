// The customer display's state, derived by the core from what the counter shows and from its own records, walked
// through every state with real awards against the training sandbox: idle, a sale with RM's points, the claim QR and
// its claim, thanks with the shortened name and the balance RM reports after the award, queued while RM is out of
// reach; an award that went wrong shows the welcome, never the cashier's error. In this process and in its own.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DisplayState, Result } from '../../app/contract.ts';
import { CONTRACT_RIGS, type ContractRig } from '../fixtures/core-rig.ts';
import { until } from '../fixtures/until.ts';

const NURUL = { type: 'ID', memberId: '6190354873541245312' } as const;
const NOBODY = { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '139998877' } as const;

let rig: ContractRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

function states(opened: ContractRig): DisplayState[] {
  return opened.events.filter((event) => event.event === 'display.state').map((event) => event.payload as DisplayState);
}

async function shows(opened: ContractRig, what: string, check: (state: DisplayState) => boolean): Promise<DisplayState> {
  await until(() => states(opened).some(check), what, 10_000, 20);
  return states(opened).filter(check).at(-1) as DisplayState;
}

async function ok<T = unknown>(answer: Promise<Result<unknown>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

function award(opened: ContractRig, amountSen: number, member: unknown): Promise<{ award: { id: string; state: string } }> {
  return ok(opened.dispatch('award.submit', { id: randomUUID(), amountSen, member }));
}

describe.each(CONTRACT_RIGS)('the customer display, with the core %s', (_where, make) => {
  it('walks idle, sale, thanks, claim QR, queued and back, from real awards', async () => {
    rig = await make();
    await ok(rig.dispatch('settings.update', { storeName: 'Kedai Aina' }));
    expect(await shows(rig, 'the welcome', (s) => s.storeName === 'Kedai Aina')).toEqual({ storeName: 'Kedai Aina', language: 'en', training: true, view: { kind: 'idle' } });

    await ok(rig.dispatch('display.counterView', { kind: 'sale', amountSen: 1250 }));
    // The estimate first when RM's rule is not known yet; then RM's own figure for the amount.
    await shows(rig, "RM's points for the sale", (s) => s.view.kind === 'sale' && s.view.amountSen === 1250 && s.view.pointsEstimate === 12);

    const before = await ok<{ member: { points: number } }>(rig.dispatch('award.preview', { amountSen: 1250, member: NURUL }));
    const awarded = await award(rig, 1250, NURUL);
    expect(awarded.award.state).toBe('AWARDED');
    await ok(rig.dispatch('display.counterView', { kind: 'award', awardId: awarded.award.id }));
    const thanks = await shows(rig, 'thanks with the name', (s) => s.view.kind === 'thanks' && s.view.maskedName !== null);
    // RM's balance after the award, not the one the preview remembered from before it.
    expect(thanks.view).toEqual({ kind: 'thanks', points: 12, maskedName: 'Nurul A.', newBalance: before.member.points + 12 });
    const after = await ok<{ member: { points: number } }>(rig.dispatch('award.preview', { amountSen: 1250, member: NURUL }));
    expect(after.member.points).toBe(before.member.points + 12);

    const qr = await award(rig, 4590, { type: 'QRCODE' });
    await ok(rig.dispatch('display.counterView', { kind: 'award', awardId: qr.award.id }));
    // Kaunter's estimate at first (no preview was asked for this amount), then RM's own figure once it confirmed it.
    const claim = await shows(rig, "the claim QR with RM's points", (s) => s.view.kind === 'claimQr' && s.view.points === 45);
    expect(claim.view).toMatchObject({ kind: 'claimQr', amountSen: 4590, points: 45, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/claim\//) as unknown });

    const refused = await award(rig, 1000, NOBODY);
    expect(refused.award.state).toBe('REJECTED');
    await ok(rig.dispatch('display.counterView', { kind: 'award', awardId: refused.award.id }));
    expect(states(rig).at(-1)?.view).toEqual({ kind: 'idle' });

    await rig.training.sandbox?.refuseConnections(true);
    try {
      const queued = await award(rig, 650, NURUL);
      expect(queued.award.state).toBe('QUEUED');
      await ok(rig.dispatch('display.counterView', { kind: 'award', awardId: queued.award.id }));
      expect(states(rig).at(-1)?.view).toEqual({ kind: 'queued', amountSen: 650 });
    } finally {
      await rig.training.sandbox?.refuseConnections(false);
    }

    await ok(rig.dispatch('display.counterView', { kind: 'idle' }));
    expect(states(rig).at(-1)?.view).toEqual({ kind: 'idle' });
    await ok(rig.dispatch('settings.setLanguage', { language: 'ms' }));
    expect(states(rig).at(-1)).toMatchObject({ language: 'ms', view: { kind: 'idle' } });
    // Nothing the display is sent names a person in full or carries a phone number.
    const sent = JSON.stringify(states(rig));
    expect(sent).not.toContain('Aisyah');
    expect(sent).not.toContain('139998877');
  });

  it('a claim QR turns into thanks once the customer claimed it', async () => {
    rig = await make();
    const qr = await award(rig, 2000, { type: 'QRCODE' });
    await ok(rig.dispatch('display.counterView', { kind: 'award', awardId: qr.award.id }));
    const claim = await shows(rig, 'the claim QR', (s) => s.view.kind === 'claimQr');
    const url = claim.view.kind === 'claimQr' ? claim.view.url : '';
    const claimed = await fetch(url, { method: 'POST', body: new URLSearchParams({ memberId: NURUL.memberId }) });
    expect(claimed.status).toBe(200);
    // The core learns of the claim when it asks RM (every 2 s while the QR is up).
    const thanks = await shows(rig, 'thanks after the claim', (s) => s.view.kind === 'thanks');
    expect(thanks.view).toEqual({ kind: 'thanks', points: 20, maskedName: null, newBalance: null });
  });
});
