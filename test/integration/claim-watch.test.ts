// A claim QR on screen learns of its claim: the relay asks RM (here the sandbox) while the QR is fresh, keeps the claim
// with the award and tells the screens; after that nobody is offered a cancel RM would refuse.
import { afterEach, describe, expect, it } from 'vitest';
import type { Award } from '../../app/awards/award.ts';
import { cancelQrAward } from '../../app/awards/reconcile.ts';
import { BY_ID, makeRig, sale, waitFor, type Rig } from '../fixtures/award-rig.ts';

let rig: Rig;
afterEach(async () => rig?.close());

describe('a claim QR on screen', () => {
  it('turns "claimed" when the customer claims it, in the award and in an update to the screens', async () => {
    const updates: Award[] = [];
    rig = await makeRig({ desk: { claimAskEveryMs: 50, onAwardChanged: (award) => updates.push(award) } });
    rig.desk.startRelay();
    const { award } = await rig.desk.submit(sale(2500, { type: 'QRCODE' }), 'cashier:Aina', 5_000);
    expect(award).toMatchObject({ state: 'AWARDED', claimedAt: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rig.desk.detail(award.id)?.award.claimedAt).toBeNull();

    const claimed = await fetch(award.qrCodeUrl as string, { method: 'POST', body: new URLSearchParams({ memberId: BY_ID.memberId }) });
    expect(claimed.status).toBe(200);
    const update = await waitFor(() => updates.find((changed) => changed.id === award.id && changed.claimedAt !== null));
    expect(update.state).toBe('AWARDED');
    const detail = rig.desk.detail(award.id);
    expect(detail?.award.claimedAt).toBe(update.claimedAt);
    expect(detail?.events.at(-1)?.reason).toBe('RM: the customer claimed the points');
    await expect(cancelQrAward(rig.db, award.id, rig.rm.loyalty, 'Siti', 'too late', Date.now)).rejects.toThrow(/cannot become CANCELLED/);
  });

  it('a QR shown again by a manager, long after its watch ended, learns of its claim', async () => {
    let clock = Date.now();
    rig = await makeRig({ desk: { claimAskEveryMs: 50, now: () => clock } });
    rig.desk.startRelay();
    const { award } = await rig.desk.submit(sale(2500, { type: 'QRCODE' }), 'cashier:Aina', 5_000);
    // An hour later the customer comes back: the watch from when the QR was made has ended.
    clock += 60 * 60_000;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const claimed = await fetch(award.qrCodeUrl as string, { method: 'POST', body: new URLSearchParams({ memberId: BY_ID.memberId }) });
    expect(claimed.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rig.desk.detail(award.id)?.award.claimedAt).toBeNull();
    rig.desk.watchClaimAgain(award.id);
    await waitFor(() => rig.desk.detail(award.id)?.award.claimedAt ?? null);
  });

  it('a claim that cannot be written ends the watch with a log line, and nothing else stops', async () => {
    const logged: string[] = [];
    rig = await makeRig({ desk: { claimAskEveryMs: 50, log: (line) => logged.push(line) } });
    rig.desk.startRelay();
    const { award } = await rig.desk.submit(sale(2500, { type: 'QRCODE' }), 'cashier:Aina', 5_000);
    rig.db.exec('CREATE TEMP TRIGGER refuse_claims BEFORE UPDATE OF claimed_at ON main.awards BEGIN SELECT RAISE(ABORT, \'disk I/O error\'); END');
    const claimed = await fetch(award.qrCodeUrl as string, { method: 'POST', body: new URLSearchParams({ memberId: BY_ID.memberId }) });
    expect(claimed.status).toBe(200);
    await waitFor(() => logged.find((line) => line.includes(award.id)));
    expect(logged.filter((line) => line.includes(award.id))).toEqual([`claim watch: stopped watching award ${award.id}: Kaunter could not use its data file. (disk I/O error)`]);
    expect(rig.desk.detail(award.id)?.award).toMatchObject({ state: 'AWARDED', claimedAt: null });
    // The desk still works: the next sale is awarded.
    rig.db.exec('DROP TRIGGER temp.refuse_claims');
    expect((await rig.desk.submit(sale(1200), 'cashier:Aina', 5_000)).award.state).toBe('AWARDED');
  });

  it('stops asking an RM that cannot say (an error other than "unreachable"), and leaves the award as it was', async () => {
    rig = await makeRig({ desk: { claimAskEveryMs: 50 } });
    rig.desk.startRelay();
    const { award } = await rig.desk.submit(sale(2500, { type: 'QRCODE' }), 'cashier:Aina', 5_000);
    rig.sandbox.setFault({ mode: 'http-5xx', status: 500, path: `/v3/loyalty/spending-reward/${award.rmItemId ?? ''}`, count: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const claimed = await fetch(award.qrCodeUrl as string, { method: 'POST', body: new URLSearchParams({ memberId: BY_ID.memberId }) });
    expect(claimed.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rig.desk.detail(award.id)?.award).toMatchObject({ state: 'AWARDED', claimedAt: null });
  });
});
