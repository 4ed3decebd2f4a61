// The counter's header closes up (count pills to icon and number, the shop's name over the cashier) exactly when its
// full words do not fit the row: measured in real Chromium, not read off pixel widths per language. A long shop name
// beside Malay at 1440 px goes compact instead of a pill lying over the name; a short one keeps its full words where
// they fit; and on the very edge of fitting the row does not flicker between the two. Screenshots go to
// test-output/screenshots/screens/status-bar-fit-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterReady } from './counter-page.ts';
import { MANAGER, startApp, type RunningApp } from './harness.ts';
import { checkScreen, shot } from './screen-checks.ts';

/** As long as Settings lets a shop's name be (60 characters). */
const LONG_NAME = 'Kedai Runcit dan Borong Aina Binti Abdullah, Taman Melawati';
const SHORT_NAME = 'Aina';
/** A long cashier's name on the list beside short ones. */
const LONG_CASHIER = 'Nurul Aisyah binti Abdullah';
/** Long enough for a loop between the two forms to show in the frames painted. */
const STABLE_MS = 500;

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
  await counterReady(app.page);
});
afterAll(async () => app?.close());

/** The shop's name or cashiers saved as a manager saves them, the counter reloaded to show them. */
async function saveAsManager(page: Page, change: { storeName?: string; cashiers?: string[] }): Promise<void> {
  const saved = await page.evaluate(
    async ({ pin, patch }) => {
      const api = window.kaunter;
      await api.manager.unlock({ pin });
      const result = await api.settings.update(patch);
      await api.manager.lock({});
      return result.ok;
    },
    { pin: MANAGER.pin, patch: change },
  );
  expect(saved).toBe(true);
  await page.reload();
  await counterReady(page);
  await page.locator('[data-testid=scanner][data-state=connected]').waitFor();
}

/** A cashier picked in the header, with the yes that ends the open shift. */
async function pickCashier(page: Page, name: string): Promise<void> {
  await page.getByTestId('cashier').selectOption(name);
  await page.getByTestId('shift-switch-confirm').click();
  await expect.poll(() => page.getByTestId('cashier').inputValue()).toBe(name);
}

function pickerWidth(page: Page): Promise<number> {
  return page.getByTestId('cashier').evaluate((select) => select.getBoundingClientRect().width);
}

async function chooseLanguage(page: Page, language: string): Promise<void> {
  await page.getByTestId(`language-${language}`).click();
  await page.locator(`[data-testid=language-${language}][aria-pressed=true]`).waitFor();
}

function isCompact(page: Page): Promise<boolean> {
  return page.locator('header.status-bar').evaluate((header) => header.classList.contains('status-bar-compact'));
}

/**
 * The header's form (compact or not) in every frame the browser paints from before `change` to STABLE_MS after it,
 * read just after each paint. A row that loops between its forms shows both, more than once.
 */
async function paintedForms(page: Page, change: () => Promise<void>): Promise<boolean[]> {
  const sampler = await page.locator('header.status-bar').evaluateHandle((header) => {
    const state = { forms: [] as boolean[], running: true };
    const frame = () =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          state.forms.push(header.classList.contains('status-bar-compact'));
          if (state.running) frame();
        }),
      );
    frame();
    return state;
  });
  await page.waitForFunction((state) => state.forms.length > 0, sampler);
  await change();
  const forms = await sampler.evaluate(
    (state, ms) =>
      new Promise<boolean[]>((done) =>
        setTimeout(() => {
          state.running = false;
          done(state.forms);
        }, ms),
      ),
    STABLE_MS,
  );
  await sampler.dispose();
  return forms;
}

/** Each run of the same form once: [false, true] is one change, [false, true, false] a flicker. */
function changes(forms: boolean[]): boolean[] {
  return forms.filter((form, index) => index === 0 || form !== forms[index - 1]);
}

/**
 * How wide the full row needs the window to be, read from the full row on a wide window: all of it, less the room the
 * pills' area grew into beyond the pills.
 */
function fullRowNeeds(page: Page): Promise<number> {
  return page.locator('header.status-bar').evaluate((header) => {
    const pills = [...header.querySelectorAll('.status-pills > *')].map((pill) => pill.getBoundingClientRect());
    const area = header.querySelector('.status-pills-area')?.getBoundingClientRect();
    if (!area || pills.length === 0) throw new Error('no pills in the header');
    const pillsWidth = Math.max(...pills.map((box) => box.right)) - Math.min(...pills.map((box) => box.left));
    return header.getBoundingClientRect().width - (area.width - pillsWidth);
  });
}

describe('a long shop name', () => {
  beforeAll(async () => saveAsManager(app.page, { storeName: LONG_NAME }));

  it('beside Malay at 1440 px, the row goes compact rather than a pill lying over the name', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1440, height: 800 });
    await chooseLanguage(page, 'ms');
    await checkScreen(page, 'long shop name ms-1440x800');
    expect(await isCompact(page)).toBe(true);
    expect(await page.locator('.store-name').getAttribute('title')).toBe(LONG_NAME);
    await shot(page, 'status-bar-fit-long-name', 'ms-1440x800');
  });

  it('beside English at 1440 px, where the full words fit, the row keeps them', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1440, height: 800 });
    await chooseLanguage(page, 'en');
    expect(await isCompact(page)).toBe(false);
    await checkScreen(page, 'long shop name en-1440x800');
  });
});

describe('a short shop name', () => {
  beforeAll(async () => saveAsManager(app.page, { storeName: SHORT_NAME }));

  it.each([
    { language: 'en', width: 1200 },
    { language: 'zh', width: 1024 },
  ])('in $language at $width px, where the full words fit, the row keeps them', async ({ language, width }) => {
    const { page } = app;
    await page.setViewportSize({ width, height: 768 });
    await chooseLanguage(page, language);
    expect(await isCompact(page)).toBe(false);
    expect(await page.getByTestId('unknown').getByTestId('pill-label').isVisible()).toBe(true);
    await checkScreen(page, `short shop name ${language}-${width}x768`);
    await shot(page, 'status-bar-fit-short-name', `${language}-${width}x768`);
  });
});

describe('on the edge of fitting', () => {
  beforeAll(async () => saveAsManager(app.page, { storeName: 'Kedai Runcit Aina' }));

  it('the row goes compact a pixel short of its full words and full a pixel past them, painting neither twice', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1920, height: 800 });
    await chooseLanguage(page, 'ms');
    expect(await isCompact(page)).toBe(false);
    const needs = await fullRowNeeds(page);
    const short = Math.floor(needs) - 1;
    const enough = Math.ceil(needs) + 1;
    const resize = (width: number) => () => page.setViewportSize({ width, height: 800 });

    expect(changes(await paintedForms(page, resize(short)))).toEqual([false, true]);
    await checkScreen(page, `ms-${short}x800, a pixel short`);
    // Still short of the full row's width: no new try at full words, so no frame of them.
    expect(changes(await paintedForms(page, resize(short + 1)))).toEqual([true]);
    expect(changes(await paintedForms(page, resize(enough)))).toEqual([true, false]);
    await checkScreen(page, `ms-${enough}x800, a pixel past`);
    expect(changes(await paintedForms(page, resize(short)))).toEqual([false, true]);
  });

  it('the row measures again when its words change: a change of language, with no resize', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 800 });
    await chooseLanguage(page, 'en');
    expect(await isCompact(page)).toBe(false);
    expect(changes(await paintedForms(page, () => chooseLanguage(page, 'ms')))).toEqual([false, true]);
    await checkScreen(page, 'ms-1366x800 after English');
    expect(changes(await paintedForms(page, () => chooseLanguage(page, 'en')))).toEqual([true, false]);
    await checkScreen(page, 'en-1366x800 after Malay');
  });
});

describe("a cashier's name", () => {
  beforeAll(async () => {
    await saveAsManager(app.page, { storeName: 'Kedai Runcit Aina', cashiers: ['Aina', 'Ben', LONG_CASHIER] });
  });

  it('the picker is as wide as the name chosen, not as the longest name on the list', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1440, height: 800 });
    await chooseLanguage(page, 'en');
    expect(await page.getByTestId('cashier').inputValue()).toBe('Aina');
    const short = await pickerWidth(page);
    await pickCashier(page, LONG_CASHIER);
    const long = await pickerWidth(page);
    await checkScreen(page, 'long cashier en-1440x800');
    await shot(page, 'status-bar-fit-long-cashier', 'en-1440x800');
    await pickCashier(page, 'Aina');
    expect(await pickerWidth(page)).toBe(short);
    // "Aina" against 27 characters: well over 100 px apart at the picker's 16 px type.
    expect(long - short).toBeGreaterThan(100);
  });

  it("on a compact row, the focused picker's ring does not cover the shop's name above it", async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await chooseLanguage(page, 'en');
    await pickCashier(page, 'Ben');
    try {
      expect(await isCompact(page)).toBe(true);
      await expect.poll(() => page.getByTestId('cashier').evaluate((select) => select.matches(':focus-visible'))).toBe(true);
      const ring = await page.locator('header.status-bar').evaluate((header) => {
        const select = header.querySelector('[data-testid=cashier]');
        const name = header.querySelector('.store-name');
        if (!select || !name) throw new Error('no picker or shop name in the header');
        const style = getComputedStyle(select);
        const outline = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
        // "color x y blur spread": the ring's spread is the last length.
        const shadow = style.boxShadow === 'none' ? 0 : parseFloat(style.boxShadow.trim().split(/\s+/).at(-1) ?? '0');
        const ringTop = select.getBoundingClientRect().top - Math.max(outline, shadow, 0);
        return { shown: style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) : 0, gap: ringTop - name.getBoundingClientRect().bottom };
      });
      await shot(page, 'status-bar-fit-picker-focused', 'en-1024x768');
      // Still a ring to see, and clear of the name.
      expect(ring.shown).toBeGreaterThanOrEqual(2);
      expect(ring.gap).toBeGreaterThanOrEqual(0);
    } finally {
      await pickCashier(page, 'Aina');
    }
  });

  it('the row measures again when the cashier changes, with no resize', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1920, height: 800 });
    await chooseLanguage(page, 'ms');
    const needsShort = await fullRowNeeds(page);
    await pickCashier(page, LONG_CASHIER);
    const needsLong = await fullRowNeeds(page);
    await pickCashier(page, 'Aina');
    // Wide enough for the row with "Aina", too narrow with the long name, and past the 1200 px the picker widens at.
    const width = Math.ceil(needsShort) + 1;
    expect(width).toBeGreaterThan(1200);
    expect(width).toBeLessThan(needsLong);
    await page.setViewportSize({ width, height: 800 });
    expect(await isCompact(page)).toBe(false);

    expect(changes(await paintedForms(page, () => pickCashier(page, LONG_CASHIER)))).toEqual([false, true]);
    await checkScreen(page, `ms-${width}x800, the long name picked`);
    expect(changes(await paintedForms(page, () => pickCashier(page, 'Aina')))).toEqual([true, false]);
    await checkScreen(page, `ms-${width}x800, back to Aina`);
  });
});
