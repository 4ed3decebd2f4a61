// The retention setting, applied by the core: set N days and finished awards older than that go; unsettled ones stay.
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('a daily run the disk refuses is logged and tried again the next day, and Kaunter carries on', async () => {
    // Only the daily timer is under the test's hand; everything else runs on real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      let now = Date.UTC(2026, 0, 1);
      rig = await makeCoreRig({ now: () => now });
      const { db, desk } = rig.core.env;
      await desk.close();
      expect(await rig.dispatch('settings.update', { retentionDays: 90 })).toMatchObject({ ok: true });
      const old = desk.queue({ amountSen: 100, member: { type: 'ID', memberId: '1' }, cashier: 'Aina' }, 'test').id;
      transition(db, old, ['QUEUED'], { to: 'VOIDED', actor: 'test' }, now);
      now += 100 * 86_400_000;
      // The newest award always stays (its event id is the hub's position): one made today.
      desk.queue({ amountSen: 300, member: { type: 'ID', memberId: '1' }, cashier: 'Aina' }, 'test');

      db.exec("CREATE TEMP TRIGGER refuse_purge BEFORE DELETE ON main.awards BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
      vi.advanceTimersByTime(86_400_000);
      expect(rig.logLines.filter((line) => line.includes('retention: not applied today'))).toEqual([expect.stringContaining('disk I/O error')]);
      expect(desk.detail(old)?.award.state).toBe('VOIDED');
      expect(await rig.dispatch('settings.get', {})).toMatchObject({ ok: true });

      db.exec('DROP TRIGGER temp.refuse_purge');
      vi.advanceTimersByTime(86_400_000);
      expect(desk.detail(old)).toBeNull();
      expect(rig.logLines.some((line) => line.includes('removed 1 finished awards'))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
