// First run on a fresh terminal: the wizard in training mode, step by step against the real core (the test call goes
// to the training sandbox, the test scan comes from the HID scanner), then the counter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ setup: 'fresh' });
});
afterAll(async () => app?.close());

async function step(name: string): Promise<void> {
  await app.page.locator(`[data-testid=wizard-step][data-step=${name}]`).waitFor();
}

describe('first-run setup', () => {
  it('goes environment, test call, scanner, PIN, store, finish, and opens the counter', async () => {
    const { page } = app;
    await step('environment');
    expect(await page.getByTestId('nav-manager').count()).toBe(0);
    await app.screenshot('setup-wizard-environment');
    await page.getByTestId('environment-training').check();
    await page.getByTestId('wizard-next').click();
    await step('test');
    await page.getByTestId('test-call').click();
    const result = page.getByTestId('test-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.getAttribute('data-ok')).toBe('true');

    await page.getByTestId('wizard-next').click();
    await step('scanner');
    await page.getByText('Honeywell', { exact: false }).first().waitFor();
    await page.locator('.device').first().click();
    await page.locator('.device[aria-pressed=true]').waitFor();
    app.hidScan('0172826990');
    const scanned = page.getByTestId('test-scan-result');
    await scanned.waitFor();
    expect(await scanned.innerText()).toContain('0172826990');
    expect(await scanned.innerText()).toContain('Phone number');
    await app.screenshot('setup-wizard-scanner');

    await page.getByTestId('wizard-next').click();
    await step('pin');
    await page.getByLabel("Manager's name").fill('Siti');
    await page.getByLabel('New PIN (4 to 8 digits)').fill('1357');
    await page.getByLabel('The PIN again').fill('1357');
    await page.getByTestId('wizard-next').click();
    await step('store');
    await page.getByLabel('Store name').fill('Kedai Baru');
    await page.getByLabel('Terminal name').fill('Kaunter 2');
    await page.getByLabel('Cashiers').fill('Farah\nGopal');
    await page.getByTestId('wizard-next').click();
    await step('finish');
    expect(await page.getByTestId('wizard-missing').count()).toBe(0);
    await app.screenshot('setup-wizard-finish');
    await page.getByTestId('wizard-finish').click();
    await page.locator('#amount').waitFor();
    expect(await page.getByRole('banner').innerText()).toContain('Kedai Baru');
    expect(await page.getByTestId('cashier').locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['Farah', 'Gopal']));

    // The PIN set in the wizard now guards the manager screens.
    await page.getByTestId('nav-manager').click();
    await page.locator('#pin').fill('1357');
    await page.getByTestId('pin-unlock').click();
    await page.getByTestId('tab-settings').waitFor();
    expect(await app.host.core.call('settings.get', {})).toMatchObject({ ok: true, value: { setupComplete: true, storeName: 'Kedai Baru', terminalName: 'Kaunter 2', cashiers: ['Farah', 'Gopal'] } });
  });
});
