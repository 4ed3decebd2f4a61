// A keyboard-mode scan while a Chinese input method is on, in real Chromium: the member QR's letters go into the input
// method, which commits them (and words for the digits that pick its candidates) into the focused field. The cashier
// is told to switch to English, and the field the scan was typed into reads as it did before the scan: what the
// cashier typed stays, nothing of the scan or the input method does.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.ts';
import { counterReady, MEMBERS, useKeyboardScanner } from './counter-page.ts';
import { InputMethodKeys } from './input-method-keys.ts';
import { TimedKeys } from './timed-keys.ts';
import en from '../../renderer/i18n/en.json';

const SCANNER_GAP_MS = 10;
const PERSON_GAP_MS = 150;
const MEMBER_QR = `https://revenuemonster.my/member/${MEMBERS.nurul.memberId}`;

let app: RunningApp;
let keys: TimedKeys;
let inputMethod: InputMethodKeys;
beforeAll(async () => {
  app = await startApp({ viewport: { width: 1024, height: 768 } });
  await counterReady(app.page);
  await useKeyboardScanner(app.page);
  keys = await TimedKeys.open(app);
  inputMethod = await InputMethodKeys.open(app);
});
afterAll(async () => app?.close());

const fields = async (page: Page) => ({
  amount: await page.locator('#amount').inputValue(),
  phone: await page.locator('#member-phone').inputValue(),
});

describe('a keyboard-mode scan through an input method', () => {
  it.each([
    { field: '#amount', typed: { amount: '5', phone: '' } },
    { field: '#member-phone', typed: { amount: '5', phone: '012' } },
  ])('into $field: said once, and the fields read as the cashier left them', async ({ field, typed }) => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.locator('#amount').focus();
    await keys.type(typed.amount, PERSON_GAP_MS, { enter: false });
    await page.locator('#member-phone').focus();
    await keys.type(typed.phone, PERSON_GAP_MS, { enter: false });
    await page.locator(field).focus();
    expect(await fields(page)).toEqual(typed);

    await inputMethod.scan(MEMBER_QR, SCANNER_GAP_MS);
    await page.getByText(en.shell.scanInputMethod, { exact: true }).waitFor();
    // Longer than the input method takes to put its last words in, had they been going to stay.
    await page.waitForTimeout(500);
    expect(await fields(page)).toEqual(typed);
    expect(await page.getByText(en.shell.scanInputMethod, { exact: true }).count()).toBe(1);
    expect(await page.getByTestId('preview-member').count()).toBe(0);
    await app.screenshot(`counter-input-method-scan-${field.slice(1)}-1024`);
  });
});
