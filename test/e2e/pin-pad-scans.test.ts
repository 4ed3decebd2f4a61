// The manager's PIN pad in real Chromium with the real core, a keyboard-mode scanner in use: a PIN typed as fast as
// Playwright types (a touch typist) is a try, while member numbers and member QR links scanned at scanner speed are
// not, however many. Two wrong PINs leave the core one short of its lockout, so a single scan counted as a try would
// shut the pad, and the right PIN typed after the scans would be refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGER, startApp, type RunningApp } from './harness.ts';
import { counterReady, MEMBERS, useKeyboardScanner } from './counter-page.ts';
import { headerCollisions } from './page-checks.ts';
import { TimedKeys } from './timed-keys.ts';
import en from '../../renderer/i18n/en.json';

const SCANNER_GAP_MS = 10;
const MEMBER_QR = `https://revenuemonster.my/member/${MEMBERS.nurul.memberId}`;

let app: RunningApp;
let keys: TimedKeys;
beforeAll(async () => {
  app = await startApp();
  await counterReady(app.page);
  await useKeyboardScanner(app.page);
  keys = await TimedKeys.open(app);
});
afterAll(async () => app?.close());

async function wrongPinTyped(longestPin: string): Promise<void> {
  const { page } = app;
  await page.keyboard.type(longestPin);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=pin-pad] .problem', { hasText: 'Wrong PIN. Try again.' }).waitFor();
  await page.locator('[data-testid=pin-unlock][aria-busy=false]').waitFor();
  expect(await page.locator('#pin').inputValue()).toBe('');
}

async function scanRefused(): Promise<void> {
  const { page } = app;
  expect(await page.getByTestId('pin-scan-refused').innerText()).toBe(en.manager.pin.scanNotPin);
  expect(await page.locator('#pin').inputValue()).toBe('');
  expect(await page.getByTestId('scan-not-used').count()).toBe(0);
  expect(await page.getByTestId('pin-lockout').count()).toBe(0);
}

describe('scans at the PIN pad', () => {
  it('the longest PIN typed fast is a try; scans are not, so the right PIN still opens the pad after them', async () => {
    const { page } = app;
    await page.getByTestId('nav-manager').click();
    await page.waitForFunction(() => document.activeElement?.id === 'pin');
    await wrongPinTyped('13572468');
    await wrongPinTyped('86427531');

    for (const code of [MEMBERS.nurul.memberId, MEMBER_QR, MEMBERS.weiMing.memberId]) {
      await keys.type(code, SCANNER_GAP_MS);
      await page.getByTestId('pin-scan-refused').waitFor();
      await scanRefused();
    }
    await app.screenshot('manager-pin-scan-refused');
    // The keyboard scanner's pill is longer than a HID scanner's: at 1280 px it ran into the shop's name.
    expect(await headerCollisions(page)).toEqual([]);
    // With Unlock focused, the shell's scan reader takes the link's keys: the pad still says what became of it, and the
    // shell's own notice stays away. (A tap on the pad's keys clears the words of the scans before.)
    await page.getByRole('button', { name: 'Delete the last digit' }).click();
    expect(await page.getByTestId('pin-scan-refused').count()).toBe(0);
    await page.getByTestId('pin-unlock').click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'pin-unlock');
    await keys.type(MEMBER_QR, SCANNER_GAP_MS);
    await page.getByTestId('pin-scan-refused').waitFor();
    await scanRefused();

    await page.locator('#pin').focus();
    await page.keyboard.type(MANAGER.pin);
    await page.keyboard.press('Enter');
    await page.getByTestId('tab-history').waitFor();
  });
});
