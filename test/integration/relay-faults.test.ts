// The fault matrix: each sandbox fault during a send ends in the right state, and RM's ledger shows every award applied
// at most once (exactly once when AWARDED), matched through the nonces the outbox recorded before sending.
import { afterEach, describe, expect, it } from 'vitest';
import type { AwardState } from '../../app/awards/award.ts';
import type { FaultSpec } from '../../app/sandbox/index.ts';
import { recoverInterruptedSends } from '../../app/awards/attempts.ts';
import { BY_ID, makeRig, sale, waitFor, type Rig } from '../fixtures/award-rig.ts';

let rig: Rig;
afterEach(async () => rig?.close());

const SPENDING = '/v3/loyalty/spending-reward';

function appliedCount(awardId: string): number {
  const nonces = new Set(rig.desk.detail(awardId)?.attempts.map((a) => a.nonce));
  return rig.sandbox.ledger().filter((entry) => nonces.has(entry.nonce)).length;
}

interface Case {
  name: string;
  fault: FaultSpec;
  state: AwardState;
  applied: number;
}

const cases: Case[] = [
  { name: 'no fault', fault: { mode: 'latency', latencyMs: 0, path: '/nowhere' }, state: 'AWARDED', applied: 1 },
  { name: 'latency past the response timeout', fault: { mode: 'latency', latencyMs: 800, path: SPENDING, count: 1 }, state: 'UNKNOWN', applied: 1 },
  { name: 'apply then drop the response', fault: { mode: 'apply-then-drop', path: SPENDING, count: 1 }, state: 'UNKNOWN', applied: 1 },
  { name: '5xx, not applied', fault: { mode: 'http-5xx', status: 500, path: SPENDING, count: 1 }, state: 'UNKNOWN', applied: 0 },
  { name: '5xx, applied', fault: { mode: 'http-5xx', status: 502, apply: true, path: SPENDING, count: 1 }, state: 'UNKNOWN', applied: 1 },
  // Kaunter never reuses a nonce, so NONCE_ALREADY_USED means a copy got there first and may have given the points.
  { name: 'a device on the way repeats the request', fault: { mode: 'repeated', path: SPENDING, count: 1 }, state: 'UNKNOWN', applied: 1 },
  { name: 'reset after the request arrived', fault: { mode: 'reset', path: SPENDING, count: 1 }, state: 'UNKNOWN', applied: 0 },
  { name: 'rate limited once, then sent', fault: { mode: 'rate-limit', path: SPENDING, count: 1 }, state: 'AWARDED', applied: 1 },
];

describe('relay fault matrix', () => {
  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.state}, applied ${testCase.applied}x`, async () => {
      rig = await makeRig({ responseTimeoutMs: 300 });
      expect(rig.desk.startRelay()).toBe(true);
      rig.sandbox.setFault(testCase.fault);
      const award = rig.desk.queue(sale(1000), 'cashier:Aina');
      rig.desk.wake();
      const final = await waitFor(() => {
        const current = rig.desk.detail(award.id)?.award;
        return current && current.state !== 'QUEUED' && current.state !== 'SENDING' ? current : null;
      });
      expect(final.state).toBe(testCase.state);
      expect(appliedCount(award.id)).toBe(testCase.applied);
      const events = rig.desk.detail(award.id)?.events.map((e) => e.to);
      expect(events?.[0]).toBe('QUEUED');
      expect(events).toContain('SENDING');
      if (testCase.state === 'UNKNOWN') expect(final.lastError?.message).toMatch(/manager/);
    });
  }

  it('refused connections: stays QUEUED (not applied) while offline, then is sent exactly once when RM is back', async () => {
    rig = await makeRig();
    rig.desk.startRelay();
    await rig.sandbox.refuseConnections(true);
    const award = rig.desk.queue(sale(1500), 'cashier:Aina');
    rig.desk.wake();
    await waitFor(() => rig.desk.connectivity.state === 'offline');
    expect(rig.desk.detail(award.id)?.award.state).toBe('QUEUED');
    await rig.sandbox.refuseConnections(false);
    rig.desk.wake();
    await waitFor(() => rig.desk.detail(award.id)?.award.state === 'AWARDED', 10_000);
    expect(appliedCount(award.id)).toBe(1);
    expect(rig.desk.connectivity.state).toBe('online');
  });

  it("RM's answer cannot be written: sending pauses with the reason, nothing else stops, and the award is UNKNOWN once the disk writes", async () => {
    const logged: string[] = [];
    rig = await makeRig({ desk: { log: (line) => logged.push(line) } });
    rig.desk.startRelay();
    // The disk refuses the write that records RM's answer (SQLite's own error, raised where the award would be settled).
    rig.db.exec("CREATE TEMP TRIGGER refuse_settling BEFORE UPDATE OF state ON main.awards WHEN NEW.state = 'AWARDED' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    const award = rig.desk.queue(sale(1000), 'cashier:Aina');
    rig.desk.wake();
    await waitFor(() => rig.desk.relayStatus?.paused);
    // The status bar says what happened and what to do; the database's own words go to the log.
    expect(rig.desk.relayStatus?.paused).toMatchObject({ code: 'STORE_ERROR', message: expect.stringMatching(/could not write to its database.*free space/) as unknown });
    expect(logged).toEqual([expect.stringMatching(/disk I\/O error/)]);
    expect(rig.desk.detail(award.id)?.award.state).toBe('SENDING');
    expect(appliedCount(award.id)).toBe(1);
    // A claim QR does not clear this pause: one made now could not be recorded either. Not made while the customer
    // waited, it is voided with advice, never made later for nobody to scan.
    const qr = await rig.desk.submit(sale(2000, { type: 'QRCODE' }), 'cashier:Aina', 300);
    expect(qr).toMatchObject({ settled: true, award: { state: 'VOIDED', lastError: { code: 'QR_NOT_MADE', message: expect.stringMatching(/phone number or member ID/) as unknown } } });
    expect(rig.desk.relayStatus?.paused).toMatchObject({ code: 'STORE_ERROR' });
    // The disk is fixed and the manager presses Send now: before anything else is sent, the award whose answer was
    // lost is UNKNOWN, as the next start would make it, for a manager to settle; never sent again by itself.
    rig.db.exec('DROP TRIGGER temp.refuse_settling');
    const next = rig.desk.queue(sale(3000), 'cashier:Aina');
    rig.desk.wake();
    await waitFor(() => rig.desk.detail(next.id)?.award.state === 'AWARDED');
    expect(rig.desk.detail(award.id)?.award).toMatchObject({ state: 'UNKNOWN', lastError: { code: 'INTERRUPTED' } });
    expect(rig.desk.detail(award.id)?.attempts.map((attempt) => attempt.outcome)).toEqual(['interrupted']);
    expect(appliedCount(award.id)).toBe(1);
    expect(rig.desk.relayStatus?.paused).toBeNull();
    expect(recoverInterruptedSends(rig.db, Date.now())).toEqual([]);
  });

  it('the disk still refuses when sending resumes: the award stays SENDING and sending pauses again, nothing sent', async () => {
    rig = await makeRig({ desk: { log: () => {} } });
    rig.desk.startRelay();
    rig.db.exec("CREATE TEMP TRIGGER refuse_settling BEFORE UPDATE OF state ON main.awards WHEN NEW.state IN ('AWARDED', 'UNKNOWN') BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    const award = rig.desk.queue(sale(1000), 'cashier:Aina');
    rig.desk.wake();
    await waitFor(() => rig.desk.relayStatus?.paused);
    const next = rig.desk.queue(sale(3000), 'cashier:Aina');
    rig.desk.wake();
    await waitFor(() => rig.desk.relayStatus?.paused);
    expect(rig.desk.relayStatus?.paused).toMatchObject({ code: 'STORE_ERROR' });
    expect(rig.desk.detail(award.id)?.award.state).toBe('SENDING');
    expect(rig.desk.detail(next.id)?.award.state).toBe('QUEUED');
    expect(rig.sandbox.ledger()).toHaveLength(1);
  });

  it('a wrong clock pauses sending with the reason, keeps the award, and sends it once the cause is fixed', async () => {
    rig = await makeRig();
    rig.desk.startRelay();
    rig.sandbox.setClockSkewSeconds(900);
    const award = rig.desk.queue(sale(800), 'cashier:Aina');
    rig.desk.wake();
    await waitFor(() => rig.desk.relayStatus?.paused);
    expect(rig.desk.relayStatus?.paused).toMatchObject({ code: 'INVALID_TIMESTAMP', message: expect.stringMatching(/clock/) as unknown });
    expect(rig.desk.detail(award.id)?.award).toMatchObject({ state: 'QUEUED', lastError: { code: 'INVALID_TIMESTAMP' } });
    rig.sandbox.setClockSkewSeconds(0);
    rig.desk.wake();
    await waitFor(() => rig.desk.detail(award.id)?.award.state === 'AWARDED');
    expect(appliedCount(award.id)).toBe(1);
  });

  it('while sending is paused, a claim QR is tried at once and voided with advice, not made later for a customer who has gone', async () => {
    rig = await makeRig();
    rig.desk.startRelay();
    rig.sandbox.setClockSkewSeconds(900);
    const queued = rig.desk.queue(sale(800), 'cashier:Aina');
    rig.desk.wake();
    await waitFor(() => rig.desk.relayStatus?.paused);
    const qr = await rig.desk.submit(sale(2000, { type: 'QRCODE' }), 'cashier:Aina', 5_000);
    expect(qr).toMatchObject({ settled: true, award: { state: 'VOIDED', lastError: { code: 'INVALID_TIMESTAMP', message: expect.stringMatching(/phone number or member ID/) as unknown } } });
    // Sending is paused again for the other awards, which wait for the clock to be fixed.
    expect(rig.desk.relayStatus?.paused).toMatchObject({ code: 'INVALID_TIMESTAMP' });
    expect(rig.desk.detail(queued.id)?.award.state).toBe('QUEUED');
    expect(rig.sandbox.ledger()).toHaveLength(0);
  });

  it('an unknown member is REJECTED with the reason, nothing applied', async () => {
    rig = await makeRig();
    rig.desk.startRelay();
    const result = await rig.desk.submit(sale(100, { type: 'ID', memberId: '9999999999999999999' }), 'cashier:Aina', 5_000);
    expect(result).toMatchObject({ settled: true, award: { state: 'REJECTED', lastError: { code: 'MEMBER_NOT_FOUND' } } });
    expect(rig.sandbox.ledger()).toHaveLength(0);
  });

  it('claim QR: AWARDED with the claim URL; offline it is VOIDED at once with advice, never left queued', async () => {
    rig = await makeRig();
    rig.desk.startRelay();
    const ok = await rig.desk.submit(sale(2000, { type: 'QRCODE' }), 'cashier:Aina', 5_000);
    expect(ok).toMatchObject({ settled: true, award: { state: 'AWARDED', qrCodeUrl: expect.stringContaining('/claim/') as unknown } });
    await rig.sandbox.refuseConnections(true);
    const offline = await rig.desk.submit(sale(2000, { type: 'QRCODE' }), 'cashier:Aina', 5_000);
    expect(offline).toMatchObject({ settled: true, award: { state: 'VOIDED' } });
    const events = rig.desk.detail(offline.award.id)?.events ?? [];
    expect(events.at(-1)?.reason).toMatch(/phone number or member ID/);
  });

  it('online awards settle without waiting for a polling interval', async () => {
    rig = await makeRig({ desk: { idleCheckMs: 60_000 } });
    rig.desk.startRelay();
    await rig.rm.tokens.accessToken();
    const started = Date.now();
    const result = await rig.desk.submit(sale(990, BY_ID), 'cashier:Aina', 10_000);
    expect(result).toMatchObject({ settled: true, award: { state: 'AWARDED' } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('one request in flight', () => {
  it('the background loop and two drains at once still send each award exactly once, oldest first', async () => {
    rig = await makeRig();
    const ids = Array.from({ length: 15 }, (_, i) => rig.desk.queue(sale(100 + i), 'cashier:Aina').id);
    rig.desk.startRelay();
    await Promise.all([rig.desk.drainDue(), rig.desk.drainDue()]);
    await waitFor(() => rig.desk.counts().queued === 0 && rig.desk.counts().sending === 0);
    for (const id of ids) {
      expect(rig.desk.detail(id)?.attempts).toHaveLength(1);
      expect(appliedCount(id)).toBe(1);
    }
    const ledgerAmounts = rig.sandbox.ledger().map((entry) => entry.amount);
    expect(ledgerAmounts).toEqual(ids.map((_, i) => 100 + i));
  });
});
