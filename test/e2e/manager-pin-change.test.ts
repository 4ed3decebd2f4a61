// A manager screen left open, in real Chromium on a 1024x768 counter screen: Settings changes the PIN, or makes a new
// recovery code, only after the current PIN is typed; the core refuses the same calls made straight at the contract.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGER, SCREENSHOT_DIR, startApp, type RunningApp } from './harness.ts';
import { counterReady } from './counter-page.ts';
import { checkScreen } from './screen-checks.ts';
import ms from '../../renderer/i18n/ms.json';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ viewport: { width: 1024, height: 768 } });
  await counterReady(app.page);
});
afterAll(async () => app?.close());

describe('changing the PIN from an unlocked manager screen', () => {
  it('needs the current PIN, on screen and at the contract; with it, the new PIN works', async () => {
    const { page } = app;
    await page.getByTestId('nav-manager').click();
    await page.locator('#pin').fill(MANAGER.pin);
    await page.getByTestId('pin-unlock').click();
    await page.getByTestId('tab-settings').click();
    const form = page.locator('form[aria-labelledby=pin-section-title]');
    await form.locator('#new-pin').fill('1357');
    await form.locator('#new-pin-again').fill('1357');
    await form.getByTestId('pin-save').click();
    await form.locator('.problem', { hasText: 'Type the current PIN first.' }).waitFor();
    await form.scrollIntoViewIfNeeded();
    await checkScreen(page, 'settings, PIN change refused');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'manager-pin-change-1024x768.png') });

    // What a page could send without the form: the core itself refuses it.
    const straight = await page.evaluate(() => window.kaunter.manager.setPin({ pin: '1357', managerName: 'Mallory' }));
    expect(straight).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', key: 'manager.currentPinNeeded' } });
    const newCode = await page.evaluate(() => window.kaunter.manager.newRecoveryCode({ currentPin: '0000' }));
    expect(newCode).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });

    await form.locator('#current-pin').fill('1111');
    await form.getByTestId('pin-save').click();
    await form.locator('.problem', { hasText: 'Wrong PIN. Try again.' }).waitFor();
    await form.locator('#current-pin').fill(MANAGER.pin);
    await form.getByTestId('pin-save').click();
    await form.getByRole('status').waitFor();
    expect(await form.locator('#current-pin').inputValue()).toBe('');

    await page.getByTestId('manager-lock').click();
    await page.locator('#pin').fill('1357');
    await page.getByTestId('pin-unlock').click();
    await page.getByTestId('tab-history').waitFor();
  });

  it('a wrong recovery code is said in the language on screen', async () => {
    const { page } = app;
    await page.getByTestId('manager-lock').click();
    await page.getByTestId('language-ms').click();
    await page.getByTestId('pin-forgot').click();
    await page.locator('#recovery-code').fill('AAAA-BBBB-CCCC-DDDD');
    await page.locator('#recover-pin').fill('9753');
    await page.locator('#recover-pin-again').fill('9753');
    await page.getByTestId('recover-submit').click();
    await page.locator('[data-testid=recover-pin] .problem', { hasText: ms.core.manager.recoveryWrong }).waitFor();
    await page.getByTestId('language-en').click();
    await page.getByRole('button', { name: 'Back to the PIN pad' }).click();
    await page.locator('#pin').fill('1357');
    await page.getByTestId('pin-unlock').click();
    await page.getByTestId('tab-history').waitFor();
  });

  it('a new recovery code needs the current PIN too', async () => {
    const { page } = app;
    await page.getByTestId('tab-settings').click();
    const section = page.locator('form[aria-labelledby=recovery-section-title]');
    await section.getByTestId('recovery-new').click();
    await section.locator('.problem', { hasText: 'Type the current PIN first.' }).waitFor();
    expect(await page.getByTestId('recovery-code').count()).toBe(0);
    await section.locator('#recovery-current-pin').fill('1357');
    await section.getByTestId('recovery-new').click();
    await expect.poll(() => page.getByTestId('recovery-code').textContent()).toMatch(/[0-9A-Z]{4}(-[0-9A-Z]{4}){3}/);
    await page.getByTestId('recovery-code').scrollIntoViewIfNeeded();
    await checkScreen(page, 'settings, new recovery code');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'manager-recovery-code-new-1024x768.png') });
  });
});
