// Manual point corrections, as RM offers them: POST /v3/loyalty/reward gives a fixed number of points (by member id,
// phone number or a claim QR) and DELETE /v3/loyalty/reward deducts them. Over real sockets, with the same checks as
// every Open API call and every change in the ledger.
import { describe, expect, it } from 'vitest';
import { call, errorOf, httpRequest, json, sign, signedInSandboxForThisFile, type HttpResponse } from '../fixtures/sandbox-client.ts';

const NURUL = '6190354873541245312'; // phone 172826990
const TAN = '6190354873541245329';
const PATH = '/v3/loyalty/reward';
const rm = signedInSandboxForThisFile();

function reward(method: 'POST' | 'DELETE', body: unknown, nonceStr?: string): Promise<HttpResponse> {
  return call(rm.sandbox.url, { method, path: PATH, body, accessToken: rm.token, nonceStr });
}

const points = (memberId: string): number => rm.sandbox.member(memberId)?.loyaltyPoint ?? Number.NaN;

function expectError(response: HttpResponse, status: number, code: string): void {
  expect({ status: response.status, code: errorOf(response).code }).toEqual({ status, code });
}

describe('POST /v3/loyalty/reward', () => {
  it('gives points by member id and by phone number: balance, history and ledger change together, with the nonce', async () => {
    const before = points(NURUL);
    const byId = await reward('POST', { point: 40, type: 'ID', memberId: NURUL }, 'GiveGiveGiveGiveGiveGiveGiveGive');
    expect(json(byId)).toEqual({ code: 'SUCCESS' });
    const byPhone = await reward('POST', { point: 5, type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' });
    expect(byPhone.status).toBe(200);
    expect(points(NURUL)).toBe(before + 45);
    expect(rm.sandbox.member(NURUL)?.history.slice(0, 2)).toEqual([
      expect.objectContaining({ type: 'REWARD', point: 5 }),
      expect.objectContaining({ type: 'REWARD', point: 40 }),
    ]);
    expect(rm.sandbox.ledger().slice(-2)).toEqual([
      expect.objectContaining({ kind: 'reward', memberId: NURUL, points: 40, amount: 0, type: 'ID', nonce: 'GiveGiveGiveGiveGiveGiveGiveGive' }),
      expect.objectContaining({ kind: 'reward', memberId: NURUL, points: 5, amount: 0, type: 'PHONENUMBER' }),
    ]);
  });

  it('gives points through a claim QR: the customer claims them once', async () => {
    const created = json<{ item: { qrCodeUrl: string }; code: string }>(await reward('POST', { point: 7, type: 'QRCODE' }));
    expect(created.code).toBe('SUCCESS');
    const page = await httpRequest({ method: 'GET', url: created.item.qrCodeUrl });
    expect(page.text).toMatch(/<dd>7<\/dd>/);
    expect(page.text).not.toContain('Purchase');
    const before = points(TAN);
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    expect((await httpRequest({ method: 'POST', url: created.item.qrCodeUrl, headers: form, body: `memberId=${TAN}` })).status).toBe(200);
    expect((await httpRequest({ method: 'POST', url: created.item.qrCodeUrl, headers: form, body: `memberId=${TAN}` })).status).toBe(409);
    expect(points(TAN)).toBe(before + 7);
    expect(rm.sandbox.ledger().at(-1)).toMatchObject({ kind: 'reward', memberId: TAN, points: 7, type: 'QRCODE' });
  });

  it('VALIDATION_ERROR naming the field for a missing, zero or fractional point, and MEMBER_NOT_FOUND for a stranger', async () => {
    const ledgerBefore = rm.sandbox.ledger().length;
    const fraction = sign(rm.sandbox.url, { method: 'POST', path: PATH, body: { point: 2, type: 'ID', memberId: NURUL }, accessToken: rm.token });
    const refusals = [
      await reward('POST', { type: 'ID', memberId: NURUL }),
      await reward('POST', { point: 0, type: 'ID', memberId: NURUL }),
      await httpRequest({ method: 'POST', url: rm.sandbox.url + PATH, headers: fraction.headers, body: fraction.body?.replace('"point":2', '"point":2.5') }),
    ];
    for (const response of refusals) {
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(errorOf(response).message).toMatch(/^point/);
    }
    expectError(await reward('POST', { point: 1, type: 'ID', memberId: '1234567890123456789' }), 404, 'MEMBER_NOT_FOUND');
    expect(rm.sandbox.ledger()).toHaveLength(ledgerBefore);
  });
});

describe('DELETE /v3/loyalty/reward', () => {
  it('deducts points from a member: a negative history entry and ledger line; never below zero', async () => {
    await reward('POST', { point: 30, type: 'ID', memberId: TAN });
    const before = points(TAN);
    const deducted = await reward('DELETE', { point: 12, memberId: TAN });
    expect(json(deducted)).toEqual({ code: 'SUCCESS' });
    expect(points(TAN)).toBe(before - 12);
    expect(rm.sandbox.member(TAN)?.history[0]).toMatchObject({ type: 'DEDUCT', point: -12, PointBalance: before - 12 });
    expect(rm.sandbox.ledger().at(-1)).toMatchObject({ kind: 'deduct', memberId: TAN, points: -12, amount: 0 });

    const ledgerBefore = rm.sandbox.ledger().length;
    const tooMany = await reward('DELETE', { point: before, memberId: TAN });
    expectError(tooMany, 400, 'LOYALTY_INSUFFICIENT');
    expect(errorOf(tooMany).message).toContain(`${before - 12} points`);
    expect(points(TAN)).toBe(before - 12);
    expect(rm.sandbox.ledger()).toHaveLength(ledgerBefore);
  });
});

describe('the same checks as every Open API call', () => {
  it('a bad signature, a replayed nonce or no rm.token changes nothing', async () => {
    const before = { nurul: points(NURUL), ledger: rm.sandbox.ledger().length };
    for (const method of ['POST', 'DELETE'] as const) {
      const body = method === 'POST' ? { point: 9, type: 'ID', memberId: NURUL } : { point: 9, memberId: NURUL };
      const signed = sign(rm.sandbox.url, { method, path: PATH, body, accessToken: rm.token });
      const tampered = await httpRequest({
        method,
        url: rm.sandbox.url + PATH,
        headers: signed.headers,
        body: JSON.stringify({ ...body, point: 900 }),
      });
      expectError(tampered, 400, 'INVALID_REQUEST_SIGNATURE');
      const anonymous = await httpRequest({ method, url: rm.sandbox.url + PATH, headers: { ...signed.headers, Authorization: 'Bearer nope' }, body: signed.body });
      expectError(anonymous, 401, 'TOKEN_INVALID');
    }
    expect({ nurul: points(NURUL), ledger: rm.sandbox.ledger().length }).toEqual(before);

    const nonce = 'ReplayedReplayedReplayedReplayed';
    expect((await reward('POST', { point: 1, type: 'ID', memberId: NURUL }, nonce)).status).toBe(200);
    expectError(await reward('DELETE', { point: 1, memberId: NURUL }, nonce), 400, 'NONCE_ALREADY_USED');
    expect(points(NURUL)).toBe(before.nurul + 1);
  });
});
