// Head office's History in real Chromium, against `kaunter hub serve` on a real PostgreSQL: its rows have a place column
// the counter's have not, and at 1280x800 and 1366x768 a 19-digit member ID and a long cashier's name still show whole
// beside it (at 1280 they were cut while the time's column had room to spare). At 1200 and 1024 px, too narrow for all
// of it on one line, each cell takes a second line of its row and every one is still whole (at 1024 the time, the
// amount, the points and the receipt were cut). Screenshots: test-output/screenshots/hub-history-long-cashier-*.png.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAward, transition } from '../../app/awards/transitions.ts';
import { addUser } from '../../hub/users.ts';
import { counterDb } from '../fixtures/counter-records.ts';
import { joinedPusher } from '../fixtures/hub-join.ts';
import { launchChromium, SCREENSHOT_DIR } from './harness.ts';
import { overflowsScreen } from './page-checks.ts';
import { PASSWORD, signIn, startHeadOffice, type HeadOffice } from './hub-page.ts';

const LONG_NAME = 'Nurul Aisyah binti Abdullah';
const MEMBER_ID = '6190354873541245329';
const OUTLET = 'Mid Valley';
const TERMINAL = 'Kaunter 1';

let office: HeadOffice;
let browser: Browser;

beforeAll(async () => {
  office = await startHeadOffice('hub_history_1280');
  const { db } = counterDb();
  const pusher = await joinedPusher(office, db, OUTLET, TERMINAL);
  const at = Date.UTC(2026, 10, 20, 4);
  const members = [
    { type: 'ID' as const, memberId: MEMBER_ID },
    { type: 'PHONENUMBER' as const, countryCode: '60', phoneNumber: '172826990' },
  ];
  for (const [index, member] of members.entries()) {
    const made = at + index * 60_000;
    const input = { id: randomUUID(), terminalId: TERMINAL, amountSen: 123_456, member, cashier: LONG_NAME, receiptRef: `INV-2026-00012${index}`, pointsPreview: 1234 };
    const { award } = createAward(db, input, 'cashier', made);
    transition(db, award.id, ['QUEUED'], { to: 'SENDING', actor: 'relay' }, made + 5);
    transition(db, award.id, ['SENDING'], { to: 'AWARDED', actor: 'relay' }, made + 900);
  }
  await pusher.pushPending();
  await addUser(office.pool, { name: 'Boss', role: 'head-office', password: PASSWORD }, 'test');
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await office?.close();
});

/**
 * "Column: text" of each cell of the list that is cut (its text wider than the cell, or more lines than it shows), and
 * "Column" of each column name that is.
 */
function cutCells(page: Page): Promise<string[]> {
  return page.getByTestId('history-list').evaluate((list) => {
    const isCut = (cell: Element) => cell.scrollWidth > cell.clientWidth || cell.scrollHeight > cell.clientHeight;
    const head = [...(list.parentElement?.querySelectorAll('.history-head > span') ?? [])];
    const columns = head.map((cell) => cell.textContent);
    const cutRows = [...list.querySelectorAll('[data-testid=history-row]')].flatMap((row) =>
      [...row.children].flatMap((cell, column) => (isCut(cell) ? [`${columns[column]}: ${cell.textContent}`] : [])),
    );
    return [...head.filter(isCut).map((cell) => cell.textContent), ...cutRows];
  });
}

async function history(width: number, height: number, locale?: string): Promise<Page> {
  const page = await signIn(browser, office, 'Boss', { width, height }, locale);
  await page.locator('[data-testid=totals-all][data-awards="2"]').waitFor();
  await page.getByTestId('history-row').nth(1).waitFor();
  return page;
}

const shot = (page: Page, where: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `hub-history-long-cashier-${where}.png`) });

describe("head office's History", () => {
  it.each([
    { width: 1280, height: 800 },
    { width: 1366, height: 768 },
  ])('at $width x $height shows every cell whole: a 19-digit member ID and a long cashier beside the place', async ({ width, height }) => {
    const page = await history(width, height);
    await shot(page, `${width}x${height}`);
    expect(await page.getByTestId('history-member').allInnerTexts()).toEqual(expect.arrayContaining([MEMBER_ID]));
    expect(await page.getByTestId('history-cashier').allInnerTexts()).toEqual([LONG_NAME, LONG_NAME]);
    expect(await cutCells(page)).toEqual([]);
    expect(await overflowsScreen(page)).toBe(false);
    await page.context().close();
  });

  it.each([
    { width: 1200, height: 800, locale: 'en-US' },
    { width: 1024, height: 768, locale: 'en-US' },
    { width: 1024, height: 768, locale: 'ms-MY' },
    { width: 1024, height: 768, locale: 'zh-CN' },
  ])('at $width x $height in $locale, with no room for every cell on one line, shows each one whole on up to two', async ({ width, height, locale }) => {
    const page = await history(width, height, locale);
    await shot(page, `${width}x${height}${locale === 'en-US' ? '' : `-${locale}`}`);
    expect(await page.getByTestId('history-cashier').allInnerTexts()).toEqual([LONG_NAME, LONG_NAME]);
    expect(await cutCells(page)).toEqual([]);
    expect(await overflowsScreen(page)).toBe(false);
    await page.context().close();
  });
});
