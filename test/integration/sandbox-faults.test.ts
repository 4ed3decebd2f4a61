// Every injected fault over real sockets, as an RM client meets it: what it sees on the wire, and whether the award
// was applied (the ledger is the ground truth).
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SandboxOptionsError, startSandbox, type FaultSpec, type RunningSandbox } from '../../app/sandbox/index.ts';
import {
  TEST_APP,
  call,
  errorOf,
  fetchToken,
  httpRequest,
  json,
  socketError,
  tokenRequest,
  type HttpResponse,
} from '../fixtures/sandbox-client.ts';

const AWARD_PATH = '/v3/loyalty/spending-reward';
const MEMBER_ID = '6190354873541245312';
let sandbox: RunningSandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ apps: [TEST_APP] });
  token = (await fetchToken(sandbox.url)).accessToken;
});
afterEach(() => sandbox.setFault(null));
afterAll(() => sandbox.close());

function award(nonceStr?: string, target: RunningSandbox = sandbox, accessToken = token): Promise<HttpResponse> {
  return call(target.url, {
    method: 'POST',
    path: AWARD_PATH,
    body: { currencyType: 'MYR', amount: 500, type: 'ID', memberId: MEMBER_ID },
    accessToken,
    nonceStr,
  });
}

function calculate(): Promise<HttpResponse> {
  return call(sandbox.url, { method: 'POST', path: `${AWARD_PATH}/calculate`, body: { currencyType: 'MYR', amount: 100 }, accessToken: token });
}

function memberLookup(): Promise<HttpResponse> {
  return call(sandbox.url, { method: 'GET', path: `/v3/loyalty/member/${MEMBER_ID}`, accessToken: token });
}

function appliedWithNonce(nonce: string, target: RunningSandbox = sandbox): number {
  return target.ledger().filter((entry) => entry.nonce === nonce).length;
}

async function untilListening(url: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      await httpRequest({ method: 'GET', url: `${url}/sandbox/members` });
      return Date.now() - started;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await sleep(25);
    }
  }
}

describe('latency', () => {
  it('applies the award at once and answers latencyMs later', async () => {
    sandbox.setFault({ mode: 'latency', latencyMs: 300 });
    const nonce = 'LatencyLatencyLatencyLatencyLate';
    const started = Date.now();
    const pending = award(nonce);
    await sleep(120);
    expect(appliedWithNonce(nonce), 'applied before the answer leaves').toBe(1);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('apply-then-drop', () => {
  it('leaves a ledger entry while the client sees the socket close with no response', async () => {
    sandbox.setFault({ mode: 'apply-then-drop' });
    const nonce = 'DroppedDroppedDroppedDroppedDrop';
    const error = await socketError(award(nonce));
    expect(error.code).toBe('ECONNRESET');
    expect(error.message).toBe('socket hang up');
    expect(appliedWithNonce(nonce)).toBe(1);
  });
});

describe('http-5xx', () => {
  it('answers 500 INTERNAL_ERROR without applying by default', async () => {
    sandbox.setFault({ mode: 'http-5xx' });
    const nonce = 'Http500Http500Http500Http500Http';
    const response = await award(nonce);
    expect({ status: response.status, code: errorOf(response).code }).toEqual({ status: 500, code: 'INTERNAL_ERROR' });
    expect(appliedWithNonce(nonce)).toBe(0);
  });

  it('answers 503 SYSTEM_ERROR after applying when apply is true', async () => {
    sandbox.setFault({ mode: 'http-5xx', status: 503, apply: true });
    const nonce = 'Http503Http503Http503Http503Http';
    const response = await award(nonce);
    expect({ status: response.status, code: errorOf(response).code }).toEqual({ status: 503, code: 'SYSTEM_ERROR' });
    expect(appliedWithNonce(nonce)).toBe(1);
  });

  it('uses the code asked for', async () => {
    sandbox.setFault({ mode: 'http-5xx', status: 502, code: 'INTERNAL_ERROR' });
    const response = await award();
    expect({ status: response.status, code: errorOf(response).code }).toEqual({ status: 502, code: 'INTERNAL_ERROR' });
  });
});

describe('rate-limit', () => {
  it('answers 429 TOO_MANY_REQUEST_PER_SECOND and applies nothing', async () => {
    sandbox.setFault({ mode: 'rate-limit' });
    const nonce = 'RateLimitRateLimitRateLimitRateL';
    const response = await award(nonce);
    expect({ status: response.status, code: errorOf(response).code }).toEqual({ status: 429, code: 'TOO_MANY_REQUEST_PER_SECOND' });
    expect(appliedWithNonce(nonce)).toBe(0);
  });
});

describe('reset', () => {
  it('reads the whole request, then resets the connection (a real ECONNRESET); nothing applied', async () => {
    sandbox.setFault({ mode: 'reset' });
    const nonce = 'ResetResetResetResetResetResetRe';
    const error = await socketError(award(nonce));
    expect(error.code).toBe('ECONNRESET');
    expect(error.syscall).toBe('read');
    expect(appliedWithNonce(nonce)).toBe(0);
  });
});

describe('refuse', () => {
  it('gives ECONNREFUSED, then the same port listens again after durationMs', async () => {
    sandbox.setFault({ mode: 'refuse', durationMs: 300 });
    const error = await socketError(award());
    expect(error.code).toBe('ECONNREFUSED');
    const waited = await untilListening(sandbox.url, 3000);
    expect(waited).toBeGreaterThan(100);
    expect((await award()).status).toBe(200);
  });

  it('refuseConnections(true) holds until refuseConnections(false), on the same port', async () => {
    await sandbox.refuseConnections(true);
    expect((await socketError(award())).code).toBe('ECONNREFUSED');
    await sleep(50);
    expect((await socketError(award())).code).toBe('ECONNREFUSED');
    await sandbox.refuseConnections(false);
    expect((await award()).status).toBe(200);
  });
});

describe('clock-skew', () => {
  it('a fault skew makes correct client clocks fail INVALID_TIMESTAMP; count 1 limits it to one request', async () => {
    sandbox.setFault({ mode: 'clock-skew', seconds: 300, count: 1 });
    const skewed = await award();
    expect({ status: skewed.status, code: errorOf(skewed).code }).toEqual({ status: 400, code: 'INVALID_TIMESTAMP' });
    expect((await award()).status).toBe(200);
  });

  it('setClockSkewSeconds runs the sandbox clock off until set back', async () => {
    sandbox.setClockSkewSeconds(-200);
    try {
      const response = await award();
      expect(errorOf(response).code).toBe('INVALID_TIMESTAMP');
      expect(errorOf(response).message).toContain('200 s ahead of the server clock');
    } finally {
      sandbox.setClockSkewSeconds(0);
    }
    expect((await award()).status).toBe(200);
  });
});

describe('count and path', () => {
  it('count limits a fault to the next N matching requests', async () => {
    sandbox.setFault({ mode: 'rate-limit', count: 2 });
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await award()).status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('a path ending in "*" limits a fault to requests whose path starts with it; others pass and do not use up the count', async () => {
    sandbox.setFault({ mode: 'http-5xx', path: '/v3/loyalty/member/*', count: 1 });
    expect((await award()).status).toBe(200);
    expect((await memberLookup()).status).toBe(500);
    expect((await memberLookup()).status).toBe(200);
  });

  it('a path prefix covers the paths below it', async () => {
    sandbox.setFault({ mode: 'rate-limit', path: `${AWARD_PATH}*` });
    expect((await calculate()).status).toBe(429);
    expect((await memberLookup()).status).toBe(200);
  });

  it('a path without "*" names one route: the award\'s fault waits for the award, past the points preview below it', async () => {
    sandbox.setFault({ mode: 'apply-then-drop', path: AWARD_PATH, count: 1 });
    expect((await calculate()).status).toBe(200);
    expect((await socketError(award())).message).toBe('socket hang up');
    expect((await award()).status).toBe(200);
  });

  it('OAuth is part of the RM API and can be faulted too', async () => {
    sandbox.setFault({ mode: 'http-5xx', status: 502, path: '/v1/token', count: 1 });
    expect((await tokenRequest(sandbox.url, { grantType: 'client_credentials' })).status).toBe(502);
    expect((await tokenRequest(sandbox.url, { grantType: 'client_credentials' })).status).toBe(200);
  });

  it('never touches the sandbox\'s own ledger, members or claim pages', async () => {
    sandbox.setFault({ mode: 'reset' });
    expect((await httpRequest({ method: 'GET', url: `${sandbox.url}/sandbox/ledger` })).status).toBe(200);
    expect((await httpRequest({ method: 'GET', url: `${sandbox.url}/claim/unknown` })).status).toBe(404);
  });

  it('rejects a malformed fault with a message naming the field', () => {
    const bad: unknown[] = [
      { mode: 'latency' },
      { mode: 'explode' },
      { mode: 'http-5xx', status: 504 },
      { mode: 'rate-limit', count: 0 },
      { mode: 'reset', path: 'v3' },
      { mode: 'reset', path: '/v3/loyalty/me?countryCode=60' },
      { mode: 'reset', path: '/v3/*/spending-reward' },
      { mode: 'reset', path: '/v3/loyalty/member/' },
      { mode: 'reset', path: '/v3/loyalty/member/:memberId' },
      { mode: 'refuse', durationMs: 100, count: 1 },
    ];
    for (const fault of bad) {
      expect(() => sandbox.setFault(fault as FaultSpec), JSON.stringify(fault)).toThrow(SandboxOptionsError);
    }
    expect(() => sandbox.setFault({ mode: 'reset', path: '/v3/loyalty/member/' })).toThrow('did you mean "/v3/loyalty/member/*"?');
  });
});

describe('fault control over HTTP', () => {
  it('is off unless enabled: /sandbox/faults answers 404', async () => {
    const response = await httpRequest({
      method: 'POST',
      url: `${sandbox.url}/sandbox/faults`,
      headers: { 'Content-Type': 'application/json' },
      body: '{"mode":"rate-limit"}',
    });
    expect({ status: response.status, code: errorOf(response).code }).toEqual({ status: 404, code: 'API_ENDPOINT_NOT_FOUND' });
    expect((await award()).status).toBe(200);
  });

  it('with faults enabled: POST sets, GET shows the remaining count, DELETE clears, bad specs are refused', async () => {
    const controlled = await startSandbox({ apps: [TEST_APP], faults: true });
    try {
      const controlledToken = (await fetchToken(controlled.url)).accessToken;
      const post = (body: string): Promise<HttpResponse> =>
        httpRequest({ method: 'POST', url: `${controlled.url}/sandbox/faults`, headers: { 'Content-Type': 'application/json' }, body });
      expect((await post('{"mode":"rate-limit","count":3}')).status).toBe(200);
      expect((await award(undefined, controlled, controlledToken)).status).toBe(429);
      const shown = await httpRequest({ method: 'GET', url: `${controlled.url}/sandbox/faults` });
      expect(json(shown)).toEqual({ item: { mode: 'rate-limit', count: 2 }, code: 'SUCCESS' });
      expect((await httpRequest({ method: 'DELETE', url: `${controlled.url}/sandbox/faults` })).status).toBe(200);
      expect((await award(undefined, controlled, controlledToken)).status).toBe(200);

      const bad = await post('{"mode":"http-5xx","status":418}');
      expect({ status: bad.status, code: errorOf(bad).code }).toEqual({ status: 400, code: 'VALIDATION_ERROR' });
      expect(errorOf(bad).message).toContain('status');

      const refuse = await post('{"mode":"refuse","durationMs":300}');
      expect(refuse.status).toBe(200);
      expect((await socketError(award(undefined, controlled, controlledToken))).code).toBe('ECONNREFUSED');
      await untilListening(controlled.url, 3000);
      expect((await award(undefined, controlled, controlledToken)).status).toBe(200);
    } finally {
      await controlled.close();
    }
  });
});

describe('closing', () => {
  it('closes promptly even with a delayed answer pending; the client sees the connection end', async () => {
    const closing = await startSandbox({ apps: [TEST_APP] });
    const closingToken = (await fetchToken(closing.url)).accessToken;
    closing.setFault({ mode: 'latency', latencyMs: 60_000 });
    const pending = socketError(award(undefined, closing, closingToken));
    await sleep(100);
    const started = Date.now();
    await closing.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await pending).code).toBe('ECONNRESET');
  });
});
