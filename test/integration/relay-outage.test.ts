// RM failing for a while (a maintenance window, a load balancer's 502, answers that never come) must cost one UNKNOWN
// award per try, not the whole queue. Found by a reviewer: with five awards queued and RM answering 503, `kaunter drain`
// turned all five UNKNOWN in 0.3 s, none applied. Now the award that met the failure is UNKNOWN (it may have been
// applied), sending pauses, longer each time, and the first award sent after the pause shows whether RM is well again.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AwardState } from '../../app/awards/award.ts';
import type { RelayStatus } from '../../app/awards/relay.ts';
import type { FaultSpec } from '../../app/sandbox/index.ts';
import { openDatabase } from '../../app/store/database.ts';
import { BY_ID, makeRig, sale, waitFor, type Rig } from '../fixtures/award-rig.ts';
import { runCli, startCliSandbox, type CliSandbox } from '../fixtures/cli.ts';

const SPENDING = '/v3/loyalty/spending-reward';
const OUTAGE: FaultSpec = { mode: 'http-5xx', status: 503, path: SPENDING };

let rig: Rig | undefined;
let cli: CliSandbox | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  await cli?.sandbox.close();
  cli = undefined;
});

function states(ids: string[]): AwardState[] {
  return ids.map((id) => rig!.desk.detail(id)!.award.state);
}

function count(ids: string[], state: AwardState): number {
  return states(ids).filter((s) => s === state).length;
}

/** How many times RM applied the award, matched through the nonces its attempts recorded before sending. */
function appliedCount(id: string): number {
  const nonces = new Set(rig!.desk.detail(id)?.attempts.map((a) => a.nonce));
  return rig!.sandbox.ledger().filter((entry) => nonces.has(entry.nonce)).length;
}

/** A clock the test moves on, so the relay's pauses run out without the test waiting them out. */
function movableClock(): { now: () => number; advance: (ms: number) => void } {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => (offset += ms) };
}

describe('RM failing: one UNKNOWN per try, not the whole queue', () => {
  it('a 503 spell: drain stops after the first, pauses longer each try, and sends the rest exactly once when RM is well', async () => {
    const clock = movableClock();
    rig = await makeRig({ desk: { now: clock.now } });
    expect(rig.desk.startRelay({ background: false })).toBe(true);
    const ids = Array.from({ length: 6 }, (_, i) => rig!.desk.queue(sale(100 + i, BY_ID), 'cashier:Aina').id);
    rig.sandbox.setFault(OUTAGE);

    // The first award meets the 503: UNKNOWN (it may have been applied), and nothing more is sent.
    expect(await rig.desk.drainDue()).toEqual({ sent: 1, stoppedBecause: 'paused' });
    expect(states(ids)).toEqual(['UNKNOWN', 'QUEUED', 'QUEUED', 'QUEUED', 'QUEUED', 'QUEUED']);
    const unknown = rig.desk.detail(ids[0]!)!.award;
    const paused = rig.desk.relayStatus?.paused;
    // The status bar and `kaunter drain` say why, in the words RM's error already has.
    expect(paused).toMatchObject({ code: unknown.lastError?.code, message: unknown.lastError?.message });
    expect(paused!.untilMs - clock.now()).toBeGreaterThan(1_000);
    expect(paused!.untilMs - clock.now()).toBeLessThanOrEqual(2_000);
    // Asked again during the pause: nothing is sent.
    expect(await rig.desk.drainDue()).toEqual({ sent: 0, stoppedBecause: 'paused' });
    expect(count(ids, 'QUEUED')).toBe(5);

    // After the pause, one award tries: RM still fails, so one more UNKNOWN and a longer pause.
    clock.advance(2_001);
    expect(await rig.desk.drainDue()).toEqual({ sent: 1, stoppedBecause: 'paused' });
    expect(count(ids, 'UNKNOWN')).toBe(2);
    expect(count(ids, 'QUEUED')).toBe(4);
    expect(rig.desk.relayStatus!.paused!.untilMs - clock.now()).toBeGreaterThan(3_000);

    // RM is well again: after the pause the rest go out, each exactly once, and the back-off starts again from the first.
    rig.sandbox.setFault(null);
    clock.advance(4_001);
    expect(await rig.desk.drainDue()).toEqual({ sent: 4, stoppedBecause: 'empty' });
    expect(rig.desk.relayStatus?.paused).toBeNull();
    expect(states(ids)).toEqual(['UNKNOWN', 'UNKNOWN', 'AWARDED', 'AWARDED', 'AWARDED', 'AWARDED']);
    for (const id of ids) expect(rig.desk.detail(id)?.attempts).toHaveLength(1);
    expect(ids.map(appliedCount)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(rig.sandbox.ledger().map((entry) => entry.amount)).toEqual([102, 103, 104, 105]);

    const more = rig.desk.queue(sale(200, BY_ID), 'cashier:Aina').id;
    rig.sandbox.setFault(OUTAGE);
    expect(await rig.desk.drainDue()).toEqual({ sent: 1, stoppedBecause: 'paused' });
    expect(rig.desk.relayStatus!.paused!.untilMs - clock.now()).toBeLessThanOrEqual(2_000);
    expect(rig.desk.detail(more)?.award.state).toBe('UNKNOWN');
  });

  it('a claim QR queued while the failing send was in flight goes out at once: its customer is at the counter', async () => {
    rig = await makeRig({ responseTimeoutMs: 300 });
    rig.desk.startRelay({ background: false });
    // The award's answer never comes in time; the claim QR is made while the relay waits for it.
    rig.sandbox.setFault({ mode: 'latency', latencyMs: 800, path: SPENDING, count: 1 });
    const first = rig.desk.queue(sale(100, BY_ID), 'cashier:Aina').id;
    const draining = rig.desk.drainDue();
    await waitFor(() => rig!.desk.relayStatus?.sendingAwardId === first);
    const qr = rig.desk.queue(sale(500, { type: 'QRCODE' }), 'cashier:Aina').id;
    await draining;
    await rig.desk.drainDue();
    expect(states([first, qr])).toEqual(['UNKNOWN', 'AWARDED']);
  });

  it('a clear refusal after the pause also shows RM answering: the drain goes on', async () => {
    const clock = movableClock();
    rig = await makeRig({ desk: { now: clock.now } });
    rig.desk.startRelay({ background: false });
    rig.sandbox.setFault({ ...OUTAGE, count: 1 });
    const first = rig.desk.queue(sale(100, BY_ID), 'cashier:Aina').id;
    const refused = rig.desk.queue(sale(101, { type: 'ID', memberId: '9999999999999999999' }), 'cashier:Aina').id;
    const rest = [rig.desk.queue(sale(102, BY_ID), 'cashier:Aina').id, rig.desk.queue(sale(103, BY_ID), 'cashier:Aina').id];
    expect(await rig.desk.drainDue()).toEqual({ sent: 1, stoppedBecause: 'paused' });
    clock.advance(2_001);
    expect(await rig.desk.drainDue()).toEqual({ sent: 3, stoppedBecause: 'empty' });
    expect(states([first, refused, ...rest])).toEqual(['UNKNOWN', 'REJECTED', 'AWARDED', 'AWARDED']);
  });

  it('the background relay: one UNKNOWN while RM answers 503, then the rest sent by itself once it is well', async () => {
    // Each pause once (the status is told again whenever anything in it changes).
    const pauses = new Set<number>();
    const onRelayStatus = (status: RelayStatus): void => void (status.paused && pauses.add(status.paused.untilMs));
    rig = await makeRig({ desk: { onRelayStatus } });
    const ids = Array.from({ length: 5 }, (_, i) => rig!.desk.queue(sale(300 + i, BY_ID), 'cashier:Aina').id);
    rig.sandbox.setFault(OUTAGE);
    rig.desk.startRelay();
    await waitFor(() => count(ids, 'UNKNOWN') === 1);
    // Well inside the first pause (2 s): the rest wait.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(states(ids)).toEqual(['UNKNOWN', 'QUEUED', 'QUEUED', 'QUEUED', 'QUEUED']);
    expect(rig.desk.relayStatus?.paused).toMatchObject({ code: 'SYSTEM_ERROR' });
    expect(rig.desk.connectivity.state).toBe('online');
    // RM is well again; nobody presses anything: the relay tries again when the pause is up.
    rig.sandbox.setFault(null);
    await waitFor(() => count(ids, 'AWARDED') === 4, 8_000);
    expect(count(ids, 'UNKNOWN')).toBe(1);
    expect(ids.map(appliedCount)).toEqual([0, 1, 1, 1, 1]);
    expect(pauses.size).toBe(1);
    expect(rig.desk.relayStatus?.paused).toBeNull();
  }, 15_000);

  it('answers that never come (a response timeout): the same, one UNKNOWN and the rest sent once afterwards', async () => {
    const clock = movableClock();
    rig = await makeRig({ responseTimeoutMs: 300, desk: { now: clock.now } });
    rig.desk.startRelay({ background: false });
    const ids = Array.from({ length: 5 }, (_, i) => rig!.desk.queue(sale(400 + i, BY_ID), 'cashier:Aina').id);
    rig.sandbox.setFault({ mode: 'latency', latencyMs: 800, path: SPENDING });
    expect(await rig.desk.drainDue()).toEqual({ sent: 1, stoppedBecause: 'paused' });
    expect(states(ids)).toEqual(['UNKNOWN', 'QUEUED', 'QUEUED', 'QUEUED', 'QUEUED']);
    expect(rig.desk.relayStatus?.paused).toMatchObject({ code: 'RESPONSE_TIMEOUT' });
    rig.sandbox.setFault(null);
    clock.advance(2_001);
    expect(await rig.desk.drainDue()).toEqual({ sent: 4, stoppedBecause: 'empty' });
    // The late answer's award was applied once (as RM did); each of the rest exactly once.
    await waitFor(() => appliedCount(ids[0]!) === 1);
    expect(ids.map(appliedCount)).toEqual([1, 1, 1, 1, 1]);
    expect(states(ids)).toEqual(['UNKNOWN', 'AWARDED', 'AWARDED', 'AWARDED', 'AWARDED']);
  });
});

describe('kaunter drain while RM answers 503', () => {
  it('stops after one UNKNOWN, says sending is paused and why, exits 2 with the rest queued', async () => {
    cli = await startCliSandbox('kaunter-outage-');
    const db = join(cli.dir, 'outage.db');
    const env = { ...cli.env, KAUNTER_DB: db };
    for (let i = 0; i < 5; i += 1) {
      const queued = await runCli(['award', '--amount', `${i + 1}.00`, '--member-id', BY_ID.memberId, '--queue-only'], env);
      expect(queued.code, queued.stderr).toBe(0);
    }
    cli.sandbox.setFault(OUTAGE);
    const started = Date.now();
    const drain = await runCli(['drain'], env);
    expect(drain.code, drain.stderr).toBe(2);
    expect(drain.stdout).toMatch(/awarded 0, no answer 1 \(now unknown\); left: 4 queued, 1 unknown \(need a manager\)\. Sending is paused: RM had an internal error \(SYSTEM_ERROR\)\. Drain again in a few minutes, or use --until-empty$/m);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(cli.sandbox.ledger()).toHaveLength(0);

    cli.sandbox.setFault(null);
    const again = await runCli(['drain'], env);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/awarded 4; left: 0 queued, 1 unknown/);
    const store = openDatabase(db);
    try {
      const nonces = store.prepare("SELECT a.nonce FROM attempts a JOIN awards w ON w.id = a.award_id WHERE w.state = 'AWARDED'").all() as Array<{ nonce: string }>;
      expect(nonces).toHaveLength(4);
      const ledger = cli.sandbox.ledger();
      expect(ledger).toHaveLength(4);
      expect(new Set(ledger.map((entry) => entry.nonce))).toEqual(new Set(nonces.map((row) => row.nonce)));
    } finally {
      store.close();
    }
  }, 30_000);
});
