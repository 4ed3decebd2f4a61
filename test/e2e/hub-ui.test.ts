// Head office in real Chromium against `kaunter hub serve` (a real process on a real PostgreSQL): sign-in, history
// across outlets, charts drawn, filters, the CSV export parsed back, a review decision that waits for its counter, and
// an outlet manager's restricted view. Screenshots go to test-output/screenshots/hub-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../app/sync/hub-client.ts';
import { linkToHub } from '../../app/store/hub-sync.ts';
import { linkOf } from '../../app/sync/outgoing.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { migrate } from '../../hub/db/migrate.ts';
import { openPool, type Pool } from '../../hub/db/pool.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { addUser } from '../../hub/users.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { startHubProcess, type HubProcess } from '../fixtures/hub-process.ts';
import { createTestDatabase, startEmbeddedPostgres, type TestPostgres } from '../fixtures/postgres.ts';
import { launchChromium, SCREENSHOT_DIR } from './harness.ts';

const PASSWORD = 'correct horse battery';
let postgres: TestPostgres;
let pool: Pool;
let hub: HubProcess;
let browser: Browser;
const awardsPerOutlet: Record<string, number> = {};

beforeAll(async () => {
  postgres = await startEmbeddedPostgres();
  const database = await createTestDatabase(postgres.url, 'hub_ui');
  pool = openPool(database, 2);
  await migrate(pool);
  hub = await startHubProcess(database);
  const day = Date.UTC(2026, 10, 20, 2);
  for (const [outlet, count] of [['Bangsar', 7], ['Klang', 4]] as const) {
    for (const terminal of ['Till 1', 'Till 2']) {
      const enrolment = await enrolTerminal(pool, outlet, terminal, 'test');
      const joined = await new HubClient(hub.url, null).join(enrolment.code);
      if (joined.kind !== 'ok') throw new Error(joined.message);
      const { db } = counterDb();
      linkToHub(db, linkOf(hub.url, joined.value, 0));
      for (let i = 0; i < count; i += 1) award(db, terminal, i === 0 && terminal === 'Till 1' ? 'UNKNOWN' : 'AWARDED', day - i * 86_400_000 + i * 60_000, 1_000 + i * 250, i);
      await new HubPusher({ db, client: new HubClient(hub.url, joined.value.credential) }).pushPending();
      awardsPerOutlet[outlet] = (awardsPerOutlet[outlet] ?? 0) + count;
    }
  }
  await addUser(pool, { name: 'Boss', role: 'head-office', password: PASSWORD }, 'test');
  await addUser(pool, { name: 'Siti', role: 'outlet-manager', outlet: 'Klang', password: PASSWORD }, 'test');
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await pool?.end();
  await postgres?.stop();
});

async function signIn(name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(hub.url);
  await page.getByTestId('hub-name').fill(name);
  await page.getByTestId('hub-password').fill(PASSWORD);
  await page.getByTestId('hub-sign-in').click();
  await page.getByTestId('hub-user').waitFor();
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `hub-${name}.png`), fullPage: true });

describe('head office in the browser', () => {
  it('a wrong password is refused on the page', async () => {
    const page = await browser.newPage();
    await page.goto(hub.url);
    await page.getByTestId('hub-name').fill('Boss');
    await page.getByTestId('hub-password').fill('not the password');
    await page.getByTestId('hub-sign-in').click();
    await expect.poll(() => page.getByText('That name and password do not match.').count()).toBe(1);
    await shot(page, 'sign-in-refused');
    await page.close();
  });

  it('head office: history across outlets, filters, charts, export parsed back, and a review decision', async () => {
    const page = await signIn('Boss');
    const total = awardsPerOutlet.Bangsar! + awardsPerOutlet.Klang!;
    // The list is virtualised (only rows in view exist): the totals count every award the filter matches.
    await expect.poll(() => page.getByTestId('totals-all').getAttribute('data-awards')).toBe(String(total));
    await expect.poll(() => page.getByTestId('history-row').count()).toBeGreaterThan(5);
    await shot(page, 'history-all');

    await page.getByTestId('filter-outlet').selectOption('Klang');
    await expect.poll(() => page.getByTestId('totals-all').getAttribute('data-awards')).toBe(String(awardsPerOutlet.Klang));
    await page.getByTestId('filter-terminal').selectOption('Till 2');
    await expect.poll(() => page.getByTestId('totals-all').getAttribute('data-awards')).toBe(String(awardsPerOutlet.Klang! / 2));
    await shot(page, 'history-filtered');
    await page.getByTestId('filter-outlet').selectOption('');

    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const file = await (await download).path();
    const rows = parse<Record<string, string>>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { columns: true });
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((row) => row.Outlet))).toEqual(new Set(['Bangsar', 'Klang']));
    await expect.poll(() => page.getByTestId('export-saved').count()).toBe(1);

    await page.getByTestId('history-row').first().click();
    await page.getByTestId('event-trail').waitFor();
    await shot(page, 'award-detail');

    await page.getByTestId('hub-tab-charts').click();
    await expect.poll(() => page.getByTestId('chart-outlet').getByTestId('chart-bar').count()).toBe(2);
    await expect.poll(() => page.getByTestId('chart-terminal').getByTestId('chart-bar').count()).toBe(4);
    await expect.poll(() => page.getByTestId('chart-day').getByTestId('chart-bar').count()).toBeGreaterThan(3);
    await shot(page, 'charts');

    await page.getByTestId('hub-tab-review').click();
    await expect.poll(() => page.getByTestId('review-item').count()).toBe(2);
    await shot(page, 'review');
    const id = await page.getByTestId('review-item').first().getAttribute('data-award-id');
    await page.getByTestId('review-item').first().click();
    await page.getByTestId('decide-void').click();
    await page.getByTestId('reason').fill('customer left without the points');
    await page.getByTestId('reason-confirm').click();
    await page.getByTestId('resolved').waitFor();
    const decision = await pool.query<{ decision: string; decided_by: string; outcome: string | null }>('SELECT decision, decided_by, outcome FROM decisions WHERE award_id = $1', [id]);
    expect(decision.rows).toEqual([{ decision: 'void', decided_by: 'Boss', outcome: null }]);
    await page.context().close();
  });

  it('an outlet manager sees only their outlet', async () => {
    const page = await signIn('Siti');
    await expect.poll(() => page.getByTestId('totals-all').getAttribute('data-awards')).toBe(String(awardsPerOutlet.Klang));
    // The outlet list arrives in its own request, after the totals.
    await expect.poll(async () => (await page.getByTestId('filter-outlet').locator('option').allTextContents()).slice(1)).toEqual(['Klang']);
    await page.getByTestId('hub-tab-charts').click();
    await expect.poll(() => page.getByTestId('chart-outlet').getByTestId('chart-bar').count()).toBe(1);
    await shot(page, 'outlet-manager-charts');
    await page.getByTestId('hub-tab-review').click();
    await expect.poll(() => page.getByTestId('review-item').count()).toBe(1);
    await page.context().close();
  });
});
