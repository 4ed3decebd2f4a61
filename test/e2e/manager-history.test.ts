// The manager's screens in real Chromium: locked without the PIN (on screen and at the contract), the history with its
// filters and totals, and a CSV export whose file is read back and parsed.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGER, startApp, type RunningApp } from './harness.ts';
import { counterReady, MEMBERS } from './counter-page.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
  await counterReady(app.page);
});
afterAll(async () => app?.close());

/** Awards through the counter's own contract (what the UI does), for a history worth filtering. */
async function seedAwards(count: number): Promise<void> {
  const members = [MEMBERS.nurul, MEMBERS.weiMing, MEMBERS.muthu];
  for (let index = 0; index < count; index += 1) {
    const member = members[index % members.length]!;
    const result = await app.page.evaluate(
      ({ amountSen, memberId, receiptRef }) =>
        window.kaunter.award.submit({ id: crypto.randomUUID(), amountSen, member: { type: 'ID', memberId }, receiptRef }),
      { amountSen: 100 * (index + 1), memberId: member.memberId, receiptRef: `INV-${1000 + index}` },
    );
    expect(result.ok).toBe(true);
  }
}

describe('manager screens', () => {
  it('refuse without the PIN: the pad on screen, LOCKED at the contract, and a wrong PIN said so', async () => {
    const { page } = app;
    await page.getByTestId('nav-manager').click();
    await page.getByTestId('pin-pad').waitFor();
    expect(await page.getByTestId('history-list').count()).toBe(0);
    await app.screenshot('manager-pin-pad');
    const refused = await page.evaluate(async () => {
      const api = window.kaunter;
      const results = [
        await api.history.page({ filter: {}, cursor: null, limit: 10 }),
        await api.history.exportCsv({ filter: {} }),
        await api.manager.unknownAwards({}),
        await api.settings.update({ storeName: 'Hijacked' }),
        await api.credentials.generateKey({}),
      ];
      return results.map((result) => (result.ok ? 'allowed' : result.error.code));
    });
    expect(refused).toEqual(['LOCKED', 'LOCKED', 'LOCKED', 'LOCKED', 'LOCKED']);

    await page.locator('#pin').fill('0000');
    await page.getByTestId('pin-unlock').click();
    await page.getByText('Wrong PIN. Try again.').waitFor();
    expect(await page.getByTestId('tab-history').count()).toBe(0);

    await page.locator('#pin').fill(MANAGER.pin);
    await page.keyboard.press('Enter');
    await page.getByTestId('tab-history').waitFor();
    await page.getByTestId('manager-lock').click();
    await page.getByTestId('pin-pad').waitFor();
    const again = await page.evaluate(() => window.kaunter.history.page({ filter: {}, cursor: null, limit: 10 }));
    expect(again.ok ? 'allowed' : again.error.code).toBe('LOCKED');
  });

  it('shows the history with totals and filters, and exports a CSV that parses back to the same awards', async () => {
    const { page } = app;
    await seedAwards(12);
    await page.locator('#pin').fill(MANAGER.pin);
    await page.getByTestId('pin-unlock').click();
    await page.getByTestId('history-row').first().waitFor();
    expect(await page.getByTestId('totals-all').getAttribute('data-awards')).toBe('12');
    await app.screenshot('manager-history');

    await page.getByTestId('filter-member').fill(MEMBERS.muthu.memberId);
    await page.getByTestId('filter-apply').click();
    await page.locator('[data-testid=totals-all][data-awards="4"]').waitFor();
    expect(await page.getByTestId('history-row').count()).toBe(4);

    await page.getByTestId('export-csv').click();
    const saved = page.getByTestId('export-saved');
    await saved.waitFor();
    expect(await saved.innerText()).toMatch(/^Saved to .+\.csv \(4 rows\)\.$/);
    const path = (await saved.getAttribute('data-path')) ?? '';
    expect(path.startsWith(app.downloadsDir)).toBe(true);
    const rows = parse<Record<string, string>>(readFileSync(path), { bom: true, columns: true, skip_empty_lines: true });
    expect(rows).toHaveLength(4);
    expect(rows.map((row) => row['Amount (RM)']).sort()).toEqual(['12.00', '3.00', '6.00', '9.00']);
    for (const row of rows) {
      expect(row['Member ID']).toContain(MEMBERS.muthu.memberId);
      expect(row.State).toBe('AWARDED');
      expect(row.Cashier).toBe('Aina');
      expect(row.Receipt).toMatch(/INV-10\d\d/);
    }
    await app.screenshot('manager-history-exported');
  });
});
