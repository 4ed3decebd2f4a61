// The manager's screens on a 1024x768 shop PC in real Chromium, as a reviewer found them: the history's first rows
// below the fold, the by-cashier table in a box of its own, long names cut with no way to read them, and Esc doing
// nothing on an award's detail.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASHIERS, MANAGER, startApp, type RunningApp } from './harness.ts';
import { counterReady, MEMBERS, openManagerHistory, waitForCount } from './counter-page.ts';
import { clippedInside, clippedSelects, inView, overflowsScreen } from './page-checks.ts';
import { shot } from './screen-checks.ts';

/** More cashiers than the old 200 px box showed, one with a name longer than its column at 1024 px. */
const LONG_NAME = 'Nur Aisyah binti Abdul Rahman';
const MORE_CASHIERS = [LONG_NAME, 'Chong Mei Ling', 'Rajeswari', 'Hafiz', 'Kavitha', 'Lim Wei Jie'];
const EVERY_CASHIER = [...CASHIERS, ...MORE_CASHIERS];
/** Two awards by each cashier. */
const SEEDED_AWARDS = EVERY_CASHIER.length * 2;

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ viewport: { width: 1024, height: 768 } });
  await counterReady(app.page);
  await seedMonth(app.page);
});
afterAll(async () => app?.close());

/** A busy month's end: awards under eight cashiers. */
async function seedMonth(page: Page): Promise<void> {
  const saved = await page.evaluate(
    async ({ pin, cashiers }) => {
      const api = window.kaunter;
      await api.manager.unlock({ pin });
      const result = await api.settings.update({ cashiers });
      await api.manager.lock({});
      return result.ok;
    },
    { pin: MANAGER.pin, cashiers: EVERY_CASHIER },
  );
  expect(saved).toBe(true);
  const members = [MEMBERS.nurul, MEMBERS.weiMing, MEMBERS.muthu, MEMBERS.siti];
  for (const [index, cashier] of EVERY_CASHIER.entries()) {
    const submitted = await page.evaluate(
      async ({ cashier, awards }) => {
        const api = window.kaunter;
        await api.shift.start({ cashier });
        const results = [];
        for (const award of awards) results.push(await api.award.submit({ id: crypto.randomUUID(), amountSen: award.amountSen, member: { type: 'ID', memberId: award.memberId }, receiptRef: award.receiptRef }));
        return results.every((result) => result.ok);
      },
      { cashier, awards: [0, 1].map((n) => ({ amountSen: 1000 + 100 * index + n, memberId: members[(index + n) % members.length]!.memberId, receiptRef: `INV-${index}${n}` })) },
    );
    expect(submitted).toBe(true);
  }
  await page.reload();
  await counterReady(page);
}

/**
 * History as a manager opens it, from the counter, with all the month's awards listed.
 */
async function openHistory(page: Page, language: 'en' | 'ms' | 'zh', awards: number | null = SEEDED_AWARDS): Promise<void> {
  await page.getByTestId('nav-counter').click();
  await page.locator('#amount').waitFor();
  await page.getByTestId(`language-${language}`).click();
  await openManagerHistory(page);
  if (awards !== null) await page.locator(`[data-testid=totals-all][data-awards="${awards}"]`).waitFor();
  await page.getByTestId('history-row').nth(2).waitFor();
}

const focusedAwardId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.awardId ?? null);

describe('the history at 1024x768', () => {
  it.each(['en', 'ms', 'zh'] as const)('in %s, the first rows of the list are in view without scrolling', async (language) => {
    const { page } = app;
    try {
      await openHistory(page, language);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      for (const index of [0, 1, 2]) expect(await inView(page, `[data-testid=history-row] >> nth=${index}`), `row ${index + 1} in view`).toBe(true);
      expect(await inView(page, '[data-testid=totals-all]')).toBe(true);
      // The five fields in one row, whatever the cashiers' names: the drop-down as wide as a long name pushed one down.
      const tops = await page.locator('.history-filters > label').evaluateAll((labels) => labels.map((label) => Math.round(label.getBoundingClientRect().top)));
      expect(new Set(tops).size, `filter rows: ${tops.join(', ')}`).toBe(1);
      expect(await clippedSelects(page)).toEqual([]);
      expect(await overflowsScreen(page)).toBe(false);
      // What the manager sees on opening History, without scrolling.
      await shot(page, 'manager-history-fold', `${language}-1024x768`);
    } finally {
      await page.getByTestId('language-en').click();
    }
  });

  it('the by-cashier table reads whole in the page: every cashier, no box of its own that scrolls', async () => {
    const { page } = app;
    await openHistory(page, 'en');
    const byCashier = page.locator('.totals-panel', { has: page.getByTestId('chart-by-cashier') });
    await byCashier.scrollIntoViewIfNeeded();
    expect(await clippedInside(page, '.totals-panel, .totals-panel div')).toEqual([]);
    const names = await byCashier.locator('tbody th').allInnerTexts();
    expect(new Set(names)).toEqual(new Set(EVERY_CASHIER));
    await byCashier.locator('tbody tr').last().scrollIntoViewIfNeeded();
    await app.screenshot('manager-history-by-cashier-1024x768');
  });

  it('a name or member ID cut to fit its column has its whole text as a tooltip and in the row`s accessible name', async () => {
    const { page } = app;
    await openHistory(page, 'en');
    await page.getByTestId('filter-cashier').selectOption(LONG_NAME);
    // Cut in the drop-down too (13em at most, so the filters keep one row): its whole name on hover.
    expect(await page.getByTestId('filter-cashier').getAttribute('title')).toBe(LONG_NAME);
    await page.getByTestId('filter-apply').click();
    await page.locator('[data-testid=totals-all][data-awards="2"]').waitFor();
    const row = page.getByTestId('history-row').first();
    const cashier = row.getByTestId('history-cashier');
    // The long name really is cut at this width: the tooltip is what shows it.
    expect(await cashier.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    expect(await cashier.getAttribute('title')).toBe(LONG_NAME);
    const member = row.getByTestId('history-member');
    expect(await member.getAttribute('title')).toBe(await member.innerText());
    expect(await member.innerText()).toMatch(/^\d{19}$/);
    expect(await page.getByRole('button', { name: new RegExp(LONG_NAME) }).count()).toBe(2);
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.locator(`[data-testid=totals-all][data-awards="${SEEDED_AWARDS}"]`).waitFor();
  });

  it('Esc on an award`s detail goes back to the list, with the focus on the row that was opened', async () => {
    const { page } = app;
    await openHistory(page, 'en');
    // The same row twice, another, and the last one, far down the list's own scroll.
    for (const index of [2, 2, 4, SEEDED_AWARDS - 1]) {
      const row = page.locator(`[data-index="${index}"] [data-testid=history-row]`);
      if (index === SEEDED_AWARDS - 1) await page.getByTestId('history-list').evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
      const id = await row.getAttribute('data-award-id');
      await row.click();
      await page.getByTestId('event-trail').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('award-detail').waitFor({ state: 'detached' });
      await page.waitForFunction((awardId) => (document.activeElement as HTMLElement | null)?.dataset.awardId === awardId, id);
      expect(await focusedAwardId(page)).toBe(id);
      expect(await page.locator('.history').isVisible()).toBe(true);
    }
  });

  it('Esc while a reason is typed leaves the reason, a second Esc the detail; after a void too', async () => {
    const { page } = app;
    await app.sandbox.refuseConnections(true);
    try {
      await page.getByTestId('nav-counter').click();
      const queued = await page.evaluate(async (memberId) => {
        const result = await window.kaunter.award.submit({ id: crypto.randomUUID(), amountSen: 4321, member: { type: 'ID', memberId }, receiptRef: 'INV-VOID' });
        return result.ok ? result.value.award.id : null;
      }, MEMBERS.siti.memberId);
      expect(queued).not.toBe(null);
      await waitForCount(page, 'queued', 1);
      await openHistory(page, 'en', SEEDED_AWARDS + 1);
      const row = page.locator(`[data-testid=history-row][data-award-id="${queued}"]`);
      await row.click();
      await page.getByTestId('detail-void').click();
      await page.getByTestId('reason').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('reason').waitFor({ state: 'detached' });
      expect(await page.getByTestId('award-detail').isVisible()).toBe(true);
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('detail-close');

      await page.getByTestId('detail-void').click();
      await page.getByTestId('reason').fill('Customer changed their mind');
      await page.getByTestId('reason-confirm').click();
      await page.getByTestId('award-detail').getByText('Voided').first().waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('award-detail').waitFor({ state: 'detached' });
      await page.waitForFunction((awardId) => (document.activeElement as HTMLElement | null)?.dataset.awardId === awardId, queued);
    } finally {
      await app.sandbox.refuseConnections(false);
    }
  });
});

/** A claim QR awarded at the counter that nobody has claimed yet. */
async function claimQrAward(page: Page, receiptRef: string): Promise<{ id: string; url: string }> {
  const award = await page.evaluate(async (receipt) => {
    const result = await window.kaunter.award.submit({ id: crypto.randomUUID(), amountSen: 4590, member: { type: 'QRCODE' }, receiptRef: receipt });
    return result.ok ? { id: result.value.award.id, url: result.value.award.qrCodeUrl } : null;
  }, receiptRef);
  if (!award?.url) throw new Error('The claim QR was not awarded.');
  return { id: award.id, url: award.url };
}

/** A claim QR awarded at the counter and claimed on the customer's phone: its History row says both ("Diberi · dituntut"). */
async function claimedAward(page: Page): Promise<string> {
  const award = await claimQrAward(page, 'INV-QR');
  const claim = await fetch(award.url, { method: 'POST', body: new URLSearchParams({ memberId: MEMBERS.meiLing.memberId }) });
  expect(claim.status).toBe(200);
  // The core asks RM every 2 s whether the QR was claimed.
  await expect
    .poll(() => page.evaluate(async (id) => {
      const result = await window.kaunter.award.get({ id });
      return result.ok ? result.value.award.claimedAt : null;
    }, award.id), { timeout: 15_000 })
    .not.toBeNull();
  return award.id;
}

describe("the history's state column at 1024x768", () => {
  it('in Malay, an awarded and claimed row keeps its state icon whole; the words take a second line, whole in the tooltip', async () => {
    const { page } = app;
    const id = await claimedAward(page);
    const unclaimed = (await claimQrAward(page, 'INV-QR-2')).id;
    const iconWidths: Record<string, number> = {};
    try {
      for (const language of ['en', 'ms'] as const) {
        await openHistory(page, language, null);
        const cell = page.locator(`[data-testid=history-row][data-award-id="${id}"] [data-testid=history-state]`);
        await cell.waitFor();
        iconWidths[language] = await cell.locator('svg').evaluate((icon) => icon.getBoundingClientRect().width);
        if (language === 'ms') {
          expect(await cell.getAttribute('title')).toBe('Diberi · dituntut');
          const notSeen = page.locator(`[data-testid=history-row][data-award-id="${unclaimed}"] [data-testid=history-state]`);
          expect(await notSeen.getAttribute('title')).toBe('Belum dilihat dituntut');
          // Wrapped, not cut: all of the words show, inside the row.
          for (const words of [cell.locator('.state-words'), notSeen.locator('.state-words')]) {
            expect(await words.evaluate((element) => element.scrollHeight <= element.clientHeight && element.getClientRects().length > 0)).toBe(true);
            expect(await words.evaluate((element) => {
              const row = element.closest('[data-testid=history-row]')?.getBoundingClientRect();
              const box = element.getBoundingClientRect();
              return row !== undefined && box.top >= row.top && box.bottom <= row.bottom;
            })).toBe(true);
          }
          await shot(page, 'manager-history-claimed', 'ms-1024x768');
        }
      }
    } finally {
      await page.getByTestId('language-en').click();
    }
    expect(iconWidths).toEqual({ en: 16, ms: 16 });
  });
});
