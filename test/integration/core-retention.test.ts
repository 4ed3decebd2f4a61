// The retention setting, applied by the core: set N days and finished awards older than that go; unsettled ones stay.
import { afterEach, describe, expect, it } from 'vitest';
import { transition } from '../../app/awards/transitions.ts';
import { makeCoreRig, type CoreRig } from '../fixtures/core-rig.ts';

let rig: CoreRig;
afterEach(async () => rig?.close());

describe('retention', () => {
  it('purges finished awards older than the setting when it is saved, never queued or unknown ones', async () => {
    let now = Date.UTC(2026, 0, 1);
    rig = await makeCoreRig({ now: () => now });
    const { db, desk } = rig.core.env;
    // Nothing is sent in this test: stop the relay so a queued award stays queued.
    await desk.close();
    const old = desk.queue({ amountSen: 100, member: { type: 'ID', memberId: '1' }, cashier: 'Aina' }, 'test').id;
    const oldQueued = desk.queue({ amountSen: 200, member: { type: 'ID', memberId: '1' }, cashier: 'Aina' }, 'test').id;
    transition(db, old, ['QUEUED'], { to: 'VOIDED', actor: 'test' }, now);
    now += 100 * 86_400_000;
    const recent = desk.queue({ amountSen: 300, member: { type: 'ID', memberId: '1' }, cashier: 'Aina' }, 'test').id;
    transition(db, recent, ['QUEUED'], { to: 'VOIDED', actor: 'test' }, now);
    expect(await rig.dispatch('settings.update', { retentionDays: 90 })).toMatchObject({ ok: true, value: { retentionDays: 90 } });
    expect(desk.detail(old)).toBeNull();
    expect(desk.detail(oldQueued)?.award.state).toBe('QUEUED');
    expect(desk.detail(recent)?.award.state).toBe('VOIDED');
    expect(rig.logLines.some((line) => line.includes('removed 1 finished awards'))).toBe(true);
  });
});
