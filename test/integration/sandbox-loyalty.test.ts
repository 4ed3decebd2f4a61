// The loyalty endpoints over real sockets: happy paths, balances, history and the ledger, and the business refusals.
import { describe, expect, it } from 'vitest';
import { DEMO_MEMBERS, startSandbox } from '../../app/sandbox/index.ts';
import { TEST_APP, call, errorOf, fetchToken, httpRequest, json, type HttpResponse, signedInSandboxForThisFile } from '../fixtures/sandbox-client.ts';

const NURUL = '6190354873541245312'; // 120 opening points, phone 172826990
const TAN = '6190354873541245329'; // 0 points, phone 176473298
const rm = signedInSandboxForThisFile();

function post(path: string, body: unknown): Promise<HttpResponse> {
  return call(rm.sandbox.url, { method: 'POST', path, body, accessToken: rm.token });
}

function get(path: string): Promise<HttpResponse> {
  return call(rm.sandbox.url, { method: 'GET', path, accessToken: rm.token });
}

function expectError(response: HttpResponse, status: number, code: string, messagePart?: string): void {
  expect({ status: response.status, code: errorOf(response).code }).toEqual({ status, code });
  if (messagePart) expect(errorOf(response).message).toContain(messagePart);
}

interface MemberItem {
  id: string;
  name: string;
  email: string;
  countryCode: string;
  phoneNumber: string;
  loyaltyPoint: number;
  status: string;
  createdAt: string;
}

interface HistoryItem {
  key: string;
  type: string;
  description: string;
  point: number;
  PointBalance: number;
  createdAt: string;
}

describe('seeded demo members', () => {
  it('are five, with Malaysian names, 19-digit ids and phone numbers without the leading 0', () => {
    expect(DEMO_MEMBERS).toHaveLength(5);
    for (const member of DEMO_MEMBERS) {
      expect(member.memberId).toMatch(/^\d{19}$/);
      expect(member.countryCode).toBe('60');
      expect(member.phoneNumber).toMatch(/^[1-9]\d{7,9}$/);
    }
    expect(DEMO_MEMBERS.map((member) => member.phoneNumber)).toContain('172826990');
  });
});

describe('POST /v3/loyalty/spending-reward', () => {
  it('awards by member id: balance, history and ledger change together', async () => {
    const response = await post('/v3/loyalty/spending-reward', { currencyType: 'MYR', amount: 1250, type: 'ID', memberId: NURUL });
    expect(response.status).toBe(200);
    expect(json(response)).toEqual({ code: 'SUCCESS' });
    const member = rm.sandbox.member(NURUL);
    expect(member?.loyaltyPoint).toBe(132);
    expect(member?.history[0]).toMatchObject({ point: 12, PointBalance: 132, description: 'Earned 12 points' });
    const entry = rm.sandbox.ledger().at(-1);
    expect(entry).toMatchObject({ memberId: NURUL, points: 12, amount: 1250, type: 'ID' });
    expect(entry?.nonce).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(entry?.spendingRewardId).toBeUndefined();
  });

  it('awards by phone number, exactly as RM takes it (60 + national number without 0)', async () => {
    const response = await post('/v3/loyalty/spending-reward', {
      currencyType: 'MYR',
      amount: 399,
      type: 'PHONENUMBER',
      countryCode: '60',
      phoneNumber: '176473298',
    });
    expect(response.status).toBe(200);
    expect(rm.sandbox.member(TAN)?.loyaltyPoint).toBe(3);
    expect(rm.sandbox.ledger().at(-1)).toMatchObject({ memberId: TAN, points: 3, amount: 399, type: 'PHONENUMBER' });
  });

  it('records the nonce of the request that caused each award', async () => {
    const before = rm.sandbox.ledger().length;
    const signedNonce = 'LedgerNonceLedgerNonceLedgerNon1';
    await call(rm.sandbox.url, {
      method: 'POST',
      path: '/v3/loyalty/spending-reward',
      body: { currencyType: 'MYR', amount: 100, type: 'ID', memberId: TAN },
      accessToken: rm.token,
      nonceStr: signedNonce,
    });
    expect(rm.sandbox.ledger()).toHaveLength(before + 1);
    expect(rm.sandbox.ledger().at(-1)?.nonce).toBe(signedNonce);
  });

  it('MEMBER_NOT_FOUND for an unknown id, or a phone number with its leading 0 (with a hint)', async () => {
    const before = rm.sandbox.ledger().length;
    expectError(
      await post('/v3/loyalty/spending-reward', { currencyType: 'MYR', amount: 100, type: 'ID', memberId: '1111111111111111111' }),
      404,
      'MEMBER_NOT_FOUND',
    );
    expectError(
      await post('/v3/loyalty/spending-reward', {
        currencyType: 'MYR',
        amount: 100,
        type: 'PHONENUMBER',
        countryCode: '60',
        phoneNumber: '0172826990',
      }),
      404,
      'MEMBER_NOT_FOUND',
      'without its leading 0',
    );
    expect(rm.sandbox.ledger()).toHaveLength(before);
  });

  it('VALIDATION_ERROR naming the missing or wrong field', async () => {
    const base = { currencyType: 'MYR', amount: 100, type: 'ID', memberId: NURUL };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, currencyType: 'USD' }, 'currencyType'],
      [{ ...base, currencyType: undefined }, 'currencyType'],
      [{ ...base, amount: 0 }, 'amount'],
      [{ ...base, amount: -100 }, 'amount'],
      [{ ...base, amount: '100' }, 'amount'],
      [{ ...base, amount: undefined }, 'amount'],
      [{ ...base, type: 'CARD' }, 'type'],
      [{ ...base, memberId: undefined }, 'memberId'],
      [{ ...base, memberId: 12345 }, 'memberId'],
      [{ ...base, type: 'PHONENUMBER', memberId: undefined, phoneNumber: '172826990' }, 'countryCode'],
      [{ ...base, type: 'PHONENUMBER', memberId: undefined, countryCode: '60' }, 'phoneNumber'],
      [{ ...base, type: 'PHONENUMBER', memberId: undefined, countryCode: '60', phoneNumber: '+60172826990' }, 'phoneNumber'],
      [{ ...base, type: 'PHONENUMBER', memberId: undefined, countryCode: 60, phoneNumber: '172826990' }, 'countryCode'],
    ];
    const before = rm.sandbox.ledger().length;
    for (const [body, field] of cases) {
      const response = await post('/v3/loyalty/spending-reward', body);
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(errorOf(response).message.startsWith(`${field}:`), `${JSON.stringify(body)} -> ${response.text}`).toBe(true);
    }
    expect(rm.sandbox.ledger()).toHaveLength(before);
  });
});

describe('POST /v3/loyalty/spending-reward/calculate', () => {
  it('previews floor(amount / 100) points at the default rule and changes nothing', async () => {
    const before = rm.sandbox.ledger().length;
    for (const [amount, point] of [[300, 3], [99, 0], [1999, 19], [29, 0], [100, 1]]) {
      const response = await post('/v3/loyalty/spending-reward/calculate', { currencyType: 'MYR', amount });
      expect(json(response)).toEqual({ item: { point }, code: 'SUCCESS' });
    }
    expect(rm.sandbox.ledger()).toHaveLength(before);
  });

  it('refuses a missing amount or another currency', async () => {
    expectError(await post('/v3/loyalty/spending-reward/calculate', { currencyType: 'MYR' }), 400, 'VALIDATION_ERROR', 'amount');
    expectError(await post('/v3/loyalty/spending-reward/calculate', { currencyType: 'SGD', amount: 5 }), 400, 'VALIDATION_ERROR');
  });
});

describe('members', () => {
  it('GET /v3/loyalty/member/{id} returns the member as RM does', async () => {
    const response = await get(`/v3/loyalty/member/${NURUL}`);
    expect(response.status).toBe(200);
    const body = json<{ item: MemberItem; code: string }>(response);
    expect(body.code).toBe('SUCCESS');
    expect(body.item).toMatchObject({
      id: NURUL,
      name: 'Nurul Aisyah binti Ahmad',
      countryCode: '60',
      phoneNumber: '172826990',
      loyaltyPoint: rm.sandbox.member(NURUL)?.loyaltyPoint,
      status: 'ACTIVE',
    });
    expect(body.item.email).toContain('@');
    expect(body.item.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expectError(await get('/v3/loyalty/member/1111111111111111111'), 404, 'MEMBER_NOT_FOUND');
  });

  it('GET .../history lists signed points newest first with PointBalance, and meta.count', async () => {
    await post('/v3/loyalty/spending-reward', { currencyType: 'MYR', amount: 500, type: 'ID', memberId: NURUL });
    const response = await get(`/v3/loyalty/member/${NURUL}/history`);
    const body = json<{ items: HistoryItem[]; code: string; meta: { count: number } }>(response);
    expect(body.code).toBe('SUCCESS');
    expect(body.meta.count).toBe(body.items.length);
    expect(body.items[0]).toMatchObject({ point: 5, description: 'Earned 5 points', type: 'SPENDING_REWARD' });
    expect(body.items.at(-1)).toMatchObject({ point: 120, PointBalance: 120, description: 'Opening balance' });
    expect(body.items[0]?.PointBalance).toBe(rm.sandbox.member(NURUL)?.loyaltyPoint);
    const balances = body.items.map((item) => item.PointBalance);
    expect(balances).toEqual([...balances].sort((a, b) => b - a));
    expect(body.items[0]?.key).toBe(rm.sandbox.ledger().at(-1)?.id);
    expectError(await get('/v3/loyalty/member/1111111111111111111/history'), 404, 'MEMBER_NOT_FOUND');
  });

  it('GET /v3/loyalty/me finds the profile by phone, with RM\'s balance field names', async () => {
    const response = await get('/v3/loyalty/me?countryCode=60&phoneNumber=176473298');
    const item = json<{ item: MemberItem & { loyaltyPointBalance: number } }>(response).item;
    expect(item).toMatchObject({ id: TAN, name: 'Tan Wei Ming', loyaltyPoint: rm.sandbox.member(TAN)?.loyaltyPoint });
    expect(item.loyaltyPointBalance).toBe(item.loyaltyPoint);
    expectError(await get('/v3/loyalty/me?countryCode=60&phoneNumber=199999999'), 404, 'MEMBER_NOT_FOUND');
    expectError(await get('/v3/loyalty/me?countryCode=60'), 400, 'VALIDATION_ERROR', 'phoneNumber');
  });

  it('POST /v3/loyalty/member/check says whether a phone number is a member', async () => {
    const known = await post('/v3/loyalty/member/check', { countryCode: '60', phoneNumber: '172826990' });
    expect(json(known)).toEqual({ item: { exist: true }, code: 'SUCCESS' });
    const unknown = await post('/v3/loyalty/member/check', { countryCode: '60', phoneNumber: '0172826990' });
    expect(json(unknown)).toEqual({ item: { exist: false }, code: 'SUCCESS' });
    expectError(await post('/v3/loyalty/member/check', { countryCode: '60' }), 400, 'VALIDATION_ERROR');
  });

  it('GET /sandbox/members and /sandbox/ledger show balances and every award, read-only', async () => {
    const members = json<{ items: MemberItem[] }>(await httpRequest({ method: 'GET', url: `${rm.sandbox.url}/sandbox/members` }));
    expect(members.items).toHaveLength(5);
    expect(members.items.find((item) => item.id === TAN)?.loyaltyPoint).toBe(rm.sandbox.member(TAN)?.loyaltyPoint);
    const ledger = json<{ items: unknown[] }>(await httpRequest({ method: 'GET', url: `${rm.sandbox.url}/sandbox/ledger` }));
    expect(ledger.items).toEqual(rm.sandbox.ledger());
    expect(ledger.items.length).toBeGreaterThan(0);
    const write = await httpRequest({ method: 'POST', url: `${rm.sandbox.url}/sandbox/ledger`, body: '{}' });
    expect(write.status).toBe(405);
  });
});

describe('merchant configuration', () => {
  it('SPENDING_NOT_FOUND when no spending rule is configured', async () => {
    const noRule = await startSandbox({ apps: [TEST_APP], spendingRule: false });
    try {
      const ruleToken = (await fetchToken(noRule.url)).accessToken;
      for (const [path, body] of [
        ['/v3/loyalty/spending-reward', { currencyType: 'MYR', amount: 300, type: 'ID', memberId: NURUL }],
        ['/v3/loyalty/spending-reward/calculate', { currencyType: 'MYR', amount: 300 }],
      ] as const) {
        expectError(await call(noRule.url, { method: 'POST', path, body, accessToken: ruleToken }), 400, 'SPENDING_NOT_FOUND');
      }
      expect(noRule.ledger()).toEqual([]);
    } finally {
      await noRule.close();
    }
  });

  it('LOYALTY_NOT_SUBSCRIBED on every loyalty endpoint when the merchant has no loyalty subscription', async () => {
    const unsubscribed = await startSandbox({ apps: [TEST_APP], loyaltySubscribed: false });
    try {
      const subToken = (await fetchToken(unsubscribed.url)).accessToken;
      const responses = await Promise.all([
        call(unsubscribed.url, { method: 'GET', path: `/v3/loyalty/member/${NURUL}`, accessToken: subToken }),
        call(unsubscribed.url, {
          method: 'POST',
          path: '/v3/loyalty/spending-reward',
          body: { currencyType: 'MYR', amount: 300, type: 'ID', memberId: NURUL },
          accessToken: subToken,
        }),
      ]);
      for (const response of responses) expectError(response, 400, 'LOYALTY_NOT_SUBSCRIBED');
    } finally {
      await unsubscribed.close();
    }
  });

  it('pointsPerRinggit changes the rule: floor(amountSen * rate / 100), exact for fractional rates', async () => {
    const generous = await startSandbox({ apps: [TEST_APP], pointsPerRinggit: 2.5 });
    try {
      const rateToken = (await fetchToken(generous.url)).accessToken;
      for (const [amount, point] of [[300, 7], [1000, 25], [39, 0], [40, 1]]) {
        const response = await call(generous.url, {
          method: 'POST',
          path: '/v3/loyalty/spending-reward/calculate',
          body: { currencyType: 'MYR', amount },
          accessToken: rateToken,
        });
        expect(json(response)).toEqual({ item: { point }, code: 'SUCCESS' });
      }
    } finally {
      await generous.close();
    }
  });
});
