// The sandbox checks every Open API request as RM does, in RM's order, and answers malformed requests with RM-style
// envelopes. All over real sockets, with requests signed by app/rm/signature.ts.
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../app/rm/canonical.ts';
import { stringToSign } from '../../app/rm/signature.ts';
import { startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import {
  TEST_APP,
  TEST_PRIVATE_KEY,
  call,
  errorOf,
  fetchToken,
  httpRequest,
  sign,
  type HttpResponse,
} from '../fixtures/sandbox-client.ts';

const MEMBER_ID = '6190354873541245312';
const AWARD = { currencyType: 'MYR', amount: 300, type: 'ID', memberId: MEMBER_ID };
const AWARD_PATH = '/v3/loyalty/spending-reward';
let clockMs = Date.UTC(2025, 2, 1, 10, 0, 0);
let sandbox: RunningSandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ apps: [TEST_APP], now: () => clockMs });
  token = (await fetchToken(sandbox.url)).accessToken;
});
afterAll(() => sandbox.close());

function award(overrides: { nowMs?: number; nonceStr?: string; accessToken?: string } = {}): Promise<HttpResponse> {
  return call(sandbox.url, { method: 'POST', path: AWARD_PATH, body: AWARD, accessToken: token, nowMs: clockMs, ...overrides });
}

/** Sends a signed request with its headers or body changed after signing. */
function sendAltered(
  change: { headers?: Record<string, string | undefined>; body?: string; path?: string },
  input = { method: 'POST', path: AWARD_PATH, body: AWARD as unknown },
): Promise<HttpResponse> {
  const signed = sign(sandbox.url, { ...input, accessToken: token, nowMs: clockMs });
  const headers = Object.fromEntries(
    Object.entries({ ...signed.headers, ...change.headers }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return httpRequest({ method: input.method, url: sandbox.url + (change.path ?? input.path), headers, body: change.body ?? signed.body });
}

function expectError(response: HttpResponse, status: number, code: string): void {
  expect({ status: response.status, code: errorOf(response).code }).toEqual({ status, code });
}

describe('a correctly signed request', () => {
  it('is accepted and applied once', async () => {
    const before = sandbox.ledger().length;
    const response = await award();
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ code: 'SUCCESS' });
    expect(sandbox.ledger()).toHaveLength(before + 1);
  });

  it('is accepted when the body is equivalent but not canonical (the sandbox re-canonicalises, as RM may)', async () => {
    const loose = '{ "type": "ID", "memberId": "6190354873541245312",\n "amount": 300, "currencyType": "MYR" }';
    expect((await sendAltered({ body: loose })).status).toBe(200);
  });
});

describe('refusals, each with RM\'s code', () => {
  it('CLIENT_NOT_SET_PUBLIC_KEY for an app without a public key', async () => {
    const keyless = { clientId: 'no-key-yet', clientSecret: 'secret', publicKeyPem: null };
    sandbox.registerApp(keyless);
    const keylessToken = (await fetchToken(sandbox.url, keyless)).accessToken;
    expectError(await award({ accessToken: keylessToken }), 400, 'CLIENT_NOT_SET_PUBLIC_KEY');
  });

  it('INVALID_TIMESTAMP beyond ±120 s, and accepted exactly at ±120 s', async () => {
    for (const offsetSeconds of [-121, 121, -3600]) {
      const response = await award({ nowMs: clockMs + offsetSeconds * 1000 });
      expectError(response, 400, 'INVALID_TIMESTAMP');
      expect(errorOf(response).message).toContain('clock');
    }
    for (const offsetSeconds of [-120, 120]) {
      expect((await award({ nowMs: clockMs + offsetSeconds * 1000 })).status).toBe(200);
    }
  });

  it('INVALID_TIMESTAMP for a missing or millisecond timestamp, saying which', async () => {
    expectError(await sendAltered({ headers: { 'X-Timestamp': undefined } }), 400, 'INVALID_TIMESTAMP');
    const millis = await sendAltered({ headers: { 'X-Timestamp': String(clockMs) } });
    expectError(millis, 400, 'INVALID_TIMESTAMP');
    expect(errorOf(millis).message).toContain('milliseconds');
  });

  it('NONCE_ALREADY_USED for a replay within 120 s; nothing is applied twice; the nonce is free again later', async () => {
    const nonceStr = 'ReplayReplayReplayReplayReplay01';
    expect((await award({ nonceStr })).status).toBe(200);
    const ledgerAfterFirst = sandbox.ledger().length;
    clockMs += 60_000;
    expectError(await award({ nonceStr }), 400, 'NONCE_ALREADY_USED');
    expect(sandbox.ledger()).toHaveLength(ledgerAfterFirst);
    clockMs += 61_000;
    expect((await award({ nonceStr })).status).toBe(200);
  });

  it('a request refused for its signature does not use up its nonce', async () => {
    const nonceStr = 'NotBurntNotBurntNotBurntNotBurnt';
    const signed = sign(sandbox.url, { method: 'POST', path: AWARD_PATH, body: AWARD, accessToken: token, nowMs: clockMs, nonceStr });
    const refused = await httpRequest({
      method: 'POST',
      url: sandbox.url + AWARD_PATH,
      headers: { ...signed.headers, 'X-Signature': 'sha256 AAAA' },
      body: signed.body,
    });
    expectError(refused, 400, 'INVALID_REQUEST_SIGNATURE');
    expect((await award({ nonceStr })).status).toBe(200);
  });

  it('VALIDATION_ERROR for a missing or spaced X-Nonce-Str', async () => {
    expectError(await sendAltered({ headers: { 'X-Nonce-Str': undefined } }), 400, 'VALIDATION_ERROR');
    expectError(await sendAltered({ headers: { 'X-Nonce-Str': 'has space' } }), 400, 'VALIDATION_ERROR');
  });

  it('INVALID_REQUEST_SIGNATURE for a tampered body, with the sandbox\'s own canonical JSON and string to sign', async () => {
    const before = sandbox.ledger().length;
    const sentBody = { ...AWARD, amount: 30000, note: '<b>&</b>' };
    const signed = sign(sandbox.url, { method: 'POST', path: AWARD_PATH, body: AWARD, accessToken: token, nowMs: clockMs });
    const response = await httpRequest({
      method: 'POST',
      url: sandbox.url + AWARD_PATH,
      headers: signed.headers,
      body: JSON.stringify(sentBody),
    });
    expectError(response, 400, 'INVALID_REQUEST_SIGNATURE');
    const expectedCanonical =
      '{"amount":30000,"currencyType":"MYR","memberId":"6190354873541245312","note":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e","type":"ID"}';
    expect(canonicalJson(sentBody)).toBe(expectedCanonical);
    expect(errorOf(response).debug).toEqual({
      canonicalJson: expectedCanonical,
      base64: Buffer.from(expectedCanonical, 'utf8').toString('base64'),
      plainText: stringToSign({
        method: 'POST',
        url: sandbox.url + AWARD_PATH,
        nonceStr: signed.nonceStr,
        timestamp: signed.timestamp,
        canonicalJson: expectedCanonical,
      }),
    });
    expect(errorOf(response).debug?.plainText).toContain(`requestUrl=${sandbox.url}${AWARD_PATH}&`);
    expect(sandbox.ledger()).toHaveLength(before);
  });

  it('INVALID_REQUEST_SIGNATURE for a GET signed for another query; the debug block has no data part', async () => {
    const response = await sendAltered(
      { path: '/v3/loyalty/me?countryCode=60&phoneNumber=176473298' },
      { method: 'GET', path: '/v3/loyalty/me?countryCode=60&phoneNumber=172826990', body: undefined },
    );
    expectError(response, 400, 'INVALID_REQUEST_SIGNATURE');
    const debug = errorOf(response).debug;
    expect(debug?.canonicalJson).toBe('');
    expect(debug?.plainText.startsWith('method=get&nonceStr=')).toBe(true);
    expect(debug?.plainText).toContain(`requestUrl=${sandbox.url}/v3/loyalty/me?countryCode=60&phoneNumber=176473298&`);
  });

  it('INVALID_REQUEST_SIGNATURE for another key\'s signature and for a missing X-Signature', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const otherKey = await call(sandbox.url, { method: 'POST', path: AWARD_PATH, body: AWARD, accessToken: token, nowMs: clockMs, privateKey });
    expectError(otherKey, 400, 'INVALID_REQUEST_SIGNATURE');
    const missing = await sendAltered({ headers: { 'X-Signature': undefined } });
    expectError(missing, 400, 'INVALID_REQUEST_SIGNATURE');
    expect(errorOf(missing).message).toContain('X-Signature is missing');
  });

  it('INVALID_REQUEST_SIGNATURE for an X-Signature RM\'s Go code would not read, though the signature bytes are right', async () => {
    const before = sandbox.ledger().length;
    for (const reshape of [
      (encoded: string) => `sha256  ${encoded}`,
      (encoded: string) => `sha256 ${encoded}junk`,
      (encoded: string) => `sha256 ${encoded.replace(/=+$/, '')}`,
      (encoded: string) => `sha256 ${encoded} sha256`,
    ]) {
      const signed = sign(sandbox.url, { method: 'POST', path: AWARD_PATH, body: AWARD, accessToken: token, nowMs: clockMs });
      const encoded = signed.headers['X-Signature']?.slice('sha256 '.length) ?? '';
      expect(encoded.endsWith('=') || encoded.length % 4 === 0).toBe(true);
      const response = await httpRequest({
        method: 'POST',
        url: sandbox.url + AWARD_PATH,
        headers: { ...signed.headers, 'X-Signature': reshape(encoded) },
        body: signed.body,
      });
      expectError(response, 400, 'INVALID_REQUEST_SIGNATURE');
      expect(errorOf(response).message).toContain('standard base64');
    }
    expect(sandbox.ledger()).toHaveLength(before);
  });

  it('INVALID_REQUEST_SIGNATURE for a body signed in the order the client wrote its keys, not sorted', async () => {
    const body = { type: 'ID', memberId: MEMBER_ID, currencyType: 'MYR', amount: 300 };
    const signed = sign(sandbox.url, { method: 'POST', path: AWARD_PATH, body, accessToken: token, nowMs: clockMs });
    const unsorted = JSON.stringify(body);
    const plainText = signed.plainText.replace(/^data=[^&]+/, `data=${Buffer.from(unsorted).toString('base64')}`);
    const signature = `sha256 ${cryptoSign('sha256', Buffer.from(plainText), TEST_PRIVATE_KEY).toString('base64')}`;
    const response = await httpRequest({
      method: 'POST',
      url: sandbox.url + AWARD_PATH,
      headers: { ...signed.headers, 'X-Signature': signature },
      body: unsorted,
    });
    expectError(response, 400, 'INVALID_REQUEST_SIGNATURE');
    expect(errorOf(response).debug?.canonicalJson).toBe(signed.body);
  });

  it('checks in RM\'s order: token, public key, timestamp, nonce, signature', async () => {
    const stale = { 'X-Timestamp': String(Math.floor(clockMs / 1000) - 1000) };
    expectError(await sendAltered({ headers: { ...stale, Authorization: 'Bearer nope' } }), 401, 'TOKEN_INVALID');
    const keylessToken = (await fetchToken(sandbox.url, { clientId: 'no-key-yet', clientSecret: 'secret', publicKeyPem: null })).accessToken;
    expectError(
      await sendAltered({ headers: { ...stale, Authorization: `Bearer ${keylessToken}` } }),
      400,
      'CLIENT_NOT_SET_PUBLIC_KEY',
    );
    const nonceStr = 'OrderOrderOrderOrderOrderOrder01';
    expect((await award({ nonceStr })).status).toBe(200);
    expectError(await sendAltered({ headers: { ...stale, 'X-Nonce-Str': nonceStr } }), 400, 'INVALID_TIMESTAMP');
    expectError(
      await sendAltered({ headers: { 'X-Nonce-Str': nonceStr, 'X-Signature': 'sha256 AAAA' } }),
      400,
      'NONCE_ALREADY_USED',
    );
  });
});

describe('bodies the canonical form or JSON cannot carry', () => {
  it('VALIDATION_ERROR naming the field for null, a fraction or a control character', async () => {
    const cases: [string, string][] = [
      ['{"amount":300,"currencyType":"MYR","memberId":null,"type":"ID"}', 'memberId'],
      ['{"amount":3.5,"currencyType":"MYR","memberId":"1","type":"ID"}', 'amount'],
      ['{"amount":300,"currencyType":"MYR","memberId":"1\\t2","type":"ID"}', 'memberId'],
    ];
    for (const [body, field] of cases) {
      const response = await sendAltered({ body });
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(errorOf(response).message.startsWith(`${field}:`)).toBe(true);
    }
  });

  it('VALIDATION_ERROR for bad JSON, a non-object body, bad UTF-8 and a wrong content type (415)', async () => {
    expectError(await sendAltered({ body: '{"amount":' }), 400, 'VALIDATION_ERROR');
    expectError(await sendAltered({ body: '[1,2]' }), 400, 'VALIDATION_ERROR');
    const badUtf8 = await httpRequest({
      method: 'POST',
      url: sandbox.url + AWARD_PATH,
      headers: sign(sandbox.url, { method: 'POST', path: AWARD_PATH, body: AWARD, accessToken: token, nowMs: clockMs }).headers,
      body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expectError(badUtf8, 400, 'VALIDATION_ERROR');
    expectError(await sendAltered({ headers: { 'Content-Type': 'text/plain' } }), 415, 'VALIDATION_ERROR');
  });

  it('413 VALIDATION_ERROR for a body over 64 KiB, and the sandbox keeps serving', async () => {
    const huge = JSON.stringify({ ...AWARD, padding: 'x'.repeat(70 * 1024) });
    expectError(await sendAltered({ body: huge }), 413, 'VALIDATION_ERROR');
    expect((await award()).status).toBe(200);
  });
});

describe('paths and methods', () => {
  it('404 API_ENDPOINT_NOT_FOUND for an unknown path, 405 METHOD_NOT_ALLOWED with Allow for a wrong method', async () => {
    expectError(await httpRequest({ method: 'GET', url: `${sandbox.url}/v3/loyalty/nothing-here` }), 404, 'API_ENDPOINT_NOT_FOUND');
    expectError(await httpRequest({ method: 'GET', url: `${sandbox.url}//v3/loyalty/me` }), 404, 'API_ENDPOINT_NOT_FOUND');
    const wrongMethod = await httpRequest({ method: 'GET', url: sandbox.url + AWARD_PATH });
    expectError(wrongMethod, 405, 'METHOD_NOT_ALLOWED');
    expect(wrongMethod.headers.allow).toBe('POST');
  });

  it('answers a request that is not HTTP at all with a 400 envelope', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(sandbox.port, '127.0.0.1', () => socket.write('THIS IS NOT HTTP\r\n\r\n'));
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    expect(reply.startsWith('HTTP/1.1 400')).toBe(true);
    expect(reply).toContain('"code":"VALIDATION_ERROR"');
    expect((await award()).status).toBe(200);
  });
});
