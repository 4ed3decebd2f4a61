// Every screen, in English, Bahasa Melayu and Chinese, at the two shop screen sizes (1366x768 and 1024x768), on the
// real built UI against the training sandbox: each is checked (the header in one row, nothing wider than the screen,
// 44 px targets, named controls, WCAG AA contrast, what must be seen is in view) and photographed into
// test-output/screenshots/screens/ for the README's gallery and for review.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGER, startApp, type RunningApp } from './harness.ts';
import { backToCounter, counterReady, MEMBERS, outcome, typeAmount, typePhone } from './counter-page.ts';
import { clippedInside, clippedSelects, contrastProblems, inView, overflowsScreen, pixelsOfColours, smallTargets } from './page-checks.ts';
import { checkScreen, checkStep, EVERY_SCREEN, shot } from './screen-checks.ts';

/** As renderer/manager/HistoryTotals.tsx colours the two series. */
const CHART_COLOURS = { awards: '#0f766e', points: '#d97706' };

let app: RunningApp;
/** The recovery code written down now: each use replaces it. */
let recoveryCode = MANAGER.recoveryCode;
beforeAll(async () => {
  app = await startApp();
  await counterReady(app.page);
  await seedHistory(app.page);
});
afterAll(async () => app?.close());

/** A morning at the shop: awards by two cashiers, one RM never answered (unknown), then back to the first cashier. */
async function seedHistory(page: Page): Promise<void> {
  const submit = (amountSen: number, memberId: string) =>
    page.evaluate(({ amountSen, memberId }) => window.kaunter.award.submit({ id: crypto.randomUUID(), amountSen, member: { type: 'ID', memberId } }), { amountSen, memberId });
  for (const [amountSen, member] of [[1250, MEMBERS.nurul], [4200, MEMBERS.weiMing], [880, MEMBERS.siti]] as const) await submit(amountSen, member.memberId);
  await page.evaluate(() => window.kaunter.shift.start({ cashier: 'Ben' }));
  for (const [amountSen, member] of [[2990, MEMBERS.muthu], [1560, MEMBERS.meiLing]] as const) await submit(amountSen, member.memberId);
  app.sandbox.setFault({ mode: 'apply-then-drop', path: '/v3/loyalty/spending-reward', count: 1 });
  await submit(1880, MEMBERS.weiMing.memberId);
  await page.evaluate(() => window.kaunter.shift.start({ cashier: 'Aina' }));
  await page.reload();
  await counterReady(page);
}

async function unlock(page: Page): Promise<void> {
  await page.getByTestId('nav-manager').click();
  await page.locator('#pin').fill(MANAGER.pin);
  await page.getByTestId('pin-unlock').click();
  await page.getByTestId('tab-history').waitFor();
}

describe.each(EVERY_SCREEN)('$language at $width x $height', ({ language, width, height }) => {
  const where = `${language}-${width}x${height}`;

  it('the counter: idle, preview, awarded, not a member, claim QR (waiting and claimed), queued', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await backToCounter(page);
    await page.getByTestId(`language-${language}`).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('mode-phone').click();
    await checkScreen(page, `counter idle ${where}`);
    await shot(page, 'counter-idle', where);

    await typeAmount(page, '12.50');
    await typePhone(page, MEMBERS.nurul.phone);
    await page.getByTestId('preview-member').waitFor();
    expect(await inView(page, '[data-testid=confirm]')).toBe(true);
    await checkScreen(page, `counter preview ${where}`);
    await shot(page, 'counter-preview', where);

    await page.keyboard.press('Enter');
    await outcome(page, 'awarded');
    await page.waitForFunction(() => document.querySelector('[data-testid=outcome-balance]')?.textContent !== '…');
    expect(await page.getByTestId('outcome-member').innerText()).toContain('Nurul A.');
    expect(await page.getByTestId('outcome-points').innerText()).toBe('+12');
    await checkScreen(page, `counter awarded ${where}`);
    await shot(page, 'counter-awarded', where);

    await typeAmount(page, '10');
    await typePhone(page, '013-999 8877');
    await page.getByTestId('preview-member-problem').waitFor();
    await checkScreen(page, `counter not a member ${where}`);
    await shot(page, 'counter-not-member', where);

    await page.keyboard.press('Escape');
    await typeAmount(page, '45.90');
    await page.getByTestId('mode-qr').click();
    await page.getByTestId('preview').waitFor();
    await page.getByTestId('confirm').click();
    const qr = page.locator('[data-testid=claim-qr] img.qr-image');
    await qr.waitFor();
    expect(await inView(page, '[data-testid=claim-qr] img.qr-image')).toBe(true);
    await checkScreen(page, `claim QR ${where}`);
    await shot(page, 'counter-claim-qr', where);
    const claimUrl = (await qr.getAttribute('data-url')) ?? '';
    const claimed = await fetch(claimUrl, { method: 'POST', body: new URLSearchParams({ memberId: MEMBERS.meiLing.memberId }) });
    expect(claimed.status).toBe(200);
    await page.locator('[data-testid=claim-qr][data-claimed=true]').waitFor({ timeout: 15_000 });
    await checkScreen(page, `claim QR claimed ${where}`);
    await shot(page, 'counter-claim-qr-claimed', where);

    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await app.sandbox.refuseConnections(true);
    await typeAmount(page, '6.50');
    await typePhone(page, MEMBERS.meiLing.phone);
    await page.getByTestId('confirm').click();
    await outcome(page, 'queued');
    await checkScreen(page, `counter queued ${where}`);
    await shot(page, 'counter-queued', where);

    // The cashier's shift so far, with the award still waiting; on paper only the summary prints.
    await page.getByTestId('end-shift').click();
    await page.getByTestId('shift-summary').waitFor();
    await page.locator('[data-testid=shift-waiting]', { hasText: /^[1-9]/ }).waitFor();
    expect(await inView(page, '[data-testid=shift-end-now]')).toBe(true);
    expect(await inView(page, '[data-testid=shift-close]')).toBe(true);
    await checkScreen(page, `shift summary ${where}`);
    await shot(page, 'counter-shift-summary', where);
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'counter-shift-summary-print', where);
    await page.emulateMedia({ media: 'screen' });
    await page.getByTestId('shift-close').click();
    await counterReady(page);
    await app.sandbox.refuseConnections(false);
    await page.getByTestId('queued').click();
    await outcome(page, 'awarded');

    // RM applied it but its answer never came: the cashier is told a manager will check.
    await page.keyboard.press('Escape');
    app.sandbox.setFault({ mode: 'apply-then-drop', path: '/v3/loyalty/spending-reward', count: 1 });
    await typeAmount(page, '8.80');
    await typePhone(page, MEMBERS.nurul.phone);
    await page.getByTestId('preview-member').waitFor();
    await page.getByTestId('confirm').click();
    await outcome(page, 'review');
    await checkScreen(page, `counter needs review ${where}`);
    await shot(page, 'counter-needs-review', where);
  });

  it('the manager: PIN pad and its lockout, history with charts, an award, review and its evidence, settings', async () => {
    const { page } = app;
    await page.setViewportSize({ width, height });
    await page.getByTestId('nav-manager').click();
    await page.getByTestId('pin-pad').waitFor();
    await checkScreen(page, `PIN pad ${where}`);
    await shot(page, 'manager-pin', where);
    // Three wrong PINs lock the pad, and the lockout must be in view on a 768-pixel screen.
    // (The core checks PINs one at a time, so three quick tries count as three.)
    for (let wrong = 0; wrong < 3; wrong += 1) {
      await page.locator('#pin').fill('0000');
      await page.getByTestId('pin-unlock').click();
      await page.locator('[data-testid=pin-unlock][aria-busy=false]').waitFor();
    }
    await page.getByTestId('pin-lockout').waitFor();
    expect(await inView(page, '[data-testid=pin-lockout]')).toBe(true);
    await shot(page, 'manager-pin-lockout', where);
    // The owner's way back in: the recovery code sets the PIN again and opens the pad (and is replaced by a new one).
    const recovered = await app.host.core.call('manager.recover', { recoveryCode, pin: MANAGER.pin });
    if (!recovered.ok || !recovered.value.recoveryCode) throw new Error(`recovery failed: ${JSON.stringify(recovered)}`);
    recoveryCode = recovered.value.recoveryCode;
    await app.host.core.call('manager.lock', {});
    await page.reload();
    await unlock(page);

    await page.getByTestId('history-row').first().waitFor();
    await page.getByTestId('chart-by-day').waitFor();
    // The whole summary is there: both panels side by side, their tables' rows readable, nothing cut at the side.
    expect(await page.locator('.totals-table tbody tr').count()).toBeGreaterThanOrEqual(3);
    for (const panel of await page.locator('.totals-panel').all()) {
      const box = await panel.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
    }
    // Nor cut inside: no panel or table scrolls on its own, no row hides below its box, no filter's choice is cut short.
    expect(await clippedInside(page, '.totals-panel, .totals-table-wrap'), `history ${where}: totals`).toEqual([]);
    expect(await clippedSelects(page), `history ${where}: drop-downs`).toEqual([]);
    // A whole 19-digit RM member ID shows in its filter field, and the date fields' placeholder in theirs (it is wider
    // than a date), each put in as a value to be measured.
    const shortFields = await page.evaluate(() =>
      [
        ['filter-member', '1234567890123456789'],
        ['filter-from', null],
      ].flatMap(([testId, text]) => {
        const input = document.querySelector<HTMLInputElement>(`[data-testid=${testId}]`);
        if (!input) return [`${testId} is missing`];
        const was = input.value;
        const value = text ?? input.placeholder;
        input.value = value;
        const cut = input.scrollWidth > input.clientWidth;
        input.value = was;
        return cut ? [`${testId} cuts "${value}"`] : [];
      }),
    );
    expect(shortFields, `history ${where}: filter fields`).toEqual([]);
    // Both charts drew both series (awards teal, points amber), not only an empty canvas.
    for (const chart of ['chart-by-day', 'chart-by-cashier']) {
      const [awards, points] = await pixelsOfColours(page, `[data-testid=${chart}]`, [CHART_COLOURS.awards, CHART_COLOURS.points]);
      expect(awards, `${chart} ${where}: awards bars`).toBeGreaterThan(50);
      expect(points, `${chart} ${where}: points line`).toBeGreaterThan(50);
    }
    await checkScreen(page, `history ${where}`);
    await shot(page, 'manager-history', where);
    await page.getByTestId('history-totals').scrollIntoViewIfNeeded();
    await shot(page, 'manager-history-totals', where);

    await page.getByTestId('history-row').first().click();
    await page.getByTestId('event-trail').waitFor();
    await checkScreen(page, `award detail ${where}`);
    await shot(page, 'manager-award-detail', where);

    // The shifts: the open one and those before it, with their figures; one shift's awards in the history.
    await page.getByTestId('tab-shifts').click();
    await page.getByTestId('shift-row').nth(2).waitFor();
    await checkScreen(page, `shifts ${where}`);
    await shot(page, 'manager-shifts', where);
    await page.locator('[data-testid=shift-row]', { hasText: 'Ben' }).getByTestId('shift-show-awards').click();
    await page.getByTestId('history-shift-scope').waitFor();
    await page.getByTestId('history-row').first().waitFor();
    await checkScreen(page, `history of a shift ${where}`);
    await shot(page, 'manager-history-shift', where);

    await page.getByTestId('tab-review').click();
    await page.getByTestId('review-item').first().waitFor();
    await checkScreen(page, `review ${where}`);
    await shot(page, 'manager-review', where);
    await page.getByTestId('review-item').first().click();
    await page.getByTestId('suggestion').waitFor();
    await checkScreen(page, `review evidence ${where}`);
    await shot(page, 'manager-review-evidence', where);

    await page.getByTestId('tab-settings').click();
    await page.getByTestId('store-save').waitFor();
    await checkScreen(page, `settings ${where}`);
    await shot(page, 'manager-settings', where);
    await page.getByTestId('environment-sandbox').check();
    await page.getByTestId('environment-save').click();
    await page.getByTestId('environment-confirm').scrollIntoViewIfNeeded();
    await shot(page, 'manager-settings-environment', where);
    await page.getByTestId('environment-training').check();
    await page.getByTestId('manager-lock').click();
  });
});

describe('the first-run wizard', () => {
  it.each(EVERY_SCREEN)('$language at $width x $height', async ({ language, width, height }) => {
    const where = `${language}-${width}x${height}`;
    const fresh = await startApp({ setup: 'fresh', viewport: { width, height } });
    try {
      const { page } = fresh;
      await page.getByTestId(`language-${language}`).click();
      await page.locator('[data-testid=wizard-step][data-step=environment]').waitFor();
      expect(await overflowsScreen(page)).toBe(false);
      expect(await smallTargets(page)).toEqual([]);
      expect(await contrastProblems(page)).toEqual([]);
      await shot(page, 'setup-environment', where);
      // Every step of training's wizard, each checked and photographed as a person meets it.
      const next = async (step: string) => {
        await page.getByTestId('wizard-next').click();
        await page.locator(`[data-testid=wizard-step][data-step=${step}]`).waitFor();
        await checkStep(page, `wizard ${step} ${where}`);
        await shot(page, `setup-${step}`, where);
      };
      await next('test');
      await next('scanner');
      await next('pin');
      // Arriving at a form step is not submitting it: no problem is shown before anything was typed.
      expect(await page.locator('.problem').count()).toBe(0);
      await page.locator('#manager-name').fill('Siti');
      await page.locator('#new-pin').fill('1357');
      await page.locator('#new-pin-again').fill('1357');
      await next('store');
      await page.locator('#store-name').fill('Kedai Aina');
      await page.locator('#cashiers').fill('Aina\nFarah');
      await next('finish');
      expect(await page.getByTestId('wizard-missing').count()).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
