// Sending without a token to send with, and claim QRs whose customer can no longer be waiting. Found by helper-45: with
// OAuth's host failing while RM's API answered, the relay wrote an event per try (4,881 in 5 s with the host refusing
// connections); a claim QR undone while the relay waited for a token paused all sending for 5 minutes as a disk
// failure, and a QR left queued then was made later for nobody to scan.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AwardDesk } from '../../app/awards/award-desk.ts';
import { httpProbe } from '../../app/awards/connectivity.ts';
import { QR_STALE_MS, type RelayStatus } from '../../app/awards/relay.ts';
import { openDatabase } from '../../app/store/database.ts';
import { makeRig, sale, waitFor, type Rig } from '../fixtures/award-rig.ts';

let rig: Rig | undefined;
let oauth: Server | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  oauth?.close();
  oauth = undefined;
});

const QR = { type: 'QRCODE' as const };

function eventsOf(id: string): number {
  return rig?.desk.detail(id)?.events.length ?? 0;
}

/** An OAuth host that answers every token request with 503, `afterMs` after it arrives. */
async function failingOAuth(afterMs: number): Promise<string> {
  oauth = createServer((_request, response) => setTimeout(() => response.writeHead(503).end('busy'), afterMs));
  await new Promise<void>((resolve) => oauth?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(oauth.address() as AddressInfo).port}`;
}

describe('no token to send with', () => {
  it('the award waits untouched, the cashier hears at once, sending pauses longer each time, and it goes out once', async () => {
    const pauses: Array<{ code: string; forMs: number }> = [];
    const onRelayStatus = (status: RelayStatus): void => {
      if (status.paused && status.paused.code !== pauses.at(-1)?.code) pauses.push({ code: status.paused.code, forMs: status.paused.untilMs - Date.now() });
      if (!status.paused) pauses.push({ code: 'none', forMs: 0 });
    };
    rig = await makeRig({ desk: { onRelayStatus } });
    rig.desk.startRelay();
    rig.sandbox.setFault({ mode: 'http-5xx', status: 503, path: '/v1/token' });

    const started = Date.now();
    const submitted = await rig.desk.submit(sale(1200), 'cashier:Aina', 8_000);
    // Told at once, not after the whole 8-second wait (a slow machine still answers well within it).
    expect(Date.now() - started).toBeLessThan(7_000);
    expect(submitted.award).toMatchObject({ state: 'QUEUED', lastError: null });
    expect(rig.desk.relayStatus?.paused).toMatchObject({ code: 'TOKEN_UNAVAILABLE', message: expect.stringMatching(/could not sign this terminal in/) as unknown });

    // Two more tries, each after a longer pause; the award has its one event ("submitted") and no attempt.
    await waitFor(() => pauses.filter((pause) => pause.code === 'TOKEN_UNAVAILABLE').length >= 3, 15_000);
    const lengths = pauses.filter((pause) => pause.code === 'TOKEN_UNAVAILABLE').map((pause) => pause.forMs);
    expect(lengths[1]).toBeGreaterThan(lengths[0]! * 1.5);
    expect(lengths[2]).toBeGreaterThan(lengths[1]! * 1.5);
    expect(eventsOf(submitted.award.id)).toBe(1);
    expect(rig.desk.detail(submitted.award.id)?.attempts).toEqual([]);

    rig.sandbox.setFault(null);
    rig.desk.wake();
    await waitFor(() => rig?.desk.detail(submitted.award.id)?.award.state === 'AWARDED');
    expect(rig.sandbox.ledger()).toHaveLength(1);
  }, 30_000);

  it("OAuth's host out of reach while the API answers: offline until both answer, a probe at a time, the award untouched", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const oauthUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    // The app's probe: RM's two hosts (app/core/environment.ts), counted.
    let probes = 0;
    let probeBoth = (): Promise<boolean> => Promise.resolve(false);
    rig = await makeRig({ oauthUrl, desk: { probe: () => ((probes += 1), probeBoth()) } });
    probeBoth = httpProbe(rig.sandbox.url, oauthUrl);
    expect(await httpProbe(rig.sandbox.url)()).toBe(true);
    expect(await probeBoth()).toBe(false);

    rig.desk.startRelay();
    const submitted = await rig.desk.submit(sale(1200), 'cashier:Aina', 8_000);
    expect(submitted.award).toMatchObject({ state: 'QUEUED', lastError: null });
    expect(rig.desk.connectivity.state).toBe('offline');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // The probe's own backoff (2 s, then longer) sets the pace, not a loop of token requests.
    expect(probes).toBeLessThanOrEqual(2);
    expect(eventsOf(submitted.award.id)).toBe(1);
    expect(rig.desk.relayStatus?.paused ?? null).toBeNull();
  });

  it('a claim QR undone while the relay waits for a token: the undo stands, and nothing pauses as a disk failure', async () => {
    rig = await makeRig({ oauthUrl: await failingOAuth(400) });
    rig.desk.startRelay();
    const id = randomUUID();
    const submitting = rig.desk.submit(sale(2000, QR, { id }), 'cashier:Aina', 5_000);
    // The relay has taken it and is waiting for the token (400 ms): the cashier undoes it meanwhile.
    await waitFor(() => rig?.desk.relayStatus?.sendingAwardId === id);
    rig.desk.undo(id, 'cashier:Aina', 'customer changed their mind');
    const outcome = await submitting;
    expect(outcome.award).toMatchObject({ state: 'VOIDED', resolution: { reason: 'customer changed their mind' } });
    // The token's refusal arrives after the undo; the relay then finds the award voided, and leaves it so.
    await waitFor(() => rig?.desk.relayStatus?.sendingAwardId === null);
    expect(rig.desk.relayStatus?.paused ?? null).toBeNull();
    expect(rig.desk.detail(id)?.award).toMatchObject({ state: 'VOIDED', lastError: null });
    expect(rig.sandbox.ledger()).toHaveLength(0);
  });
});

describe('a claim QR is made only while its customer waits', () => {
  it('one still queued minutes after its sale (Kaunter restarted before sending it) is voided with advice, never sent', async () => {
    let clock = Date.now();
    rig = await makeRig({ desk: { now: () => clock } });
    const qr = rig.desk.queue(sale(2000, QR), 'cashier:Aina');
    const later = rig.desk.queue(sale(900), 'cashier:Aina');
    clock += QR_STALE_MS + 1_000;
    rig.desk.startRelay();
    await waitFor(() => rig?.desk.detail(later.id)?.award.state === 'AWARDED');
    expect(rig.desk.detail(qr.id)?.award).toMatchObject({ state: 'VOIDED', lastError: { code: 'QR_NOT_MADE', message: expect.stringMatching(/phone number or member ID/) as unknown } });
    expect(rig.desk.detail(qr.id)?.attempts).toEqual([]);
    expect(rig.sandbox.ledger()).toHaveLength(1);
  });

  it('one submitted where another process sends (it holds the relay lock) is voided at once, not left for that process', async () => {
    rig = await makeRig();
    rig.desk.startRelay();
    const db = openDatabase(rig.dbPath);
    const second = new AwardDesk({ db, dbPath: rig.dbPath, terminalId: 'T1', loyalty: rig.rm.loyalty, probe: httpProbe(rig.sandbox.url) });
    try {
      expect(second.startRelay()).toBe(false);
      const outcome = await second.submit(sale(2000, QR), 'cashier:Aina', 5_000);
      expect(outcome).toMatchObject({ settled: true, award: { state: 'VOIDED', lastError: { code: 'QR_NOT_MADE' } } });
      expect(rig.sandbox.ledger()).toHaveLength(0);
    } finally {
      await second.close();
      db.close();
    }
  });
});
