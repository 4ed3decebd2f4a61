// The real RM client against the real sandbox on loopback: every kind of refusal surfaces as the right typed error, and
// every fault mode lands on the right side of "certainly not applied" / "maybe applied".
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_AMOUNT_SEN, MAX_POINTS } from '../../app/common/money.ts';
import type { Attempt } from '../../app/rm/client.ts';
import { connectToRm, type RmConnection } from '../../app/rm/connection.ts';
import { generateKeyPair } from '../../app/rm/keys.ts';
import type { RmOutcome } from '../../app/rm/outcome.ts';
import { interpretOutcome } from '../../app/rm/outcome.ts';
import { signRequest } from '../../app/rm/signature.ts';
import { closeIdleConnections, send } from '../../app/rm/transport.ts';
import { loadPrivateKey } from '../../app/rm/keys.ts';
import { DEMO_MEMBERS, startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import { z } from 'zod';

const keys = await generateKeyPair();
const APP = { clientId: 'client-test', clientSecret: 'secret-test', publicKeyPem: keys.publicKeyPem };
const member = DEMO_MEMBERS[0]!;
const byPhone = { type: 'PHONENUMBER' as const, countryCode: member.countryCode, phoneNumber: member.phoneNumber };
const byId = { type: 'ID' as const, memberId: member.memberId };

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ apps: [APP] });
});
afterAll(async () => {
  closeIdleConnections();
  await sandbox.close();
});
afterEach(() => sandbox.setFault(null));

function connect(overrides: { clientSecret?: string; privateKeyPem?: string; responseTimeoutMs?: number; now?: () => number } = {}): RmConnection {
  return connectToRm({
    hosts: { apiUrl: sandbox.url, oauthUrl: sandbox.url },
    credentials: { clientId: APP.clientId, clientSecret: overrides.clientSecret ?? APP.clientSecret, privateKeyPem: overrides.privateKeyPem ?? keys.privateKeyPem },
    ...(overrides.now ? { now: overrides.now } : {}),
    sendOptions: { timeouts: { responseTimeoutMs: overrides.responseTimeoutMs ?? 10_000 } },
  });
}

function recorder() {
  const attempts: Array<{ attempt: Attempt; outcome?: RmOutcome<unknown> }> = [];
  return {
    attempts,
    hooks: {
      beforeSend: (attempt: Attempt) => void attempts.push({ attempt }),
      afterAttempt: (attempt: Attempt, outcome: RmOutcome<unknown>) => {
        const entry = attempts.find((a) => a.attempt.nonce === attempt.nonce);
        if (entry) entry.outcome = outcome;
      },
    },
  };
}

const ledgerFor = (nonce: string) => sandbox.ledger().filter((entry) => entry.nonce === nonce);

describe('RM client against the sandbox: success', () => {
  it('awards by phone, by member ID and by QR; each applied once under the nonce it was signed with', async () => {
    const rm = connect();
    const before = sandbox.member(member.memberId)?.loyaltyPoint ?? 0;
    for (const target of [byPhone, byId]) {
      const rec = recorder();
      const outcome = await rm.loyalty.spendingReward(1250, target, rec.hooks);
      expect(outcome.kind).toBe('success');
      expect(rec.attempts).toHaveLength(1);
      expect(ledgerFor(rec.attempts[0]!.attempt.nonce)).toMatchObject([{ memberId: member.memberId, points: 12, amount: 1250 }]);
    }
    expect(sandbox.member(member.memberId)?.loyaltyPoint).toBe(before + 24);
    const qr = await rm.loyalty.spendingReward(500, { type: 'QRCODE' });
    expect(qr.kind === 'success' && qr.value.qrCodeUrl).toMatch(new RegExp(`^${sandbox.url}/claim/`));
    expect(qr.kind === 'success' && qr.value.id).toBeTruthy();
  });

  it('previews points, reads members, history, profile by phone and membership check', async () => {
    const { loyalty } = connect();
    expect(await loyalty.calculatePoints(300)).toEqual({ kind: 'success', value: 3 });
    const found = await loyalty.member(member.memberId);
    expect(found).toMatchObject({ kind: 'success', value: { id: member.memberId, name: member.name } });
    const history = await loyalty.memberHistory(member.memberId);
    expect(history.kind === 'success' && history.value.length).toBeGreaterThan(0);
    expect(history.kind === 'success' && history.value[0]?.points).toBeGreaterThan(0);
    expect(await loyalty.memberByPhone('60', member.phoneNumber)).toMatchObject({ kind: 'success', value: { name: member.name } });
    expect(await loyalty.memberExists('60', member.phoneNumber)).toEqual({ kind: 'success', value: true });
    expect(await loyalty.memberExists('60', '199999999')).toEqual({ kind: 'success', value: false });
  });

  it('cancels a QR award until it is claimed', async () => {
    const { loyalty } = connect();
    const qr = await loyalty.spendingReward(500, { type: 'QRCODE' });
    const id = qr.kind === 'success' ? (qr.value.id ?? '') : '';
    expect(await loyalty.cancelSpendingReward(id)).toEqual({ kind: 'success', value: null });
    expect((await loyalty.cancelSpendingReward(id)).kind).not.toBe('success');
  });
});

describe('RM client against the sandbox: tokens', () => {
  it('many callers at once share one token request', async () => {
    const refreshTokens: string[] = [];
    const rm = connectToRm({
      hosts: { apiUrl: sandbox.url, oauthUrl: sandbox.url },
      credentials: { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: keys.privateKeyPem },
      onRefreshToken: (token) => refreshTokens.push(token),
    });
    const results = await Promise.all(Array.from({ length: 10 }, () => rm.tokens.accessToken()));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.accessToken : ''))).size).toBe(1);
    expect(refreshTokens).toHaveLength(1);
  });

  it('renews a margin before expiry with the refresh token, keeping the newest one', async () => {
    let clock = Date.now();
    const short = await startSandbox({ apps: [APP], tokenLifetimeSeconds: 100, now: () => clock });
    try {
      const refreshTokens: string[] = [];
      const rm = connectToRm({
        hosts: { apiUrl: short.url, oauthUrl: short.url },
        credentials: { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: keys.privateKeyPem },
        onRefreshToken: (token) => refreshTokens.push(token),
        now: () => clock,
      });
      const first = await rm.tokens.accessToken();
      clock += 85_000; // inside the 10 % margin of a 100 s token, still valid at the server
      expect(await rm.tokens.accessToken()).toEqual(first);
      clock += 6_000;
      const second = await rm.tokens.accessToken();
      expect(second.ok && first.ok && second.accessToken !== first.accessToken).toBe(true);
      expect(refreshTokens).toHaveLength(2);
      expect(refreshTokens[1]).not.toBe(refreshTokens[0]);
      expect((await rm.loyalty.calculatePoints(100)).kind).toBe('success');
    } finally {
      await short.close();
    }
  });

  it('on TOKEN_EXPIRED renews and retries exactly once, freshly signed; the award is applied once', async () => {
    let serverClock = Date.now();
    const clientClock = () => serverClock - serverSkew;
    let serverSkew = 0;
    const drifting = await startSandbox({ apps: [APP], tokenLifetimeSeconds: 60, now: () => serverClock });
    try {
      const rm = connectToRm({
        hosts: { apiUrl: drifting.url, oauthUrl: drifting.url },
        credentials: { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: keys.privateKeyPem },
        now: clientClock,
      });
      expect((await rm.tokens.accessToken()).ok).toBe(true);
      // The server's token store moves 61 s on while this client still believes its token is fresh.
      serverClock += 61_000;
      serverSkew = 61_000;
      const rec = recorder();
      // Keep the signature timestamp inside RM's ±120 s window: the client clock is only 61 s behind.
      const outcome = await rm.loyalty.spendingReward(700, byId, rec.hooks);
      expect(outcome.kind).toBe('success');
      expect(rec.attempts).toHaveLength(2);
      expect(rec.attempts[0]?.outcome).toMatchObject({ kind: 'notApplied', error: { code: 'TOKEN_EXPIRED' } });
      expect(rec.attempts[0]?.attempt.nonce).not.toBe(rec.attempts[1]?.attempt.nonce);
      const applied = drifting.ledger();
      expect(applied).toHaveLength(1);
      expect(applied[0]?.nonce).toBe(rec.attempts[1]?.attempt.nonce);
    } finally {
      await drifting.close();
    }
  });
});

describe('RM client against the sandbox: every refusal is a typed error', () => {
  it('wrong client secret: INVALID_CLIENT, a setup problem, nothing sent', async () => {
    const rec = recorder();
    const outcome = await connect({ clientSecret: 'wrong' }).loyalty.spendingReward(100, byId, rec.hooks);
    expect(outcome).toMatchObject({ kind: 'notApplied', error: { code: 'INVALID_CLIENT', setupProblem: true } });
    expect(rec.attempts).toHaveLength(0);
  });

  it('a key RM does not know: INVALID_REQUEST_SIGNATURE with the sandbox debug block', async () => {
    const outcome = await connect({ privateKeyPem: (await generateKeyPair()).privateKeyPem }).loyalty.spendingReward(100, byId);
    expect(outcome).toMatchObject({ kind: 'notApplied', error: { code: 'INVALID_REQUEST_SIGNATURE', setupProblem: true } });
    expect(outcome.kind !== 'success' && outcome.error.debug).toMatchObject({ plainText: expect.stringContaining('method=post') as unknown });
  });

  it('no public key uploaded: CLIENT_NOT_SET_PUBLIC_KEY', async () => {
    const noKey = await startSandbox({ apps: [{ ...APP, publicKeyPem: null }] });
    try {
      const rm = connectToRm({ hosts: { apiUrl: noKey.url, oauthUrl: noKey.url }, credentials: { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: keys.privateKeyPem } });
      const outcome = await rm.loyalty.spendingReward(100, byId);
      expect(outcome).toMatchObject({ kind: 'notApplied', error: { code: 'CLIENT_NOT_SET_PUBLIC_KEY' } });
      expect(outcome.kind !== 'success' && outcome.error.message).toMatch(/Merchant Portal/);
    } finally {
      await noKey.close();
    }
  });

  it("this PC's clock is wrong: INVALID_TIMESTAMP says to fix the clock", async () => {
    sandbox.setClockSkewSeconds(600);
    try {
      const outcome = await connect().loyalty.spendingReward(100, byId);
      expect(outcome).toMatchObject({ kind: 'notApplied', error: { code: 'INVALID_TIMESTAMP', setupProblem: true } });
      expect(outcome.kind !== 'success' && outcome.error.message).toMatch(/clock/);
    } finally {
      sandbox.setClockSkewSeconds(0);
    }
  });

  it('a replayed nonce: RM refuses the copy, and Kaunter takes the request as maybe applied, since the first copy reached RM', async () => {
    const { tokens } = connect();
    const token = await tokens.accessToken();
    if (!token.ok) throw new Error('no token');
    const signedOnce = signRequest({ method: 'POST', url: `${sandbox.url}/v3/loyalty/spending-reward/calculate`, body: { currencyType: 'MYR', amount: 100 }, privateKey: loadPrivateKey(keys.privateKeyPem), accessToken: token.accessToken, nowMs: Date.now() });
    const request = { method: 'POST' as const, url: `${sandbox.url}/v3/loyalty/spending-reward/calculate`, headers: signedOnce.headers, body: signedOnce.body, idempotent: true };
    expect((await send(request)).kind).toBe('response');
    expect(interpretOutcome(await send(request), z.object({ code: z.literal('SUCCESS') }))).toMatchObject({ kind: 'maybeApplied', error: { code: 'NONCE_ALREADY_USED' } });
  });

  it('unknown member: MEMBER_NOT_FOUND, rejected; bad amount: VALIDATION_ERROR, rejected', async () => {
    const { loyalty } = connect();
    expect(await loyalty.spendingReward(100, { type: 'ID', memberId: '1000000000000000001' })).toMatchObject({ kind: 'rejected', error: { code: 'MEMBER_NOT_FOUND' } });
    expect(await loyalty.spendingReward(0, byId)).toMatchObject({ kind: 'rejected', error: { code: 'VALIDATION_ERROR' } });
  });

  it('no spending rule / no loyalty subscription: setup problems, not applied', async () => {
    for (const [options, code] of [[{ spendingRule: false }, 'SPENDING_NOT_FOUND'], [{ loyaltySubscribed: false }, 'LOYALTY_NOT_SUBSCRIBED']] as const) {
      const shop = await startSandbox({ apps: [APP], ...options });
      try {
        const rm = connectToRm({ hosts: { apiUrl: shop.url, oauthUrl: shop.url }, credentials: { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: keys.privateKeyPem } });
        expect(await rm.loyalty.spendingReward(100, byId)).toMatchObject({ kind: 'notApplied', error: { code, setupProblem: true } });
        expect(shop.ledger()).toHaveLength(0);
      } finally {
        await shop.close();
      }
    }
  });
});

describe('RM client against the sandbox: fault modes over real sockets', () => {
  const path = '/v3/loyalty/spending-reward';

  it('latency beyond the response timeout: maybe applied, and the sandbox did apply it', async () => {
    sandbox.setFault({ mode: 'latency', latencyMs: 600, path, count: 1 });
    const rec = recorder();
    const outcome = await connect({ responseTimeoutMs: 200 }).loyalty.spendingReward(100, byId, rec.hooks);
    expect(outcome).toMatchObject({ kind: 'maybeApplied', error: { code: 'RESPONSE_TIMEOUT' } });
    expect(ledgerFor(rec.attempts[0]!.attempt.nonce)).toHaveLength(1);
  });

  it('latency within the timeout: success, and "still waiting" was said', async () => {
    sandbox.setFault({ mode: 'latency', latencyMs: 300, path, count: 1 });
    let slow = 0;
    const rm = connectToRm({
      hosts: { apiUrl: sandbox.url, oauthUrl: sandbox.url },
      credentials: { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: keys.privateKeyPem },
      sendOptions: { timeouts: { slowNoticeMs: 100 } },
    });
    expect((await rm.loyalty.spendingReward(100, byId, { onSlow: () => (slow += 1) })).kind).toBe('success');
    expect(slow).toBe(1);
  });

  it('apply then drop the response: maybe applied, applied once', async () => {
    sandbox.setFault({ mode: 'apply-then-drop', path, count: 1 });
    const rec = recorder();
    expect(await connect().loyalty.spendingReward(100, byId, rec.hooks)).toMatchObject({ kind: 'maybeApplied', error: { code: 'CONNECTION_LOST' } });
    expect(ledgerFor(rec.attempts[0]!.attempt.nonce)).toHaveLength(1);
  });

  it('5xx: maybe applied whether or not the sandbox applied it', async () => {
    for (const apply of [false, true]) {
      sandbox.setFault({ mode: 'http-5xx', status: 503, apply, path, count: 1 });
      const rec = recorder();
      expect(await connect().loyalty.spendingReward(100, byId, rec.hooks)).toMatchObject({ kind: 'maybeApplied', error: { code: 'SYSTEM_ERROR', httpStatus: 503 } });
      expect(ledgerFor(rec.attempts[0]!.attempt.nonce)).toHaveLength(apply ? 1 : 0);
    }
  });

  it('rate limit: not applied, safe to retry', async () => {
    sandbox.setFault({ mode: 'rate-limit', path, count: 1 });
    const rec = recorder();
    expect(await connect().loyalty.spendingReward(100, byId, rec.hooks)).toMatchObject({ kind: 'notApplied', error: { code: 'TOO_MANY_REQUEST_PER_SECOND' } });
    expect(ledgerFor(rec.attempts[0]!.attempt.nonce)).toHaveLength(0);
  });

  it('connection reset after the request was written: maybe applied (the client cannot know it was not)', async () => {
    sandbox.setFault({ mode: 'reset', path, count: 1 });
    const rec = recorder();
    expect(await connect().loyalty.spendingReward(100, byId, rec.hooks)).toMatchObject({ kind: 'maybeApplied', error: { code: 'CONNECTION_LOST' } });
    expect(ledgerFor(rec.attempts[0]!.attempt.nonce)).toHaveLength(0);
  });

  it('refused connections: not applied, and the same port answers again afterwards', async () => {
    const rm = connect();
    expect((await rm.tokens.accessToken()).ok).toBe(true);
    await sandbox.refuseConnections(true);
    try {
      expect(await rm.loyalty.spendingReward(100, byId)).toMatchObject({ kind: 'notApplied', error: { code: 'NETWORK_UNREACHABLE' } });
    } finally {
      await sandbox.refuseConnections(false);
    }
    expect((await rm.loyalty.spendingReward(100, byId)).kind).toBe('success');
  });

  it('a wrong clock fault: INVALID_TIMESTAMP for matching requests only', async () => {
    sandbox.setFault({ mode: 'clock-skew', seconds: -3600, path, count: 1 });
    const rm = connect();
    expect(await rm.loyalty.spendingReward(100, byId)).toMatchObject({ kind: 'notApplied', error: { code: 'INVALID_TIMESTAMP' } });
    expect((await rm.loyalty.spendingReward(100, byId)).kind).toBe('success');
  });
});

describe('RM client: answers no spending rule can give', () => {
  it('takes points up to the largest sale\'s at the highest rule, and refuses a figure beyond it or below nought', async () => {
    // RM's API stand-in on loopback (the sandbox's rules cannot give such a figure); its tokens still come from the sandbox.
    const answers = [MAX_POINTS, MAX_POINTS + 1, -1, 12.5];
    let asked = 0;
    const stand = createServer((request, response) => {
      request.resume();
      const point = answers[Math.min(asked++, answers.length - 1)];
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'SUCCESS', item: { point } }));
    });
    await new Promise<void>((resolve) => stand.listen(0, '127.0.0.1', resolve));
    try {
      const { loyalty } = connectToRm({
        hosts: { apiUrl: `http://127.0.0.1:${(stand.address() as AddressInfo).port}`, oauthUrl: sandbox.url },
        credentials: { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: keys.privateKeyPem },
      });
      expect(await loyalty.calculatePoints(MAX_AMOUNT_SEN)).toEqual({ kind: 'success', value: MAX_POINTS });
      for (const beyond of answers.slice(1)) {
        const outcome = await loyalty.calculatePoints(100);
        expect(outcome.kind, String(beyond)).not.toBe('success');
        expect(outcome.kind === 'success' ? null : outcome.error.code, String(beyond)).toBe('BAD_RESPONSE');
      }
      expect(asked).toBe(answers.length);
    } finally {
      await new Promise<void>((resolve) => stand.close(() => resolve()));
    }
  });
});

describe('RM client: a SUCCESS that writes what is missing as null', () => {
  it('takes "item": null, or a null field in it, as the points given, not as an answer it cannot read', async () => {
    // RM's API stand-in on loopback; its tokens still come from the sandbox.
    const bodies = [{ code: 'SUCCESS', item: null }, { code: 'SUCCESS', item: { id: null, qrCodeUrl: null } }, { code: 'SUCCESS', item: { id: 'rm-1', qrCodeUrl: null } }];
    let asked = 0;
    const stand = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(bodies[asked++]));
    });
    await new Promise<void>((resolve) => stand.listen(0, '127.0.0.1', resolve));
    try {
      const { loyalty } = connectToRm({
        hosts: { apiUrl: `http://127.0.0.1:${(stand.address() as AddressInfo).port}`, oauthUrl: sandbox.url },
        credentials: { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: keys.privateKeyPem },
      });
      expect(await loyalty.spendingReward(100, byId)).toEqual({ kind: 'success', value: {} });
      expect(await loyalty.spendingReward(100, byId)).toEqual({ kind: 'success', value: {} });
      expect(await loyalty.spendingReward(100, byId)).toEqual({ kind: 'success', value: { id: 'rm-1' } });
      expect(asked).toBe(bodies.length);
    } finally {
      await new Promise<void>((resolve) => stand.close(() => resolve()));
    }
  });
});
