// What every screen (and every wizard step, which has no status bar) must pass before it is photographed, and the
// photograph itself.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { browserWordedControls, contrastProblems, headerCollisions, headerRows, overflowsScreen, smallTargets, unnamedControls } from './page-checks.ts';
import { SHOTS } from './screen-sizes.ts';

export { DISPLAY_SIZES, EVERY_SCREEN, SCREENSHOT_DIR, SHOTS } from './screen-sizes.ts';

export async function shot(page: Page, name: string, where: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}-${where}.png`) });
}

/** What every screen must pass. */
export async function checkScreen(page: Page, what: string): Promise<void> {
  expect(await headerRows(page), `${what}: header rows`).toBe(1);
  expect(await headerCollisions(page), `${what}: header`).toEqual([]);
  await checkStep(page, what);
}

/** The wizard has no status bar: the rest of checkScreen. */
export async function checkStep(page: Page, what: string): Promise<void> {
  expect(await overflowsScreen(page), `${what}: wider than the screen`).toBe(false);
  expect(await smallTargets(page), `${what}: small targets`).toEqual([]);
  expect(await unnamedControls(page), `${what}: unnamed controls`).toEqual([]);
  expect(await contrastProblems(page), `${what}: contrast`).toEqual([]);
  expect(await browserWordedControls(page), `${what}: words in the browser's language`).toEqual([]);
}
