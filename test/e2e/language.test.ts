// English, Bahasa Melayu and Simplified Chinese, switchable at any moment: the words, the ringgit and the dates change
// together, and the choice survives a reload (it is kept in settings).
import { describe, expect, it } from 'vitest';
import { MANAGER } from './harness.ts';
import { counterForThisFile, MEMBERS } from './counter-page.ts';

const app = counterForThisFile();

describe('switching language', () => {
  it('changes every word, the money and the dates, and is kept across a reload', async () => {
    const { page } = app();
    await page.locator('#amount').fill('1234.5');
    expect((await page.getByTestId('amount-shown').innerText()).replace(/\s/g, ' ')).toBe('RM 1,234.50');

    await page.getByTestId('language-ms').click();
    await page.getByLabel('Jumlah').waitFor();
    expect(await page.getByTestId('nav-manager').innerText()).toBe('Pengurus');
    expect(await page.getByTestId('training-banner').innerText()).toContain('LATIHAN');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ms-MY');
    expect(await page.locator('#amount').inputValue()).toBe('1234.5');
    await app().screenshot('counter-bahasa-melayu');

    await page.reload();
    await page.getByLabel('Jumlah').waitFor();

    await page.getByTestId('language-zh').click();
    await page.getByLabel('金额').waitFor();
    expect(await page.getByTestId('queued').innerText()).toBe('0 笔待发送');
    const submitted = await page.evaluate(
      (memberId) => window.kaunter.award.submit({ id: crypto.randomUUID(), amountSen: 123450, member: { type: 'ID', memberId } }),
      MEMBERS.nurul.memberId,
    );
    expect(submitted.ok).toBe(true);
    await page.getByTestId('nav-manager').click();
    await page.locator('#pin').fill(MANAGER.pin);
    await page.getByTestId('pin-unlock').click();
    const row = page.getByTestId('history-row').first();
    await row.waitFor();
    const rowText = (await row.innerText()).replace(/\s+/g, ' ');
    expect(rowText).toContain('RM 1,234.50');
    expect(rowText).toMatch(/\b\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}\b/);
    expect(rowText).toContain('已发放');
    await app().screenshot('manager-history-chinese');

    await page.getByTestId('language-en').click();
    await page.getByTestId('tab-history').getByText('History').waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('Awarded');
  });
});
