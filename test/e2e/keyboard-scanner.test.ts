// A keyboard-mode scanner in real Chromium, typing at every speed scanners type (5 to 50 ms per key), into whatever has
// focus after a cashier has started typing: the scan is read as the member, and no field keeps any of its characters.
// The keys go through Chrome's own input pipeline with their time stamps set (timed-keys.ts), so the gaps the page sees
// are the ones asked for however busy this machine is.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.ts';
import { counterReady, MEMBERS, useKeyboardScanner } from './counter-page.ts';
import { TimedKeys } from './timed-keys.ts';

let app: RunningApp;
let keys: TimedKeys;
beforeAll(async () => {
  app = await startApp();
  await counterReady(app.page);
  await useKeyboardScanner(app.page);
  keys = await TimedKeys.open(app);
});
afterAll(async () => app?.close());

async function newSaleWithAmountTyped(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('#amount').focus();
  await keys.type('5', 150, { enter: false });
}

/**
 * Phone mode chosen, and the focus it moves to the phone field (on the next frame) already there: a test that then
 * focuses another field must not have that move land in the middle of its scan.
 */
async function phoneMode(page: Page): Promise<void> {
  await page.getByTestId('mode-phone').click();
  await page.waitForFunction(() => document.activeElement?.id === 'member-phone');
}

async function memberScanned(page: Page, memberId: string): Promise<void> {
  await page.waitForFunction((id) => document.querySelector<HTMLInputElement>('#member-id')?.value === id, memberId);
}

const fields = async (page: Page) => ({
  amount: await page.locator('#amount').inputValue(),
  memberId: await page.locator('#member-id').inputValue(),
  receipt: await page.locator('#receipt').inputValue(),
});

describe('a keyboard-mode scan after the cashier typed the amount', () => {
  it.each([5, 10, 25, 40, 50])('at %i ms per key, into the amount field: the member is found and the amount stays 5', async (gapMs) => {
    const { page } = app;
    await newSaleWithAmountTyped(page);
    await keys.type(MEMBERS.muthu.memberId, gapMs);
    await memberScanned(page, MEMBERS.muthu.memberId);
    expect(await fields(page)).toEqual({ amount: '5', memberId: MEMBERS.muthu.memberId, receipt: '' });
    await page.getByTestId('preview-member').waitFor();
    expect(await page.getByTestId('confirm').getAttribute('aria-disabled')).toBe('false');
  });

  it.each(['#member-phone', '#receipt', '[data-testid=confirm]'])('into %s: nothing is left in any field', async (selector) => {
    const { page } = app;
    await newSaleWithAmountTyped(page);
    await phoneMode(page);
    await page.locator(selector).focus();
    await keys.type(MEMBERS.muthu.memberId, 25);
    await memberScanned(page, MEMBERS.muthu.memberId);
    expect(await fields(page)).toEqual({ amount: '5', memberId: MEMBERS.muthu.memberId, receipt: '' });
  });

  it('a phone number scanned into the amount field: the same', async () => {
    const { page } = app;
    await newSaleWithAmountTyped(page);
    await keys.type('0123456789', 10);
    await page.getByTestId('preview-member').waitFor();
    expect(await page.locator('#amount').inputValue()).toBe('5');
    expect(await page.locator('#member-phone').inputValue()).toBe(MEMBERS.muthu.national);
  });

  it('a landline scanned: the cashier is told at once it is a landline, and no field takes it', async () => {
    const { page } = app;
    await newSaleWithAmountTyped(page);
    await phoneMode(page);
    await page.locator('#amount').focus();
    await keys.type('0321234567', 10);
    await page.getByText('0321234567 is a landline; members are known by their mobile number', { exact: true }).waitFor();
    expect(await page.locator('#amount').inputValue()).toBe('5');
    expect(await page.locator('#member-phone').inputValue()).toBe('');
    expect(await page.getByTestId('preview-member').count()).toBe(0);
  });

  it('a scan during which the focus moves to another field: neither field keeps any of it', async () => {
    const { page } = app;
    await newSaleWithAmountTyped(page);
    await phoneMode(page);
    await page.locator('#amount').focus();
    // The first two keys land in the amount, the rest in the phone number (a click's focus landing a frame late).
    const moveFocus = { afterKeys: 2, run: () => page.locator('#member-phone').focus() };
    await keys.type(MEMBERS.muthu.memberId, 10, { midway: moveFocus });
    await memberScanned(page, MEMBERS.muthu.memberId);
    expect(await fields(page)).toEqual({ amount: '5', memberId: MEMBERS.muthu.memberId, receipt: '' });
    await page.getByTestId('mode-phone').click();
    expect(await page.locator('#member-phone').inputValue()).toBe('');
  });

  it('a person typing digits into the amount is never taken for a scan, however they pace them', async () => {
    const { page } = app;
    for (const gapMs of [60, 90, 150, 250]) {
      await page.keyboard.press('Escape');
      await page.locator('#amount').focus();
      await keys.type('1234', gapMs);
      expect(await page.locator('#amount').inputValue(), `${gapMs} ms`).toBe('1234');
      expect(await page.getByText('From scan').count()).toBe(0);
    }
  });
});
