// A cashier's shift end to end, on the built UI in Chromium at 1024x768 with the keyboard only, against the training
// sandbox: Ben picks his name (ending Aina's open shift, after saying yes), awards one, one whose answer RM drops
// (unknown), one while RM is unreachable (queued), ends his shift and sees those figures (the history's own totals for
// his awards), prints and exports them; then the manager finds his shift and its awards in history.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_TOTALS } from '../../app/common/totals.ts';
import type { MethodOutput } from '../../app/contract.ts';
import { SHIFT_CSV_HEADER } from '../../app/shifts/export.ts';
import { MANAGER, startApp, type RunningApp } from './harness.ts';
import { counterReady, MEMBERS, outcome, previewShows, typeAmount, typePhone } from './counter-page.ts';
import { contrastProblems, headerCollisions, headerRows, overflowsScreen, smallTargets, unnamedControls } from './page-checks.ts';

type Summary = MethodOutput<'shift.summary'>;

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ viewport: { width: 1024, height: 768 } });
  await counterReady(app.page);
});
afterAll(async () => app?.close());

async function call<T>(method: Parameters<RunningApp['host']['core']['call']>[0], input: unknown = {}): Promise<T> {
  const answer = await app.host.core.call(method, input as never);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
  return answer.value as T;
}

/** Tab (forwards) until the element with this test id has the focus, as a keyboard user does. */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

/** What the history says of a shift's awards: the manager's totals for its filter, and its awards by state. */
async function historyFigures(summary: Summary): Promise<Summary['figures']> {
  await call('manager.unlock', { pin: MANAGER.pin });
  try {
    const totals = await call<MethodOutput<'history.totals'>>('history.totals', { filter: summary.historyFilter });
    const { cashier: _cashier, ...row } = totals.byCashier[0] ?? { cashier: '', ...NO_TOTALS };
    const count = async (states: string[]) => (await call<MethodOutput<'history.page'>>('history.page', { filter: { ...summary.historyFilter, states }, cursor: null, limit: 500 })).items.length;
    return { ...NO_TOTALS, ...row, waiting: await count(['QUEUED', 'SENDING']), unknown: await count(['UNKNOWN']) };
  } finally {
    await call('manager.lock');
  }
}

/** The parts of what prints that reach past the page's right edge, by their text. */
function outsideThePage(page: Page, printable: string): Promise<string[]> {
  return page.locator(printable).evaluate((element) =>
    [element, ...element.querySelectorAll('*')]
      .filter((part) => part.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((part) => part.textContent?.trim().slice(0, 40) ?? part.tagName),
  );
}

function screenFigure(page: Page, name: string): Promise<string> {
  return page.getByTestId(`shift-${name}`).innerText();
}

describe("a cashier's shift", () => {
  it('Ben picks his name, awards, ends his shift and sees, prints and exports its figures; the manager finds it', async () => {
    const { page } = app;
    const aina = await call<MethodOutput<'shift.current'>>('shift.current');
    expect(aina?.cashier).toBe('Aina');

    // Ben takes over: picking his name asks first, since it ends Aina's shift; Enter says yes.
    await tabTo(page, 'cashier');
    await page.keyboard.press('ArrowDown');
    await page.getByTestId('shift-switch').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('shift-switch-confirm');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=shift-bar]', { hasText: 'Ben, since' }).waitFor();
    const ben = await call<MethodOutput<'shift.current'>>('shift.current');
    expect(ben?.cashier).toBe('Ben');

    // Awarded; unknown (RM applies it and drops the answer); queued (RM unreachable).
    await typeAmount(page, '12.50');
    await typePhone(page, MEMBERS.nurul.phone);
    await previewShows(page, 12);
    await page.keyboard.press('Enter');
    await outcome(page, 'awarded');
    await page.keyboard.press('Escape');

    await typeAmount(page, '18.80');
    await typePhone(page, MEMBERS.weiMing.phone);
    await previewShows(page, 18);
    app.sandbox.setFault({ mode: 'apply-then-drop', path: '/v3/loyalty/spending-reward', count: 1 });
    await page.keyboard.press('Enter');
    await outcome(page, 'review');
    await page.keyboard.press('Escape');

    await app.sandbox.refuseConnections(true);
    await typeAmount(page, '6.50');
    await typePhone(page, MEMBERS.meiLing.phone);
    await page.getByTestId('confirm').focus();
    await page.keyboard.press('Enter');
    await outcome(page, 'queued');
    await page.keyboard.press('Escape');

    // End shift: the summary so far, in place of the sale, its heading focused.
    await tabTo(page, 'end-shift');
    await page.keyboard.press('Enter');
    await page.getByTestId('shift-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('shift-summary-title');
    await tabTo(page, 'shift-end-now');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=shift-summary][data-ended=true]').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe("Ben's shift has ended");

    const ended = await call<Summary>('shift.summary', { id: ben?.id });
    const expected = await historyFigures(ended);
    expect(expected).toMatchObject({ awards: 3, waiting: 1, unknown: 1 });
    expect(await screenFigure(page, 'awards')).toBe(`${expected.awards} (${expected.awardedAwards} awarded)`);
    expect((await screenFigure(page, 'amount')).replace(/\s/g, '')).toBe(`RM${(expected.awardedAmountSen / 100).toFixed(2)}`);
    expect(await screenFigure(page, 'points')).toBe(String(expected.points));
    expect(await screenFigure(page, 'waiting')).toBe(String(expected.waiting));
    expect(await screenFigure(page, 'unknown')).toBe(String(expected.unknown));
    expect(await overflowsScreen(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    expect(await unnamedControls(page)).toEqual([]);
    expect(await contrastProblems(page)).toEqual([]);
    await app.screenshot('shift-summary-ended');

    // Print: the page's own print; on paper only the summary shows, and nothing of the screen around it.
    await page.evaluate(() => {
      const print = window.print.bind(window);
      window.print = () => {
        document.body.dataset.printed = String(Number(document.body.dataset.printed ?? 0) + 1);
        print();
      };
    });
    await tabTo(page, 'shift-print');
    await page.keyboard.press('Enter');
    await page.locator('body[data-printed="1"]').waitFor();
    await page.emulateMedia({ media: 'print' });
    const visibility = (selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element).visibility);
    expect(await visibility('.shift-print')).toBe('visible');
    expect(await visibility('[data-testid=shift-awards]')).toBe('visible');
    for (const hidden of ['header.status-bar', '[data-testid=shift-print]', '.training-banner']) expect(await visibility(hidden), hidden).toBe('hidden');
    await app.screenshot('shift-summary-print');
    // On a receipt roll the page is the roll's printable width (72 mm of an 80 mm roll, 48 mm of a 58 mm one, at 96 px an
    // inch): everything of the summary stays within it.
    for (const [roll, widthPx] of [['80 mm', 272], ['58 mm', 182]] as const) {
      await page.setViewportSize({ width: widthPx, height: 768 });
      expect(await outsideThePage(page, '.shift-print'), roll).toEqual([]);
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.emulateMedia({ media: 'screen' });

    // Export: one CSV row, the same figures.
    await tabTo(page, 'shift-export');
    await page.keyboard.press('Enter');
    const saved = page.getByTestId('export-saved');
    await saved.waitFor();
    const path = (await saved.getAttribute('data-path')) ?? '';
    expect(path.startsWith(app.downloadsDir)).toBe(true);
    const [row] = parse<Record<string, string>>(readFileSync(path), { bom: true, columns: true });
    expect(Object.keys(row ?? {})).toEqual(SHIFT_CSV_HEADER);
    expect(row).toMatchObject({
      Cashier: 'Ben',
      Awards: String(expected.awards),
      Awarded: String(expected.awardedAwards),
      'Amount awarded (RM)': (expected.awardedAmountSen / 100).toFixed(2),
      Points: String(expected.points),
      'Waiting to be sent': String(expected.waiting),
      'Needs review': String(expected.unknown),
    });

    // Done: the counter, waiting for the next name, which the header has room to ask for in every language.
    await tabTo(page, 'shift-close');
    await page.keyboard.press('Enter');
    await counterReady(page);
    expect(await page.getByTestId('cashier').inputValue()).toBe('');
    expect(await call('shift.current')).toBeNull();
    for (const language of ['ms', 'zh', 'en']) {
      await page.getByTestId(`language-${language}`).click();
      expect(await headerRows(page), language).toBe(1);
      expect(await headerCollisions(page), language).toEqual([]);
    }
    // Tabbed to on the compact header, the picker keeps the red edge that asks for a name (--bad) beside its ring.
    await tabTo(page, 'cashier');
    const picker = page.getByTestId('cashier');
    const looks = await picker.evaluate((select) => ({
      focused: select.matches(':focus-visible'),
      compact: select.closest('.status-bar-compact') !== null,
      shadow: getComputedStyle(select).boxShadow,
    }));
    expect(looks).toMatchObject({ focused: true, compact: true });
    expect(looks.shadow).toContain('rgb(185, 28, 28)');
    await app.screenshot('shift-ended-picker-focused');
    await picker.blur();

    // The manager: Shifts, Ben's on top with the same figures; its awards in the history, and only those.
    await tabTo(page, 'nav-manager');
    await page.keyboard.press('Enter');
    await page.locator('#pin').focus();
    await page.keyboard.type(MANAGER.pin);
    await page.keyboard.press('Enter');
    await page.getByTestId('tab-history').waitFor();
    await tabTo(page, 'tab-history');
    await page.keyboard.press('ArrowRight');
    const first = page.getByTestId('shift-row').first();
    await first.waitFor();
    expect(await first.locator('th').innerText()).toBe('Ben');
    expect(await first.locator('[data-figure=awards]').innerText()).toContain(String(expected.awards));
    expect(await first.locator('[data-figure=waiting]').innerText()).toBe(String(expected.waiting));
    expect(await page.getByTestId('shift-row').nth(1).locator('th').innerText()).toBe('Aina');
    expect(await overflowsScreen(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    await app.screenshot('manager-shifts');
    await tabTo(page, 'shift-show-awards');
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.querySelector('th')?.textContent)).toBe('Ben');
    await page.keyboard.press('Enter');
    await page.getByTestId('history-shift-scope').waitFor();
    await page.locator(`[data-testid=totals-all][data-awards="${expected.awards}"]`).waitFor();
    // The history row's fourth column is its cashier.
    expect(await page.locator('[data-testid=history-row] > span:nth-child(4)').allInnerTexts()).toEqual(Array<string>(expected.awards).fill('Ben'));
    await app.screenshot('manager-history-shift');
    await app.sandbox.refuseConnections(false);
  });
});
