// A second scanner left in keyboard mode, on a counter in HID POS mode, in real Chromium. The manager picks it under
// Scanners found; from then on its typing is read as scans (Kaunter never opens it: the system types its keys into
// the window anyway, and reading the device too gave every code twice), while the HID POS scanner keeps working.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_KEYBOARD, ZEBRA_KEYBOARD_MODE } from '../hid/fake-hid-backend.ts';
import { startApp, type RunningApp } from './harness.ts';
import { backToCounter, counterReady, MEMBERS, unlockManager } from './counter-page.ts';
import { TimedKeys } from './timed-keys.ts';

let app: RunningApp;
let keys: TimedKeys;
beforeAll(async () => {
  app = await startApp({ viewport: { width: 1024, height: 768 } });
  // Plugged in from the start, beside the HID POS scanner and the keyboard people type on: a keyboard nobody saved is
  // just a keyboard.
  app.hidBackend.plug(ZEBRA_KEYBOARD_MODE, OFFICE_KEYBOARD);
  await counterReady(app.page);
  keys = await TimedKeys.open(app);
});
afterAll(async () => app?.close());

async function amountFiveThenScan(page: Page, memberId: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('#amount').focus();
  await keys.type('5', 150, { enter: false });
  await keys.type(memberId, 20);
}

describe('a keyboard-mode scanner beside a HID POS scanner', () => {
  it('plugged in but not picked, its typing stays typing', async () => {
    const { page } = app;
    await amountFiveThenScan(page, MEMBERS.muthu.memberId);
    expect(await page.locator('#amount').inputValue()).not.toBe('5');
    expect(await page.getByText('From scan').count()).toBe(0);
  });

  it('once picked under Scanners found, its scans fill the member and no field keeps a digit', async () => {
    const { page } = app;
    await unlockManager(page);
    await page.getByTestId('tab-settings').click();
    await page.getByRole('button', { name: 'Look again' }).click();
    // Listed as a scanner by its maker; the typing keyboard is folded away under Other keyboards.
    await page.getByRole('button', { name: /Symbol Bar Code Scanner/ }).click();
    await page.getByTestId('scanner-typing').getByText('its typing is read as scans while Kaunter is in front').waitFor();
    const logitech = page.getByRole('button', { name: /Logitech USB Keyboard/ });
    expect(await logitech.isVisible()).toBe(false);
    await page.getByText('Other keyboards (1)').click();
    await logitech.waitFor();
    await page.getByRole('heading', { name: 'Barcode scanner' }).scrollIntoViewIfNeeded();
    await app.screenshot('settings-keyboard-scanner-in-hid-mode-1024');
    await backToCounter(page);

    await amountFiveThenScan(page, MEMBERS.muthu.memberId);
    await page.waitForFunction((id) => document.querySelector<HTMLInputElement>('#member-id')?.value === id, MEMBERS.muthu.memberId);
    expect(await page.locator('#amount').inputValue()).toBe('5');
    await page.getByTestId('preview-member').waitFor();
    await app.screenshot('counter-keyboard-scanner-in-hid-mode-1024');
  });

  it('the HID POS scanner still works beside it', async () => {
    const { page } = app;
    app.hidScan(MEMBERS.siti.memberId);
    await page.waitForFunction((id) => document.querySelector<HTMLInputElement>('#member-id')?.value === id, MEMBERS.siti.memberId);
    expect(await page.locator('#amount').inputValue()).toBe('5');
  });
});
