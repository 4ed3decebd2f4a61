// QR awards end to end over real sockets: create at the counter, open the claim page, claim once by member or phone,
// refuse a second claim; cancel before a claim works, after it is refused.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../app/sandbox/index.ts';
import { TEST_APP, call, errorOf, fetchToken, httpRequest, json, type HttpResponse, signedInSandboxForThisFile } from '../fixtures/sandbox-client.ts';

const TAN = '6190354873541245329';
const SITI = '6190354873541245343'; // phone 198765432
const rm = signedInSandboxForThisFile();

async function createQr(amount: number, nonceStr?: string): Promise<{ id: string; qrCodeUrl: string }> {
  const response = await call(rm.sandbox.url, {
    method: 'POST',
    path: '/v3/loyalty/spending-reward',
    body: { currencyType: 'MYR', amount, type: 'QRCODE' },
    accessToken: rm.token,
    nonceStr,
  });
  expect(response.status).toBe(200);
  const body = json<{ item: { id: string; qrCodeUrl: string }; code: string }>(response);
  expect(body.code).toBe('SUCCESS');
  return body.item;
}

function claim(qrCodeUrl: string, form: string, contentType = 'application/x-www-form-urlencoded'): Promise<HttpResponse> {
  return httpRequest({ method: 'POST', url: qrCodeUrl, headers: { 'Content-Type': contentType }, body: form });
}

function cancel(id: string): Promise<HttpResponse> {
  return call(rm.sandbox.url, { method: 'POST', path: '/v3/loyalty/spending-reward/cancel', body: { id }, accessToken: rm.token });
}

describe('QR spending rewards', () => {
  it('create -> claim page -> claim credits the points once, with the creating request\'s nonce', async () => {
    const nonce = 'QrNonceQrNonceQrNonceQrNonceQrNo';
    const qr = await createQr(2550, nonce);
    expect(qr.id).toMatch(/^[0-9a-f]{32}$/);
    expect(qr.qrCodeUrl).toBe(`${rm.sandbox.url}/claim/${qr.id}`);
    expect(rm.sandbox.ledger().some((entry) => entry.spendingRewardId === qr.id)).toBe(false);

    const page = await httpRequest({ method: 'GET', url: qr.qrCodeUrl });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('RM 25.50');
    expect(page.text).toMatch(/<dd>25<\/dd>/);
    expect(page.text).toContain(`value="${TAN}"`);
    expect(page.text).toContain('name="viewport"');

    const before = rm.sandbox.member(TAN)?.loyaltyPoint ?? 0;
    const claimed = await claim(qr.qrCodeUrl, `memberId=${TAN}`);
    expect(claimed.status).toBe(200);
    expect(claimed.text).toContain('25 points credited to Tan Wei Ming');
    expect(rm.sandbox.member(TAN)?.loyaltyPoint).toBe(before + 25);
    expect(rm.sandbox.member(TAN)?.history[0]).toMatchObject({ type: 'QR_CODE_REDEEM', point: 25 });
    const entries = rm.sandbox.ledger().filter((entry) => entry.spendingRewardId === qr.id);
    expect(entries).toEqual([
      expect.objectContaining({ memberId: TAN, points: 25, amount: 2550, type: 'QRCODE', nonce }),
    ]);

    const second = await claim(qr.qrCodeUrl, `memberId=${SITI}`);
    expect(second.status).toBe(409);
    expect(second.text).toContain('already claimed');
    expect(rm.sandbox.ledger().filter((entry) => entry.spendingRewardId === qr.id)).toHaveLength(1);
    expect(rm.sandbox.member(TAN)?.loyaltyPoint).toBe(before + 25);

    const pageAfter = await httpRequest({ method: 'GET', url: qr.qrCodeUrl });
    expect(pageAfter.text).toContain('already claimed');
    expect(pageAfter.text).not.toContain('<form');
  });

  it('can be claimed with a phone number typed the way people write it', async () => {
    const qr = await createQr(1000);
    const before = rm.sandbox.member(SITI)?.loyaltyPoint ?? 0;
    const claimed = await claim(qr.qrCodeUrl, `countryCode=60&phoneNumber=${encodeURIComponent('019-876 5432')}`);
    expect(claimed.status).toBe(200);
    expect(rm.sandbox.member(SITI)?.loyaltyPoint).toBe(before + 10);
  });

  it('an unknown phone or an empty form credits nothing and keeps the claim open', async () => {
    const qr = await createQr(500);
    const unknown = await claim(qr.qrCodeUrl, 'countryCode=60&phoneNumber=111111111');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('No member has the phone number +60 111111111');
    expect(unknown.text).toContain('<form');
    expect((await claim(qr.qrCodeUrl, '')).status).toBe(400);
    expect((await claim(qr.qrCodeUrl, '{"memberId":"1"}', 'application/json')).status).toBe(415);
    expect(rm.sandbox.ledger().some((entry) => entry.spendingRewardId === qr.id)).toBe(false);
    expect((await claim(qr.qrCodeUrl, `memberId=${TAN}`)).status).toBe(200);
  });

  it('cancel before a claim works; then the claim page and a claim say so and credit nothing', async () => {
    const qr = await createQr(800);
    const cancelled = await cancel(qr.id);
    expect(cancelled.status).toBe(200);
    expect(json(cancelled)).toEqual({ code: 'SUCCESS' });
    const page = await httpRequest({ method: 'GET', url: qr.qrCodeUrl });
    expect(page.text).toContain('cancelled');
    const late = await claim(qr.qrCodeUrl, `memberId=${TAN}`);
    expect(late.status).toBe(410);
    expect(late.text).toContain('cancelled');
    expect(rm.sandbox.ledger().some((entry) => entry.spendingRewardId === qr.id)).toBe(false);
    const again = await cancel(qr.id);
    expect({ status: again.status, code: errorOf(again).code }).toEqual({ status: 410, code: 'RESOURCE_GONE' });
  });

  it('cancel after a claim is refused (QR_REDEEMED) and the points stay', async () => {
    const qr = await createQr(700);
    await claim(qr.qrCodeUrl, `memberId=${TAN}`);
    const balance = rm.sandbox.member(TAN)?.loyaltyPoint;
    const refused = await cancel(qr.id);
    expect({ status: refused.status, code: errorOf(refused).code }).toEqual({ status: 400, code: 'QR_REDEEMED' });
    expect(rm.sandbox.member(TAN)?.loyaltyPoint).toBe(balance);
  });

  it('cancel of an unknown id is LOYALTY_SPENDING_NOT_FOUND; of a missing id VALIDATION_ERROR', async () => {
    const unknown = await cancel('0123456789abcdef0123456789abcdef');
    expect({ status: unknown.status, code: errorOf(unknown).code }).toEqual({ status: 404, code: 'LOYALTY_SPENDING_NOT_FOUND' });
    const missing = await call(rm.sandbox.url, { method: 'POST', path: '/v3/loyalty/spending-reward/cancel', body: {}, accessToken: rm.token });
    expect(errorOf(missing)).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('id:') as string });
  });

  it('an unknown claim id is a 404 page', async () => {
    const response = await httpRequest({ method: 'GET', url: `${rm.sandbox.url}/claim/nope` });
    expect(response.status).toBe(404);
    expect(response.text).toContain('not known');
  });
});

describe('the claim page is safe to open', () => {
  it('escapes member names, loads nothing external and sends a strict CSP', async () => {
    const hostile = await startSandbox({
      apps: [TEST_APP],
      members: [{ memberId: '1234567890123456789', countryCode: '60', phoneNumber: '123123123', name: '<script>alert("x")</script> & "Co"' }],
    });
    try {
      const hostileToken = (await fetchToken(hostile.url)).accessToken;
      const created = await call(hostile.url, {
        method: 'POST',
        path: '/v3/loyalty/spending-reward',
        body: { currencyType: 'MYR', amount: 100, type: 'QRCODE' },
        accessToken: hostileToken,
      });
      const { qrCodeUrl } = json<{ item: { qrCodeUrl: string } }>(created).item;
      const page = await httpRequest({ method: 'GET', url: qrCodeUrl });
      expect(page.text).not.toContain('<script');
      expect(page.text).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#34;Co&#34;');
      expect(page.text).not.toMatch(/(src|href)=/);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const style = /<style>([\s\S]*?)<\/style>/.exec(page.text)?.[1] ?? '';
      const styleHash = createHash('sha256').update(style, 'utf8').digest('base64');
      expect(csp, 'the inline stylesheet is the one the CSP allows').toContain(`'sha256-${styleHash}'`);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await hostile.close();
    }
  });
});
