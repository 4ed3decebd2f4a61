// The counter's quality bar in real Chromium, at the two screen sizes shops have (1024x768 and 1920x1080): nothing
// wider than the screen, the sale's controls in view, every button at least 44x44 px, a visible focus ring, every
// control reachable by Tab and named for screen readers, and text contrast that passes WCAG AA.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.ts';
import { counterReady, typeAmount, typePhone, MEMBERS, outcome, unlockManager } from './counter-page.ts';
import { contrastProblems, overflowsScreen, smallTargets, unnamedControls } from './page-checks.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ viewport: { width: 1024, height: 768 } });
  await counterReady(app.page);
});
afterAll(async () => app?.close());

describe.each([
  { width: 1024, height: 768 },
  { width: 1920, height: 1080 },
])('at $width x $height', (viewport) => {
  it('the counter fits, its sale controls are in view, and it passes the target, name and contrast checks', async () => {
    const { page } = app;
    await page.setViewportSize(viewport);
    await page.keyboard.press('Escape');
    await typeAmount(page, '8.80');
    await typePhone(page, MEMBERS.muthu.phone);
    await page.getByTestId('preview-member').waitFor();
    expect(await overflowsScreen(page)).toBe(false);
    for (const selector of ['#amount', '#member-phone', '[data-testid=confirm]']) {
      const box = await page.locator(selector).boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= viewport.height, `${selector} in view`).toBe(true);
    }
    expect(await smallTargets(page)).toEqual([]);
    expect(await unnamedControls(page)).toEqual([]);
    expect(await contrastProblems(page)).toEqual([]);
    await app.screenshot(`counter-${viewport.width}x${viewport.height}`);

    await page.keyboard.press('Enter');
    await outcome(page, 'awarded');
    expect(await contrastProblems(page)).toEqual([]);
  });
});

describe('touch', () => {
  it('at 1024x768, where the pills show only icons and counts, a tap on one says its words under the bar', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.keyboard.press('Escape');
    // The header measures itself when the window changes width, and closes up where its full words do not fit.
    await page.locator('header.status-bar-compact').waitFor();
    const unknown = page.getByTestId('unknown');
    expect(await unknown.getByTestId('pill-label').isVisible()).toBe(false);
    const count = await unknown.getAttribute('data-count');
    const sale = async () => Promise.all(['#amount', '[data-testid=confirm]'].map((selector) => page.locator(selector).boundingBox()));
    const before = await sale();
    // A click stands in for the tap (the same click event on a touch screen); only a pill with nothing to do says words.
    const words = page.getByTestId('pill-words');
    /** The words start under the tapped pill, unless that would take them past the window's right edge (8 px kept). */
    const underPill = async (testId: string) => {
      const [pill, bubble] = await Promise.all([page.getByTestId(testId).boundingBox(), words.boundingBox()]);
      expect(pill && bubble, testId).toBeTruthy();
      const right = bubble!.x + bubble!.width;
      expect(right, testId).toBeLessThanOrEqual(1024 - 8 + 0.5);
      if (Math.abs(right - (1024 - 8)) > 0.5) expect(bubble!.x, testId).toBeCloseTo(pill!.x, 0);
      expect(bubble!.y, testId).toBeGreaterThan(pill!.y + pill!.height);
      expect(bubble!.y + bubble!.height, testId).toBeLessThanOrEqual(768);
    };
    await page.getByTestId('scanner').click();
    expect(await words.innerText()).toMatch(/^Scanner ready: /);
    await underPill('scanner');
    if (count === '0') {
      await unknown.click();
      expect(await words.innerText()).toBe('0 to review');
      await underPill('unknown');
    }
    // Laid over the screen: nothing under the cashier's finger moved.
    expect(await sale()).toEqual(before);
    expect(await contrastProblems(page)).toEqual([]);
    await app.screenshot('counter-pill-words-1024x768');
  });
});

describe('the awarded panel at 1024x768', () => {
  /**
   * Every label and figure of the panel (its box and the text in it) that reaches past the panel's inner edge or the
   * screen's, and any figure shrunk below 16 px; [] when the cashier can read them all.
   */
  const figuresOutside = (page: RunningApp['page']) =>
    page.evaluate(() => {
      const panel = document.querySelector<HTMLElement>('[data-testid=outcome]');
      if (!panel) return ['no outcome panel'];
      const outer = panel.getBoundingClientRect();
      const inner = { left: outer.left + panel.clientLeft, top: outer.top + panel.clientTop, right: outer.left + panel.clientLeft + panel.clientWidth, bottom: outer.top + panel.clientTop + panel.clientHeight };
      const problems: string[] = [];
      const figures = [...panel.querySelectorAll<HTMLElement>('.outcome-points dt, .outcome-points dd')];
      if (figures.length !== 6) problems.push(`${figures.length} labels and figures, not 6`);
      for (const element of figures) {
        const text = document.createRange();
        text.selectNodeContents(element);
        for (const [what, box] of [['box', element.getBoundingClientRect()], ['text', text.getBoundingClientRect()]] as const) {
          const name = `${element.tagName} "${element.innerText}" ${what}`;
          if (box.left < inner.left - 0.5 || box.right > inner.right + 0.5 || box.top < inner.top - 0.5 || box.bottom > inner.bottom + 0.5) {
            problems.push(`${name} [${Math.round(box.left)}..${Math.round(box.right)}] outside the panel [${Math.round(inner.left)}..${Math.round(inner.right)}]`);
          }
          if (box.left < 0 || box.right > innerWidth + 0.5 || box.bottom > innerHeight + 0.5) problems.push(`${name} off the screen (right ${Math.round(box.right)})`);
        }
        if (element.tagName === 'DD' && parseFloat(getComputedStyle(element).fontSize) < 16) problems.push(`${element.innerText} shrunk to ${getComputedStyle(element).fontSize}`);
      }
      return problems;
    });

  // A sale of RM 9,999.99 and of RM 99,999.99 puts 5- and 6-digit balances beside the longest labels (Malay's "Baki
  // baharu"): at 1024 px the three figures in one row ran past the panel and off the screen.
  it.each([
    { language: 'en', amount: '9999.99', member: MEMBERS.siti, sale: 'RM 9,999.99' },
    { language: 'ms', amount: '99999.99', member: MEMBERS.siti, sale: 'RM 99,999.99' },
    { language: 'zh', amount: '99999.99', member: MEMBERS.meiLing, sale: 'RM 99,999.99' },
  ])('in $language, a sale of $sale: every label and figure inside the panel and the screen', async ({ language, amount, member, sale }) => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.keyboard.press('Escape');
    await page.getByTestId(`language-${language}`).click();
    try {
      await typeAmount(page, amount);
      await typePhone(page, member.phone);
      await page.getByTestId('preview-member').waitFor();
      await page.keyboard.press('Enter');
      expect(await outcome(page, 'awarded')).toContain(sale);
      const balance = page.getByTestId('outcome-balance');
      await balance.filter({ hasNotText: '…' }).waitFor();
      expect(await balance.innerText()).toMatch(/^\d{1,3},\d{3}$/);
      expect(await figuresOutside(page)).toEqual([]);
      expect(await overflowsScreen(page)).toBe(false);
      await app.screenshot(`counter-awarded-large-${language}-1024x768`);
    } finally {
      await page.getByTestId('language-en').click();
    }
  });
});

describe('keyboard', () => {
  it('reaches every control of the counter by Tab, each with a visible focus ring', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.keyboard.press('Escape');
    const seen = new Set<string>();
    for (let index = 0; index < 30; index += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        return { id: element.id || element.dataset.testid || element.textContent?.trim() || element.tagName, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
      });
      if (!focused) continue;
      expect(focused.ring, `focus ring on ${focused.id}`).toBe(true);
      seen.add(focused.id);
    }
    for (const control of ['amount', 'mode-phone', 'mode-memberId', 'mode-qr', 'member-phone', 'receipt', 'confirm', 'end-shift', 'nav-manager', 'cashier-picker', 'language-ms']) {
      expect(seen, control).toContain(control);
    }
  });

  it('the manager screens pass the same checks', async () => {
    const { page } = app;
    await unlockManager(page);
    await page.getByTestId('history-row').first().waitFor();
    expect(await overflowsScreen(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    expect(await unnamedControls(page)).toEqual([]);
    expect(await contrastProblems(page)).toEqual([]);
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('store-save').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    expect(await unnamedControls(page)).toEqual([]);
    expect(await contrastProblems(page)).toEqual([]);
    await app.screenshot('manager-settings');
  });
});
