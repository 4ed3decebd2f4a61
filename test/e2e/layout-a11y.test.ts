// The counter's quality bar in real Chromium, at the two screen sizes shops have (1024x768 and 1920x1080): nothing
// wider than the screen, the sale's controls in view, every button at least 44x44 px, a visible focus ring, every
// control reachable by Tab and named for screen readers, and text contrast that passes WCAG AA.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.ts';
import { counterReady, typeAmount, typePhone, MEMBERS, outcome, unlockManager } from './counter-page.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ viewport: { width: 1024, height: 768 } });
  await counterReady(app.page);
});
afterAll(async () => app?.close());

/** WCAG 2.x contrast of each visible text against the background it sits on (AA: 4.5, or 3 for large text). */
function contrastProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (text: string): [number, number, number, number] => {
      const parts = text.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]): number => {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
    };
    const background = (element: Element | null): [number, number, number, number] => {
      for (let node = element; node; node = node.parentElement) {
        const colour = rgb(getComputedStyle(node).backgroundColor);
        if (colour[3] > 0) return colour;
      }
      return [255, 255, 255, 1];
    };
    const problems: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && /\S/.test(node.textContent ?? ''));
      if (!ownText) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility === 'hidden' || box.width === 0 || box.height === 0) continue;
      if (element.closest('[aria-disabled=true], :disabled, .visually-hidden, input, textarea, select')) continue;
      const fg = luminance(rgb(style.color));
      const bg = luminance(background(element));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) problems.push(`${element.tagName.toLowerCase()}.${element.className} "${element.textContent?.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return problems;
  });
}

function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, select, input:not([type=checkbox]):not([type=radio]):not([type=file])')]
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && (box.width < 44 || box.height < 44))
      .map(({ element, box }) => `${element.tagName.toLowerCase()}#${element.id || element.textContent?.trim()} ${Math.round(box.width)}x${Math.round(box.height)}`),
  );
}

function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, input, select, textarea')]
      .filter((element) => {
        const labelled = element.getAttribute('aria-label') || element.getAttribute('aria-labelledby') || (element as HTMLInputElement).labels?.length;
        return !labelled && !(element.textContent ?? '').trim();
      })
      .map((element) => element.outerHTML.slice(0, 80)),
  );
}

function overflowsScreen(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

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
    for (const control of ['amount', 'mode-phone', 'mode-memberId', 'mode-qr', 'member-phone', 'receipt', 'confirm', 'nav-manager', 'cashier', 'language-ms']) {
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
