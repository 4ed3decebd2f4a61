// History on a 1280x800 PC in real Chromium: a cashier's long name ("Nurul Aisyah binti Abdullah") shows whole, not cut
// to "Nurul Aisyah bint…" while the member's column had room to spare; a 19-digit member ID still shows whole, there
// and at 1024x768 (where the long name is cut, with its tooltip: manager-1024.test.ts). The header's cashier picker
// shows that name whole too, not "Nurul Aisyah I" beside a header with room to spare, and from 1200 px, where it
// grows, the header still holds one row in every language. Screenshots:
// screens/manager-history-long-cashier-en-1280x800.png, screens/manager-history-long-cashier-header-*x800.png.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASHIERS, MANAGER, startApp, type RunningApp } from './harness.ts';
import { counterReady, MEMBERS, openManagerHistory } from './counter-page.ts';
import { clippedSelects, overflowsScreen } from './page-checks.ts';
import { checkScreen, shot } from './screen-checks.ts';

const LONG_NAME = 'Nurul Aisyah binti Abdullah';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ viewport: { width: 1280, height: 800 } });
  await counterReady(app.page);
  const results = await app.page.evaluate(
    async ({ pin, cashiers, cashier, phone, memberId }) => {
      const api = window.kaunter;
      await api.manager.unlock({ pin });
      const saved = await api.settings.update({ cashiers });
      await api.manager.lock({});
      await api.shift.start({ cashier });
      const byPhone = await api.award.submit({ id: crypto.randomUUID(), amountSen: 123_456, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: phone }, receiptRef: 'INV-2026-000123' });
      const byId = await api.award.submit({ id: crypto.randomUUID(), amountSen: 2345, member: { type: 'ID', memberId }, receiptRef: 'INV-2026-000124' });
      return [saved.ok, byPhone.ok, byId.ok];
    },
    { pin: MANAGER.pin, cashiers: [...CASHIERS, LONG_NAME], cashier: LONG_NAME, phone: MEMBERS.nurul.national, memberId: MEMBERS.weiMing.memberId },
  );
  expect(results).toEqual([true, true, true]);
  await app.page.reload();
  await counterReady(app.page);
});
afterAll(async () => app?.close());

async function openHistory(page: Page): Promise<void> {
  await openManagerHistory(page);
  await page.locator('[data-testid=totals-all][data-awards="2"]').waitFor();
}

/** Whether a cell shows all of its text (an ellipsis cuts what is wider than the cell). */
const whole = (cell: Locator): Promise<boolean> => cell.evaluate((element) => element.scrollWidth <= element.clientWidth);

describe('History at 1280x800', () => {
  it("shows a long cashier's name whole beside a phone and a 19-digit member ID, both whole too", async () => {
    const { page } = app;
    await openHistory(page);
    const rows = page.getByTestId('history-row');
    expect(await rows.count()).toBe(2);
    for (const row of await rows.all()) {
      const cashier = row.getByTestId('history-cashier');
      expect(await cashier.innerText()).toBe(LONG_NAME);
      expect(await whole(cashier), 'the cashier is cut').toBe(true);
      expect(await whole(row.getByTestId('history-member')), 'the member is cut').toBe(true);
    }
    expect(await rows.getByTestId('history-member').allInnerTexts()).toEqual(expect.arrayContaining([MEMBERS.weiMing.memberId, '+60 17-282 6990']));
    expect(await overflowsScreen(page)).toBe(false);
    await shot(page, 'manager-history-long-cashier', 'en-1280x800');
  });

  it("the header's cashier picker shows the long name whole", async () => {
    const { page } = app;
    expect(await page.getByTestId('cashier').inputValue()).toBe(LONG_NAME);
    expect(await clippedSelects(page)).toEqual([]);
  });

  it('at 1024x768 the 19-digit member ID is still whole and the list still fits the screen', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      await openHistory(page);
      for (const member of await page.getByTestId('history-member').all()) expect(await whole(member), await member.innerText()).toBe(true);
      expect(await overflowsScreen(page)).toBe(false);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it.each(['en', 'ms', 'zh'])('at 1200x800 in %s the header holds the long name whole in one row', async (language) => {
    const { page } = app;
    await page.setViewportSize({ width: 1200, height: 800 });
    try {
      await page.getByTestId(`language-${language}`).click();
      await page.locator(`[data-testid=language-${language}][aria-pressed=true]`).waitFor();
      await checkScreen(page, `long cashier ${language}-1200x800`);
      expect(await clippedSelects(page)).toEqual([]);
      await shot(page, 'manager-history-long-cashier-header', `${language}-1200x800`);
    } finally {
      await page.getByTestId('language-en').click();
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});
