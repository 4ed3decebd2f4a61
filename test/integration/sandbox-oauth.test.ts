// OAuth against the sandbox over real sockets: client credentials, refresh-token rotation, and each refusal code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import {
  TEST_APP,
  basicAuth,
  call,
  errorOf,
  fetchToken,
  httpRequest,
  json,
  tokenRequest,
  type TokenGrant,
} from '../fixtures/sandbox-client.ts';

const HOUR_MS = 60 * 60 * 1000;
let clockMs = Date.UTC(2025, 0, 15, 9, 0, 0);
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    apps: [TEST_APP],
    now: () => clockMs,
    tokenLifetimeSeconds: 3600,
    refreshTokenLifetimeSeconds: 2 * 3600,
  });
});
afterAll(() => sandbox.close());

function memberCall(accessToken: string) {
  return call(sandbox.url, { method: 'GET', path: '/v3/loyalty/member/6190354873541245312', accessToken, nowMs: clockMs });
}

describe('POST /v1/token', () => {
  it('issues a bearer token and a refresh token with their lifetimes', async () => {
    const response = await tokenRequest(sandbox.url, { grantType: 'client_credentials' });
    expect(response.status).toBe(200);
    const grant = json<TokenGrant>(response);
    expect(grant).toEqual({
      accessToken: expect.any(String) as string,
      tokenType: 'Bearer',
      expiresIn: 3600,
      refreshToken: expect.any(String) as string,
      refreshTokenExpiresIn: 7200,
    });
    expect(grant.accessToken).not.toBe(grant.refreshToken);
    expect((await memberCall(grant.accessToken)).status).toBe(200);
  });

  it('refuses a wrong secret, an unknown client and a missing Basic header with INVALID_CLIENT (401)', async () => {
    const wrongSecret = await tokenRequest(sandbox.url, { grantType: 'client_credentials' }, { ...TEST_APP, clientSecret: 'nope' });
    const unknown = await tokenRequest(sandbox.url, { grantType: 'client_credentials' }, { ...TEST_APP, clientId: 'nobody' });
    const noHeader = await httpRequest({
      method: 'POST',
      url: `${sandbox.url}/v1/token`,
      headers: { 'Content-Type': 'application/json' },
      body: '{"grantType":"client_credentials"}',
    });
    for (const response of [wrongSecret, unknown, noHeader]) {
      expect(response.status).toBe(401);
      expect(errorOf(response).code).toBe('INVALID_CLIENT');
    }
    expect(wrongSecret.text).not.toContain('nope');
  });

  it('refuses an unknown or missing grant type with GRANT_TYPE_INVALID', async () => {
    for (const body of [{ grantType: 'password' }, {}, { grant_type: 'client_credentials' }]) {
      const response = await tokenRequest(sandbox.url, body);
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('GRANT_TYPE_INVALID');
    }
  });

  it('refuses a form-encoded body with a clear message', async () => {
    const response = await httpRequest({
      method: 'POST',
      url: `${sandbox.url}/v1/token`,
      headers: {
        Authorization: basicAuth(TEST_APP.clientId, TEST_APP.clientSecret),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grantType=client_credentials',
    });
    expect(response.status).toBe(415);
    expect(errorOf(response)).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('application/json') as string });
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh issues a new pair and the used refresh token stops working', async () => {
    const first = await fetchToken(sandbox.url);
    const refreshed = await tokenRequest(sandbox.url, { grantType: 'refresh_token', refreshToken: first.refreshToken });
    expect(refreshed.status).toBe(200);
    const second = json<TokenGrant>(refreshed);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((await memberCall(second.accessToken)).status).toBe(200);

    const reused = await tokenRequest(sandbox.url, { grantType: 'refresh_token', refreshToken: first.refreshToken });
    expect(reused.status).toBe(400);
    expect(errorOf(reused).code).toBe('INVALID_GRANT');
    const newest = await tokenRequest(sandbox.url, { grantType: 'refresh_token', refreshToken: second.refreshToken });
    expect(newest.status).toBe(200);
  });

  it('refuses a made-up, missing or other client\'s refresh token with INVALID_GRANT', async () => {
    sandbox.registerApp({ clientId: 'other-app', clientSecret: 'other-secret', publicKeyPem: null });
    const other = await fetchToken(sandbox.url, { clientId: 'other-app', clientSecret: 'other-secret', publicKeyPem: null });
    for (const refreshToken of ['made-up', undefined, other.refreshToken]) {
      const response = await tokenRequest(sandbox.url, { grantType: 'refresh_token', refreshToken });
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('INVALID_GRANT');
    }
  });

  it('expire after refreshTokenExpiresIn', async () => {
    const grant = await fetchToken(sandbox.url);
    clockMs += 2 * HOUR_MS;
    const response = await tokenRequest(sandbox.url, { grantType: 'refresh_token', refreshToken: grant.refreshToken });
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'INVALID_GRANT', message: expect.stringContaining('expired') as string });
  });
});

describe('access tokens on the Open API', () => {
  it('are refused when missing, malformed or unknown (401 TOKEN_INVALID)', async () => {
    const missing = await httpRequest({ method: 'GET', url: `${sandbox.url}/v3/loyalty/member/6190354873541245312` });
    const basic = await httpRequest({
      method: 'GET',
      url: `${sandbox.url}/v3/loyalty/member/6190354873541245312`,
      headers: { Authorization: basicAuth(TEST_APP.clientId, TEST_APP.clientSecret) },
    });
    const unknown = await memberCall('not-a-token');
    for (const response of [missing, basic, unknown]) {
      expect(response.status).toBe(401);
      expect(errorOf(response).code).toBe('TOKEN_INVALID');
    }
  });

  it('expire after expiresIn (401 TOKEN_EXPIRED), and a refreshed token works again', async () => {
    const grant = await fetchToken(sandbox.url);
    clockMs += HOUR_MS - 1000;
    expect((await memberCall(grant.accessToken)).status).toBe(200);
    clockMs += 1000;
    const expired = await memberCall(grant.accessToken);
    expect(expired.status).toBe(401);
    expect(errorOf(expired).code).toBe('TOKEN_EXPIRED');
    const refreshed = json<TokenGrant>(
      await tokenRequest(sandbox.url, { grantType: 'refresh_token', refreshToken: grant.refreshToken }),
    );
    expect((await memberCall(refreshed.accessToken)).status).toBe(200);
  });
});
