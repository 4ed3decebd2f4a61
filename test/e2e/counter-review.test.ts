// A cashier's day at 1024x768 in Bahasa Melayu, as a reviewer met it: a mistyped phone corrected without reaching for
// the mouse, RM busy, a refusal long after its sale, and a claim QR closed unscanned that the manager shows again.
// In real Chromium through the browser host, with the loopback RM sandbox.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { counterForThisFile, HUMAN_DELAY_MS, MEMBERS, outcome, typeAmount, typePhone, unlockManager } from './counter-page.ts';
import { checkScreen, shot } from './screen-checks.ts';

const app = counterForThisFile();
const WHERE = 'ms-1024x768';

async function newSale(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByTestId('language-ms').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.locator('#amount').focus();
}

describe('the counter as a cashier meets it', () => {
  it('"not a member" puts the focus back in the phone field, the number selected for the corrected one', async () => {
    const { page } = app();
    await newSale(page);
    await typeAmount(page, '10');
    await typePhone(page, '013-999 8800');
    await page.getByTestId('preview-member-problem').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('member-phone');
    const selected = await page.locator('#member-phone').evaluate((input: HTMLInputElement) => input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0));
    expect(selected).toBe(await page.locator('#member-phone').inputValue());
    await checkScreen(page, `counter not a member ${WHERE}`);
    await shot(page, 'counter-not-a-member', WHERE);

    await page.keyboard.type(MEMBERS.nurul.phone, { delay: HUMAN_DELAY_MS });
    expect(await page.locator('#member-phone').inputValue()).toBe(MEMBERS.nurul.phone);
    await page.keyboard.press('Enter');
    await page.getByTestId('preview').getByText(/^10 mata/).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('confirm');
    await page.keyboard.press('Enter');
    await outcome(page, 'awarded');
  });

  it('RM busy: the queued award says why it waits', async () => {
    const { page, sandbox } = app();
    await newSale(page);
    sandbox.setFault({ mode: 'rate-limit', path: '/v3/loyalty/spending-reward*' });
    try {
      await typeAmount(page, '12');
      await typePhone(page, MEMBERS.weiMing.phone);
      await page.getByTestId('preview').getByText(/^12 mata/).waitFor();
      await page.getByTestId('confirm').click();
      expect(await outcome(page, 'queued')).toContain('Revenue Monster sibuk. Ganjaran akan dihantar semula sebentar lagi.');
      await checkScreen(page, `counter rate limited ${WHERE}`);
      await shot(page, 'counter-rate-limited', WHERE);
    } finally {
      sandbox.setFault(null);
    }
    await outcome(page, 'awarded');
  });

  it('a refusal after the counter stopped waiting is a quiet line; the focus stays in the amount', async () => {
    const { page, sandbox } = app();
    await newSale(page);
    await sandbox.refuseConnections(true);
    await typeAmount(page, '9.90');
    await typePhone(page, '013-999 8811');
    await page.getByTestId('confirm').click();
    await outcome(page, 'queued');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('amount');
    // Past the counter's 8 s wait (app/handlers/award.ts), RM is back and refuses it.
    await page.waitForTimeout(8_500);
    await sandbox.refuseConnections(false);
    await page.evaluate(() => window.kaunter.queue.retryNow({}));
    const quiet = await outcome(page, 'refusedLate');
    expect(quiet).toContain('Mata ditolak selepas jualan');
    expect(await page.getByTestId('retry').count()).toBe(0);
    await page.locator('[data-testid=refused][data-count="1"]').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('amount');
    await checkScreen(page, `counter refused late ${WHERE}`);
    await shot(page, 'counter-refused-late', WHERE);
  });

  it('a claim QR closed by the next amount says so, and the manager shows it again from History', async () => {
    const { page } = app();
    await newSale(page);
    await typeAmount(page, '45.90');
    await page.getByTestId('mode-qr').click();
    await page.getByTestId('preview').getByText(/^45 mata/).waitFor();
    await page.getByTestId('confirm').click();
    const url = await page.locator('[data-testid=claim-qr] img.qr-image').getAttribute('data-url');
    await page.locator('#amount').focus();
    await page.keyboard.type('5', { delay: HUMAN_DELAY_MS });
    expect(await page.getByTestId('qr-closed-note').innerText()).toBe('QR tuntutan ditutup sebelum diimbas: pengurus boleh menunjukkannya semula dari Sejarah.');
    await checkScreen(page, `counter qr closed ${WHERE}`);
    await shot(page, 'counter-qr-closed-unscanned', WHERE);

    await unlockManager(page);
    await page.getByTestId('history-row').first().click();
    await page.getByTestId('detail-show-qr').click();
    const image = page.locator('[data-testid=detail-claim-qr] img.qr-image');
    await image.waitFor();
    expect(await image.getAttribute('data-url')).toBe(url);
    const box = await image.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(320);
    // In view at 1024x768 without scrolling by hand.
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(768);
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
    await checkScreen(page, `manager claim qr again ${WHERE}`);
    await shot(page, 'manager-claim-qr-again', WHERE);
  });
});
