// Head office's filters and charts in real Chromium against `kaunter hub serve` on a real PostgreSQL: November's dates
// typed in History stay when an outlet is chosen; with every outlet a terminal is named with its outlet; the export is
// named after November; the by-day chart shows every day of November (quiet days as zero) and a long outlet name whole;
// and an empty sign-in is asked for in plain words. Screenshots at 1366x768: test-output/screenshots/hub-filters-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../hub/users.ts';
import { shopDayStartMs } from '../../app/common/shop-time.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedPusher } from '../fixtures/hub-join.ts';
import { launchChromium, SCREENSHOT_DIR } from './harness.ts';
import { PASSWORD, signIn, startHeadOffice, type HeadOffice } from './hub-page.ts';

const AEON = 'Aeon Mall Tebrau City 永旺百货';
const LONG_TERMINAL = 'Kaunter Utama Depan 1';
/** Days of November (and October) each terminal awarded on, one award a day at noon. */
const PLACES = [
  { outlet: 'Mid Valley', terminal: 'Kaunter 1', november: [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29], october: [10, 11, 12] },
  { outlet: AEON, terminal: LONG_TERMINAL, november: [2, 4, 6], october: [20, 21] },
  { outlet: AEON, terminal: 'Kaunter 1', november: [1, 30], october: [] },
];
const VIEWPORT = { width: 1366, height: 768 };

let office: HeadOffice;
let browser: Browser;

beforeAll(async () => {
  office = await startHeadOffice('hub_filters');
  for (const place of PLACES) {
    const { db } = counterDb();
    const pusher = await joinedPusher(office, db, place.outlet, place.terminal);
    const noon = (month: number, day: number) => shopDayStartMs(2026, month, day) + 12 * 3_600_000;
    for (const day of place.october) award(db, place.terminal, 'AWARDED', noon(10, day), 2_000);
    for (const day of place.november) award(db, place.terminal, 'AWARDED', noon(11, day), 1_000 + day * 10);
    await pusher.pushPending();
  }
  await addUser(office.pool, { name: 'Boss', role: 'head-office', password: PASSWORD }, 'test');
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await office?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `hub-filters-${name}.png`), fullPage: false });
const awards = (page: Page) => page.getByTestId('totals-all').getAttribute('data-awards');
const inNovember = (outlet?: string, terminal?: string) =>
  PLACES.filter((place) => (!outlet || place.outlet === outlet) && (!terminal || place.terminal === terminal)).reduce((sum, place) => sum + place.november.length, 0);

async function typeNovember(page: Page): Promise<void> {
  await page.getByTestId('filter-from').fill('01/11/2026');
  await page.getByTestId('filter-to').fill('30/11/2026');
  await page.getByTestId('filter-apply').click();
}

describe('head office filters and charts', () => {
  it('an empty sign-in is asked for in plain words', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(office.hub.url);
    await page.getByTestId('hub-sign-in').click();
    await expect.poll(() => page.getByText('Type your name and password.').count()).toBe(1);
    expect(await page.getByText('Too small').count()).toBe(0);
    await shot(page, 'sign-in-empty');
    await page.close();
  });

  it('History keeps the typed dates when the outlet changes; with every outlet, terminals are named with their outlet', async () => {
    const page = await signIn(browser, office, 'Boss', VIEWPORT);
    await expect.poll(() => awards(page)).toBe(String(PLACES.reduce((sum, place) => sum + place.november.length + place.october.length, 0)));
    await typeNovember(page);
    await expect.poll(() => awards(page)).toBe(String(inNovember()));

    await page.getByTestId('filter-outlet').selectOption('Mid Valley');
    await expect.poll(() => awards(page)).toBe(String(inNovember('Mid Valley')));
    expect(await page.getByTestId('filter-from').inputValue()).toBe('01/11/2026');
    expect(await page.getByTestId('filter-to').inputValue()).toBe('30/11/2026');
    expect((await page.getByTestId('filter-terminal').locator('option').allTextContents()).slice(1)).toEqual(['Kaunter 1']);
    await shot(page, 'history-outlet-kept-dates');

    // Every outlet: "Kaunter 1" twice, each with its outlet, and choosing one is that outlet's terminal only.
    await page.getByTestId('filter-outlet').selectOption('');
    await expect.poll(async () => (await page.getByTestId('filter-terminal').locator('option').allTextContents()).slice(1).sort()).toEqual(
      PLACES.map((place) => `${place.outlet} / ${place.terminal}`).sort(),
    );
    await page.getByTestId('filter-terminal').selectOption({ label: `${AEON} / Kaunter 1` });
    await expect.poll(() => awards(page)).toBe(String(inNovember(AEON, 'Kaunter 1')));
    expect(await page.getByTestId('filter-outlet').inputValue()).toBe(AEON);
    expect(await page.getByTestId('filter-from').inputValue()).toBe('01/11/2026');
    await shot(page, 'history-terminal-of-outlet');

    // The export is named after the filter's days, and its two terminal columns apart.
    await page.getByTestId('filter-outlet').selectOption('');
    await expect.poll(() => awards(page)).toBe(String(inNovember()));
    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('kaunter-awards-2026-11-01-to-2026-11-30.csv');
    const rows = parse<Record<string, string>>(readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, ''), { columns: true });
    expect(rows).toHaveLength(inNovember());
    expect(new Set(rows.map((row) => row.Terminal))).toEqual(new Set(['Kaunter 1', LONG_TERMINAL]));
    expect(rows.every((row) => row['Terminal ID'] !== undefined && row['Terminal ID'] !== '')).toBe(true);
    await page.context().close();
  });

  it('the by-day chart shows every day of November, quiet days as zero, and long names whole', async () => {
    const page = await signIn(browser, office, 'Boss', VIEWPORT);
    await page.getByTestId('hub-tab-charts').click();
    await typeNovember(page);
    const dayChart = page.getByTestId('chart-day');
    await expect.poll(() => dayChart.getByTestId('chart-bar').count()).toBe(30);
    const labels = await dayChart.locator('.hub-chart-label').allTextContents();
    expect([labels[0], labels.at(-1)]).toEqual(['Sun 01/11/2026', 'Mon 30/11/2026']);
    expect(await page.getByTestId('chart-days').innerText()).toBe('Every day from 01/11/2026 to 30/11/2026.');
    // 8 November: nobody awarded, so a zero bar rather than no day at all.
    const eighth = dayChart.getByTestId('chart-bar').nth(7);
    expect(await eighth.locator('.hub-chart-label').textContent()).toBe('Sun 08/11/2026');
    expect((await eighth.locator('.hub-chart-value').textContent())?.replace(/\s/g, ' ')).toBe('RM 0.00');
    await shot(page, 'charts-days');

    // The longest terminal label is whole, and starts inside the chart.
    const terminalChart = page.getByTestId('chart-terminal');
    const long = terminalChart.locator('.hub-chart-label', { hasText: LONG_TERMINAL });
    expect(await long.textContent()).toBe(`${AEON} / ${LONG_TERMINAL}`);
    const [labelBox, chartBox] = await Promise.all([long.boundingBox(), terminalChart.locator('svg').boundingBox()]);
    expect(labelBox!.x).toBeGreaterThanOrEqual(chartBox!.x);
    expect(await terminalChart.getByTestId('chart-bar').filter({ hasText: LONG_TERMINAL }).locator('title').textContent()).toMatch(new RegExp(`^${AEON} / ${LONG_TERMINAL}: RM`));
    await terminalChart.scrollIntoViewIfNeeded();
    await shot(page, 'charts-terminals');
    await page.context().close();
  });
});
