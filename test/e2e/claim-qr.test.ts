// A customer with no card: the claim QR drawn on the counter screen, then its URL opened on "the customer's phone"
// (a second, phone-sized page) and claimed; the points are credited once, and a second claim gets nothing.
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { counterForThisFile, ledgerFor, MEMBERS, outcome, previewShows, typeAmount } from './counter-page.ts';

const app = counterForThisFile();

describe('claim QR', () => {
  it('is drawn large and crisp from RM qrCodeUrl, claimed on a phone, and credited once', async () => {
    const { page } = app();
    await typeAmount(page, '45.90');
    await page.getByTestId('mode-qr').click();
    await previewShows(page, 45);
    await page.getByTestId('confirm').click();

    const image = page.locator('[data-testid=claim-qr] img.qr-image');
    await image.waitFor();
    const url = await image.getAttribute('data-url');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/claim\/\S+$/);
    const box = await image.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(320);
    expect(box?.height).toBeGreaterThanOrEqual(320);
    expect(await image.evaluate((element) => getComputedStyle(element).imageRendering)).toBe('pixelated');
    // The picture is that URL, encoded here (error correction M, quiet zone): nothing was fetched to draw it.
    const src = (await image.getAttribute('src')) ?? '';
    const expected = await QRCode.toString(url ?? '', { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
    expect(decodeURIComponent(src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''))).toBe(expected);
    expect((await page.getByTestId('claim-qr').innerText()).replace(/\s+/g, ' ')).toContain('RM 45.90 · 45 points');
    await app().screenshot('counter-claim-qr');
    expect(app().sandbox.ledger().filter((entry) => entry.type === 'QRCODE')).toEqual([]);

    const phone = await app().browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const customer = await phone.newPage();
    await customer.goto(url ?? '');
    await customer.locator('#phoneNumber').fill(MEMBERS.meiLing.phone);
    await customer.getByRole('button', { name: 'Claim with my phone number' }).click();
    await customer.getByText('45 points credited to Lim Mei Ling').waitFor();
    await customer.screenshot({ path: 'test-output/screenshots/customer-claim-page.png', fullPage: true });

    const credited = ledgerFor(app(), MEMBERS.meiLing.memberId);
    expect(credited.map((entry) => ({ amount: entry.amount, points: entry.points, type: entry.type }))).toEqual([{ amount: 4590, points: 45, type: 'QRCODE' }]);

    // The same QR again (a second scan, a reload): nothing more is credited.
    await customer.goto(url ?? '');
    await customer.getByText('These points were already claimed').waitFor();
    expect(ledgerFor(app(), MEMBERS.meiLing.memberId)).toHaveLength(1);
    await phone.close();

    // The counter closes the QR and keeps the outcome; the next amount starts the next sale.
    await page.getByTestId('dismiss-qr').click();
    expect(await outcome(page, 'claimQr')).toContain('Claim QR ready');
    await page.locator('#amount').focus();
    await page.keyboard.type('5', { delay: 50 });
    expect(await page.getByTestId('outcome').count()).toBe(0);
  });

  it('offline, a claim QR is refused at once and the cashier is offered the phone or ID instead', async () => {
    const { page } = app();
    await page.keyboard.press('Escape');
    await app().sandbox.refuseConnections(true);
    try {
      await typeAmount(page, '9.90');
      await page.getByTestId('mode-qr').click();
      await page.getByTestId('confirm').click();
      const shown = await outcome(page, 'qrFailed');
      expect(shown).toContain('No claim QR');
      expect(shown).toContain('Use the phone number or member ID instead.');
      await app().screenshot('counter-claim-qr-offline');
      expect(await page.locator('[data-testid=claim-qr]').count()).toBe(0);
      // "Use phone or member ID" keeps the amount and goes to the phone number.
      await page.getByTestId('retry').click();
      expect(await page.locator('#amount').inputValue()).toBe('9.90');
      expect(await page.getByTestId('mode-phone').getAttribute('aria-pressed')).toBe('true');
    } finally {
      await app().sandbox.refuseConnections(false);
    }
  });
});
