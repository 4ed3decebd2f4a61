// Every change made through the award desk tells its listeners by itself (issue 12): a handler that changes an award
// never has to remember to, so the screens cannot miss one.
import { afterEach, describe, expect, it } from 'vitest';
import type { Award } from '../../app/awards/award.ts';
import { BY_ID, makeRig, sale, type Rig } from '../fixtures/award-rig.ts';

let rig: Rig;
afterEach(async () => rig?.close());

async function rigWithListener(): Promise<Award[]> {
  const seen: Award[] = [];
  rig = await makeRig({ desk: { onAwardChanged: (award) => seen.push(award) } });
  return seen;
}

describe('the award desk tells its listeners of its own changes', () => {
  it('queueing and undoing an award', async () => {
    const seen = await rigWithListener();
    const award = rig.desk.queue(sale(500, BY_ID), 'cashier:Aina');
    expect(seen.map((a) => [a.id, a.state])).toEqual([[award.id, 'QUEUED']]);
    rig.desk.undo(award.id, 'cashier:Aina', 'wrong amount');
    expect(seen.map((a) => a.state)).toEqual(['QUEUED', 'VOIDED']);
  });

  it('a manager settling an unknown award, and a resend waking the relay', async () => {
    const seen = await rigWithListener();
    rig.desk.startRelay();
    rig.sandbox.setFault({ mode: 'http-5xx', status: 500, path: '/v3/loyalty/spending-reward', count: 1 });
    const { award } = await rig.desk.submit(sale(700, BY_ID), 'cashier:Aina', 5_000);
    expect(award.state).toBe('UNKNOWN');
    seen.length = 0;
    rig.desk.resolve(award.id, 'resend', 'Siti', 'RM history shows nothing');
    expect(seen[0]).toMatchObject({ id: award.id, state: 'QUEUED', resolution: { by: 'Siti' } });
    await expect.poll(() => rig.desk.detail(award.id)?.award.state, { timeout: 10_000 }).toBe('AWARDED');
    expect(seen.map((a) => a.state)).toContain('AWARDED');
  });
});
