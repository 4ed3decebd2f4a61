// A cashier's awards in real Chromium against the browser host and its training sandbox: by phone, by member ID, by a
// keyboard-mode scanner's keystrokes and by a HID scan from main. Each is checked on screen and in the sandbox ledger,
// and a repeated Enter on the same sale never awards twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HONEYWELL_HID_POS } from '../hid/fake-hid-backend.ts';
import { hidPosReports } from '../hid/scanner-reports.ts';
import { startApp, type RunningApp } from './harness.ts';
import { backToCounter, counterReady, expectOneEntry, HUMAN_DELAY_MS, ledgerFor, MEMBERS, outcome, previewShows, typeAmount, typePhone, unlockManager } from './counter-page.ts';
import { TimedKeys } from './timed-keys.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
  await counterReady(app.page);
  await app.screenshot('counter-start');
});
afterAll(async () => app?.close());

describe('awards at the counter', () => {
  it('by phone: amount, Enter, the number as the customer says it, Enter, the preview, Enter; credited once', async () => {
    const { page } = app;
    await typeAmount(page, '12.50');
    await typePhone(page, MEMBERS.nurul.phone);
    await previewShows(page, 12);
    // The counter sees a first name and an initial, never the member's full name.
    expect(await page.getByTestId('preview-member').innerText()).toContain('Nurul A.');
    expect(await page.getByTestId('preview-member').innerText()).not.toContain('Aisyah');
    await app.screenshot('counter-preview');
    // Three Enters on the same sale: the first confirms, the others find the sale taken.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const shown = await outcome(page, 'awarded');
    expect(shown).toContain('Points awarded');
    // The counter sees the member as "Nurul A.", never the full name (the loyalty list is not the counter's to read).
    expect(shown).toContain('Nurul A. · +60 17-282 6990 Sale RM 12.50 Points given +12 New balance');
    await app.screenshot('counter-awarded');
    const entry = expectOneEntry(ledgerFor(app, MEMBERS.nurul.memberId), 1250, 'PHONENUMBER');
    expect(entry.points).toBe(12);
  });

  it('by member ID', async () => {
    const { page } = app;
    await typeAmount(page, '7');
    await page.getByTestId('mode-memberId').click();
    await page.locator('#member-id').fill(MEMBERS.muthu.memberId);
    await page.locator('#member-id').press('Enter');
    await previewShows(page, 7);
    await page.getByTestId('confirm').click();
    await page.getByTestId('confirm').click({ timeout: 500 }).catch(() => undefined);
    expect(await outcome(page, 'awarded')).toContain(`${MEMBERS.muthu.memberId} Sale RM 7.00 Points given +7`);
    expectOneEntry(ledgerFor(app, MEMBERS.muthu.memberId), 700, 'ID');
  });

  it('by a HID scan from main, with no field focused', async () => {
    const { page } = app;
    await typeAmount(page, '20.00');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    app.hidScan('0176473298');
    await page.locator('[data-testid=preview]').getByText('Tan W.').waitFor();
    expect(await page.locator('#member-phone').inputValue()).toBe(MEMBERS.weiMing.national);
    await previewShows(page, 20);
    await page.getByTestId('confirm').click();
    expect(await outcome(page, 'awarded')).toContain('+60 17-647 3298 Sale RM 20.00 Points given +20');
    expectOneEntry(ledgerFor(app, MEMBERS.weiMing.memberId), 2000, 'PHONENUMBER');
  });

  it('a product\'s barcode scanned by mistake: the typed member stays, and the cashier is told what it was', async () => {
    const { page } = app;
    await typeAmount(page, '9.90');
    await typePhone(page, MEMBERS.weiMing.phone);
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    app.hidBackend.send(HONEYWELL_HID_POS.path, hidPosReports('9556001234568', { aim: ']E0', vendorCode: 'd' }));
    await page.getByText("9556001234568 is a product's barcode, not a member card.", { exact: false }).waitFor();
    expect(await page.locator('#member-phone').inputValue()).toBe(MEMBERS.weiMing.phone);
    await page.setViewportSize({ width: 1024, height: 768 });
    await app.screenshot('counter-product-barcode');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('confirm').click();
    expect(await outcome(page, 'awarded')).toContain('Sale RM 9.90');
    // After the HID scan's award above: only this sale's came to the typed member.
    expect(ledgerFor(app, MEMBERS.weiMing.memberId).map((entry) => entry.amount)).toEqual([2000, 990]);
  });

  it('a receipt given twice: refused naming the first award, then awarded again only on purpose', async () => {
    const { page } = app;
    const sale = async (amount: string) => {
      await typeAmount(page, amount);
      await typePhone(page, MEMBERS.meiLing.phone);
      await page.locator('#receipt').fill('INV-2001');
      await page.getByTestId('confirm').click();
    };
    await sale('15.00');
    await outcome(page, 'awarded');
    await sale('16.00');
    const refusal = page.locator('.confirm .problem');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/^Receipt INV-2001 already earned points today at \d{2}:\d{2} \(RM 15\.00\)/);
    // Beside it, this sale's points as ever.
    await previewShows(page, 16);
    await page.setViewportSize({ width: 1024, height: 768 });
    await app.screenshot('counter-receipt-given-twice');
    expect(ledgerFor(app, MEMBERS.meiLing.memberId).map((entry) => entry.amount)).toEqual([1500]);
    await page.getByTestId('confirm-repeat-receipt').click();
    expect(await outcome(page, 'awarded')).toContain('Sale RM 16.00');
    expect(ledgerFor(app, MEMBERS.meiLing.memberId).map((entry) => entry.amount)).toEqual([1500, 1600]);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("by a keyboard-mode scanner's keystrokes, wherever the focus is", async () => {
    const { page } = app;
    await unlockManager(page);
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('scanner-mode-keyboard').check();
    await page.locator('[data-testid=scanner][data-state=keyboard]').waitFor();
    await backToCounter(page);

    await typeAmount(page, '33.30');
    // Focus is now in the phone field; the scanner types there at its own speed and ends with Enter.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('member-phone');
    const keys = await TimedKeys.open(app);
    await keys.type(MEMBERS.siti.memberId, 4);
    await page.locator('[data-testid=preview]').getByText('Siti H.').waitFor();
    expect(await page.locator('#member-id').inputValue()).toBe(MEMBERS.siti.memberId);
    expect(await page.locator('#amount').inputValue()).toBe('33.30');
    await page.getByText('From scan').waitFor();
    await previewShows(page, 33);
    await app.screenshot('counter-keyboard-scan');
    await page.keyboard.press('Enter');
    expect(await outcome(page, 'awarded')).toContain(`${MEMBERS.siti.memberId} Sale RM 33.30 Points given +33`);
    expectOneEntry(ledgerFor(app, MEMBERS.siti.memberId), 3330, 'ID');

    // The next sale keeps member-ID mode; the same kind of digits typed by a person into the phone field stay there.
    await typeAmount(page, '1');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('member-id');
    await page.getByTestId('mode-phone').click();
    await page.locator('#member-phone').focus();
    await keys.type('0162233445', HUMAN_DELAY_MS, { enter: false });
    expect(await page.locator('#member-phone').inputValue()).toBe('0162233445');
    expect(await page.getByText('From scan').count()).toBe(0);
  });
});
