// The manager's PIN pad and the scans the page's reader catches (a keyboard-mode scanner's keys with the focus outside
// the pad's field), in real Chromium with the real core. On Settings, where the shell's "scan not used" notice is not
// there (its own test scan is, once unlocked), the pad still hears them: a PIN typed fast with the focus outside the
// pad is a try, and a scan is not. And a "scan not used" from before the pad came up is not said again after unlocking:
// the manager is reading their screens by then, and the scan is long gone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGER, startApp, type RunningApp } from './harness.ts';
import { counterReady, MEMBERS, useKeyboardScanner } from './counter-page.ts';
import { TimedKeys } from './timed-keys.ts';
import en from '../../renderer/i18n/en.json';

const SCANNER_GAP_MS = 10;
const MEMBER_QR = `https://revenuemonster.my/member/${MEMBERS.nurul.memberId}`;

let app: RunningApp;
let keys: TimedKeys;
beforeAll(async () => {
  app = await startApp({ viewport: { width: 1024, height: 768 } });
  await counterReady(app.page);
  await useKeyboardScanner(app.page);
  keys = await TimedKeys.open(app);
});
afterAll(async () => app?.close());

/** The manager's screens open on `tab`, whatever the test before left up. */
async function openOn(page: Page, tab: 'history' | 'settings'): Promise<void> {
  await page.getByTestId('nav-manager').click();
  await page.locator('[data-testid=pin-pad], [data-testid=tab-history]').first().waitFor();
  if ((await page.getByTestId('pin-pad').count()) > 0) {
    await page.locator('#pin').fill(MANAGER.pin);
    await page.getByTestId('pin-unlock').click();
  }
  await page.getByTestId(`tab-${tab}`).click();
}

/** The manager steps away: the pad comes up on the tab they were on. */
async function locked(page: Page): Promise<void> {
  await page.getByTestId('manager-lock').click();
  await page.getByTestId('pin-pad').waitFor();
}

/** A click on the page outside the pad: the keys that follow reach no field or button of it. */
async function focusOutsideThePad(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await page.waitForFunction(() => document.activeElement === document.body);
}

describe('the PIN pad on every tab', () => {
  it('on Settings: a scan caught outside the pad is not a try, and the PIN typed fast there opens the pad', async () => {
    const { page } = app;
    await openOn(page, 'settings');
    await locked(page);

    await focusOutsideThePad(page);
    await keys.type(MEMBER_QR, SCANNER_GAP_MS);
    expect(await page.getByTestId('pin-scan-refused').innerText()).toBe(en.manager.pin.scanNotPin);
    await app.screenshot('manager-pin-settings-scan-refused-1024');
    expect(await page.getByTestId('pin-lockout').count()).toBe(0);

    await focusOutsideThePad(page);
    await keys.type(MANAGER.pin, SCANNER_GAP_MS);
    await page.getByTestId('tab-settings').waitFor();
    expect(await page.getByTestId('tab-settings').getAttribute('aria-selected')).toBe('true');
  });

  it('a "scan not used" from before the pad came up is not said again once the manager unlocks; a scan after is', async () => {
    const { page } = app;
    await openOn(page, 'history');
    await focusOutsideThePad(page);
    await keys.type(MEMBERS.weiMing.memberId, SCANNER_GAP_MS);
    await page.getByTestId('scan-not-used').waitFor();

    await locked(page);
    expect(await page.getByTestId('scan-not-used').count()).toBe(0);
    await page.locator('#pin').fill(MANAGER.pin);
    await page.getByTestId('pin-unlock').click();
    await page.getByTestId('tab-history').waitFor();
    // The notice came back in the same render that put the tabs up: a moment more shows it is not merely late.
    await page.waitForTimeout(200);
    expect(await page.getByTestId('scan-not-used').count()).toBe(0);

    await focusOutsideThePad(page);
    await keys.type(MEMBERS.weiMing.memberId, SCANNER_GAP_MS);
    expect(await page.getByTestId('scan-not-used').innerText()).toBe(en.shell.scanNotUsed);
  });
});
