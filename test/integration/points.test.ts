// An award's points are RM's own figure: its calculate endpoint for the amount, kept with the award when it is made
// (the counter's preview asked moments before) or once it is awarded (the command line, a resend, an unknown award a
// manager settled). Until then they are an estimate and say so; the totals add up the awards' own points.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { totalsByCashier } from '../../app/awards/history.ts';
import { MAX_POINTS } from '../../app/common/money.ts';
import { createAward, transition } from '../../app/awards/transitions.ts';
import { BY_ID, BY_PHONE, makeRig, sale, waitFor, type Rig } from '../fixtures/award-rig.ts';

let rig: Rig;
beforeEach(async () => {
  rig = await makeRig();
  rig.desk.startRelay();
});
afterEach(async () => rig?.close());

async function rmPoints(amountSen: number): Promise<number> {
  const outcome = await rig.rm.loyalty.calculatePoints(amountSen);
  if (outcome.kind !== 'success') throw new Error('the sandbox did not calculate');
  return outcome.value;
}

function stored(id: string) {
  return rig.desk.detail(id)?.award;
}

describe("an award's points", () => {
  it('without a preview (as the command line sends it): RM is asked once the award is awarded, and the totals add up the rows', async () => {
    const amounts = [1250, 4200, 999, 13680];
    const ids: string[] = [];
    for (const amountSen of amounts) {
      const result = await rig.desk.submit(sale(amountSen, BY_PHONE), 'cli', 5_000);
      expect(result.award.state).toBe('AWARDED');
      ids.push(result.award.id);
    }
    const awards = await waitFor(() => {
      const all = ids.map(stored);
      return all.every((award) => award?.pointsConfirmed) ? all : null;
    });
    const expected = await Promise.all(amounts.map(rmPoints));
    expect(awards.map((award) => award?.pointsPreview)).toEqual(expected);
    const [totals] = totalsByCashier(rig.db, {});
    expect(totals).toMatchObject({ awardedAwards: 4, points: expected.reduce((a, b) => a + b, 0), unconfirmed: 0 });
    const trail = rig.desk.detail(ids[0]!)?.events.at(-1);
    expect(trail).toMatchObject({ from: 'AWARDED', to: 'AWARDED', actor: 'relay', reason: `points from RM: ${expected[0]} (before: none)` });
  });

  it("after the counter's preview: RM's figure is kept at once, without asking again", async () => {
    const preview = await rig.desk.points.ask(4200);
    expect(preview?.kind).toBe('success');
    const result = await rig.desk.submit(sale(4200, BY_ID, { pointsPreview: 42 }), 'cashier:Aina', 5_000);
    expect(result.award).toMatchObject({ pointsPreview: await rmPoints(4200), pointsConfirmed: true });
  });

  it("a resend of an unknown award is given RM's figure once it is awarded, in place of the estimate", async () => {
    const { award } = createAward(rig.db, { amountSen: 5000, member: BY_ID, cashier: 'Aina', pointsPreview: 9, id: crypto.randomUUID(), terminalId: 'T1' }, 'cli', Date.now());
    transition(rig.db, award.id, ['QUEUED'], { to: 'SENDING', actor: 'relay' }, Date.now());
    transition(rig.db, award.id, ['SENDING'], { to: 'UNKNOWN', actor: 'relay' }, Date.now());
    rig.desk.resolve(award.id, 'resend', 'Siti', 'RM history shows no credit');
    const settled = await waitFor(() => {
      const now = stored(award.id);
      return now?.state === 'AWARDED' && now.pointsConfirmed ? now : null;
    });
    const expected = await rmPoints(5000);
    expect(settled.pointsPreview).toBe(expected);
    expect(rig.desk.detail(award.id)?.events.at(-1)).toMatchObject({ actor: 'relay', reason: `points from RM: ${expected} (before: 9 estimated)` });
    expect(totalsByCashier(rig.db, {})[0]).toMatchObject({ points: expected, unconfirmed: 0 });
  });

  it('a wrong estimate is marked as one until RM corrects it, also for an unknown award a manager settles as credited', async () => {
    const { award } = createAward(rig.db, { amountSen: 3000, member: BY_ID, cashier: 'Aina', pointsPreview: 7, id: crypto.randomUUID(), terminalId: 'T1' }, 'cli', Date.now());
    expect(award).toMatchObject({ pointsPreview: 7, pointsConfirmed: false });
    transition(rig.db, award.id, ['QUEUED'], { to: 'SENDING', actor: 'relay' }, Date.now());
    transition(rig.db, award.id, ['SENDING'], { to: 'UNKNOWN', actor: 'relay' }, Date.now());
    expect(totalsByCashier(rig.db, {})[0]).toMatchObject({ points: 0, unconfirmed: 0 });
    // The desk's decision tells its listeners by itself, and the desk then asks RM for its figure.
    rig.desk.resolve(award.id, 'credited', 'Siti', 'RM history shows it');
    expect(totalsByCashier(rig.db, {})[0]).toMatchObject({ points: 7, unconfirmed: 1 });
    const settled = await waitFor(() => (stored(award.id)?.pointsConfirmed ? stored(award.id) : null));
    expect(settled?.pointsPreview).toBe(await rmPoints(3000));
    expect(totalsByCashier(rig.db, {})[0]).toMatchObject({ points: await rmPoints(3000), unconfirmed: 0 });
  });
});

describe('points beyond any spending rule', () => {
  it('are refused at the counter with a clear error, and nothing is written', async () => {
    const id = randomUUID();
    await expect(rig.desk.submit(sale(1000, BY_ID, { id, pointsPreview: MAX_POINTS + 1 }), 'cashier:Aina', 5_000)).rejects.toMatchObject({ key: 'award.invalid.pointsPreview' });
    expect(rig.desk.find(id)).toBeNull();
  });
});
