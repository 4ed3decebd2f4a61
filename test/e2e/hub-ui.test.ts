// Head office in real Chromium against `kaunter hub serve` (a real process on a real PostgreSQL): sign-in, history
// across outlets, charts drawn (each cashier's bar with the ringgit they awarded), filters, the CSV export parsed back
// (its progress counted in rows, a reason typed on two lines one cell), a review decision that waits for its counter,
// and an outlet manager's restricted view. Screenshots go to test-output/screenshots/hub-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markClaimed, transition } from '../../app/awards/transitions.ts';
import { addUser } from '../../hub/users.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { launchChromium, SCREENSHOT_DIR } from './harness.ts';
import { joinedPusher } from '../fixtures/hub-join.ts';
import { PASSWORD, signIn, startHeadOffice, type HeadOffice } from './hub-page.ts';

let office: HeadOffice;
let browser: Browser;
const awardsPerOutlet: Record<string, number> = {};
const CASHIERS = ['Aisyah', 'Ben', 'Chong'];
/** What each cashier awarded, in sen: what the cashier chart must show. */
const awardedSen: Record<string, number> = {};
/** A reason a manager at the counter typed on two lines: one cell in the export, and one row. */
const TWO_LINE_REASON = 'RM portal shows the credit\nchecked by phone with the member';

beforeAll(async () => {
  office = await startHeadOffice('hub_ui');
  const day = Date.UTC(2026, 10, 20, 2);
  for (const [outlet, count] of [['Bangsar', 7], ['Klang', 4]] as const) {
    for (const terminal of ['Till 1', 'Till 2']) {
      const { db } = counterDb();
      const pusher = await joinedPusher(office, db, outlet, terminal);
      for (let i = 0; i < count; i += 1) {
        const state = i === 0 && terminal === 'Till 1' ? 'UNKNOWN' : 'AWARDED';
        const [amountSen, cashier] = [1_000 + i * 250, CASHIERS[i % CASHIERS.length] as string];
        const at = day - i * 86_400_000 + i * 60_000;
        const id = award(db, terminal, state, at, amountSen, i, cashier);
        // award()'s fourth member is a claim QR: claimed here, so its points count as given like the others'.
        if (state === 'AWARDED' && i % 4 === 3) markClaimed(db, id, at + 60_000);
        if (state === 'AWARDED') awardedSen[cashier] = (awardedSen[cashier] ?? 0) + amountSen;
      }
      awardsPerOutlet[outlet] = (awardsPerOutlet[outlet] ?? 0) + count;
      if (outlet === 'Bangsar' && terminal === 'Till 2') {
        // Unknown, then settled at the counter as credited, with a reason on two lines.
        const settled = award(db, terminal, 'UNKNOWN', day + 3_600_000, 4_321, 0, 'Ben');
        transition(db, settled, ['UNKNOWN'], { to: 'AWARDED', actor: 'manager:Lim', resolution: { by: 'Lim', reason: TWO_LINE_REASON } }, day + 3_700_000);
        awardedSen.Ben = (awardedSen.Ben ?? 0) + 4_321;
        awardsPerOutlet[outlet] += 1;
      }
      await pusher.pushPending();
    }
  }
  await addUser(office.pool, { name: 'Boss', role: 'head-office', password: PASSWORD }, 'test');
  await addUser(office.pool, { name: 'Siti', role: 'outlet-manager', outlet: 'Klang', password: PASSWORD }, 'test');
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await office?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `hub-${name}.png`), fullPage: true });

describe('head office in the browser', () => {
  it('a wrong password is refused on the page', async () => {
    const page = await browser.newPage();
    await page.goto(office.hub.url);
    await page.getByTestId('hub-name').fill('Boss');
    await page.getByTestId('hub-password').fill('not the password');
    await page.getByTestId('hub-sign-in').click();
    await expect.poll(() => page.getByText('That name and password do not match.').count()).toBe(1);
    await shot(page, 'sign-in-refused');
    await page.close();
  });

  it("says its refusals in the page's language: a wrong password, and a name locked out with its seconds", async () => {
    const refusal = async (locale: string, name: string) => {
      const page = await browser.newPage({ locale });
      await page.goto(office.hub.url);
      await page.getByTestId('hub-name').fill(name);
      await page.getByTestId('hub-password').fill('not the password');
      const tryOnce = async () => {
        const [answer] = await Promise.all([page.waitForResponse('**/api/hub/v1/login'), page.getByTestId('hub-sign-in').click()]);
        return answer.status();
      };
      return { page, tryOnce, said: () => page.getByRole('alert').innerText() };
    };
    // Names nobody has: Boss's wrong passwords would lock Boss out of the tests below.
    const malay = await refusal('ms-MY', 'Siapa');
    expect(await malay.tryOnce()).toBe(401);
    expect(await malay.said()).toBe('Nama dan kata laluan itu tidak sepadan.');
    await malay.page.close();
    const chinese = await refusal('zh-CN', 'Siapa Lagi');
    expect(await chinese.tryOnce()).toBe(401);
    expect(await chinese.said()).toBe('名字与密码不匹配。');
    await chinese.page.close();

    const lockedOut = await refusal('ms-MY', 'Tiada Sesiapa');
    let status = 401;
    for (let attempt = 0; attempt < 8 && status === 401; attempt += 1) status = await lockedOut.tryOnce();
    expect(status).toBe(429);
    // The alert still says the last try's refusal until the page has drawn this one.
    await expect.poll(() => lockedOut.said()).toMatch(/^Terlalu banyak kata laluan salah bagi pengguna ini: cuba lagi dalam \d+ saat\.$/);
    await lockedOut.page.close();
  });

  it('head office: history across outlets, filters, charts, export parsed back, and a review decision', async () => {
    const page = await signIn(browser, office, 'Boss');
    const total = awardsPerOutlet.Bangsar! + awardsPerOutlet.Klang!;
    // The list is virtualised (only rows in view exist): the totals count every award the filter matches.
    await expect.poll(() => page.getByTestId('totals-all').getAttribute('data-awards')).toBe(String(total));
    await expect.poll(() => page.getByTestId('history-row').count()).toBeGreaterThan(5);
    // Across outlets, each row says where it was made.
    const places = new Set(await page.getByTestId('history-place').allTextContents());
    expect([...places].every((place) => /^(Bangsar|Klang) \/ Till [12]$/.test(place))).toBe(true);
    expect(places.size).toBeGreaterThan(1);
    await shot(page, 'history-all');

    await page.getByTestId('filter-outlet').selectOption('Klang');
    await expect.poll(() => page.getByTestId('totals-all').getAttribute('data-awards')).toBe(String(awardsPerOutlet.Klang));
    await page.getByTestId('filter-terminal').selectOption('Till 2');
    await expect.poll(() => page.getByTestId('totals-all').getAttribute('data-awards')).toBe(String(awardsPerOutlet.Klang! / 2));
    await shot(page, 'history-filtered');
    await page.getByTestId('filter-outlet').selectOption('');

    // The export's progress as the page's own bar hears it, counted in rows as they stream in.
    await page.evaluate(() => {
      const heard: Array<{ done: number; total: number }> = [];
      Object.assign(window, { exportProgress: heard });
      window.kaunter.on('export.progress', (progress) => heard.push(progress));
    });
    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    const rows = parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { columns: true, record_delimiter: ['\r\n', '\n'] });
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((row) => row.Outlet))).toEqual(new Set(['Bangsar', 'Klang']));
    // The reason typed on two lines is one quoted cell of one row (the columns added after it follow on its line).
    expect(csv).toContain(`,"${TWO_LINE_REASON}",`);
    expect(rows.filter((row) => row.Resolution === TWO_LINE_REASON).map((row) => [row.Outlet, row.Cashier, row['Resolved by']])).toEqual([['Bangsar', 'Ben', 'Lim']]);
    await expect.poll(() => page.getByTestId('export-saved').count()).toBe(1);
    expect(await page.getByTestId('export-saved').innerText()).toMatch(new RegExp(`^Saved to kaunter-awards-\\d{4}-\\d\\d-\\d\\d\\.csv \\(${total} rows\\)\\.$`));
    const heard = await page.evaluate(() => (window as unknown as { exportProgress: Array<{ done: number; total: number }> }).exportProgress);
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.at(-1)).toEqual({ done: total, total });
    heard.forEach((progress, i) => {
      expect(progress.total).toBe(total);
      expect(progress.done).toBeGreaterThanOrEqual(heard[i - 1]?.done ?? 0);
    });

    await page.getByTestId('history-row').first().click();
    await page.getByTestId('event-trail').waitFor();
    await shot(page, 'award-detail');

    await page.getByTestId('hub-tab-charts').click();
    await expect.poll(() => page.getByTestId('chart-outlet').getByTestId('chart-bar').count()).toBe(2);
    await expect.poll(() => page.getByTestId('chart-terminal').getByTestId('chart-bar').count()).toBe(4);
    await expect.poll(() => page.getByTestId('chart-day').getByTestId('chart-bar').count()).toBeGreaterThan(3);
    // Days as the rest of the pages write them, with the weekday: the last is 20 November 2026, a Friday.
    const days = await page.getByTestId('chart-day').locator('.hub-chart-label').allTextContents();
    expect(days.at(-1)).toBe('Fri 20/11/2026');
    for (const day of days) expect(day).toMatch(/^\w{3} \d\d\/\d\d\/2026$/);
    // Each cashier's bar: the ringgit they awarded (awarded awards only), its figure, and a length to scale.
    const bars = await page.getByTestId('chart-cashier').getByTestId('chart-bar').evaluateAll((groups) =>
      groups.map((group) => ({
        label: group.querySelector('.hub-chart-label')?.textContent,
        value: group.querySelector('.hub-chart-value')?.textContent,
        title: group.querySelector('title')?.textContent,
        width: Number(group.querySelector('rect')?.getAttribute('width')),
      })),
    );
    // Worked out by hand from the awards above (the unknown ones at each Till 1 count for nothing).
    expect(awardedSen).toEqual({ Aisyah: 14_000, Ben: 13_321, Chong: 10_500 });
    const ringgit = (sen: number) => new Intl.NumberFormat('en-MY', { minimumFractionDigits: 2 }).format(sen / 100);
    expect(bars.map(({ label, value, title }) => ({ label, value: value?.replace(/\s/g, ' '), title: title?.replace(/\s/g, ' ') }))).toEqual(
      CASHIERS.map((cashier) => ({ label: cashier, value: `RM ${ringgit(awardedSen[cashier]!)}`, title: `${cashier}: RM ${ringgit(awardedSen[cashier]!)}` })),
    );
    const widest = Math.max(...bars.map((bar) => bar.width));
    const most = Math.max(...Object.values(awardedSen));
    for (const [i, cashier] of CASHIERS.entries()) expect(bars[i]!.width / widest).toBeCloseTo(awardedSen[cashier]! / most, 2);
    await shot(page, 'charts');

    await page.getByTestId('hub-tab-review').click();
    await expect.poll(() => page.getByTestId('review-item').count()).toBe(2);
    // Two awards alike but for where they were made: each row says where, as the history does.
    expect(new Set(await page.getByTestId('review-place').allTextContents())).toEqual(new Set(['Bangsar / Till 1', 'Klang / Till 1']));
    await shot(page, 'review');
    // One outlet's awards to decide, as its area manager would go through them; then every outlet's again.
    await page.getByTestId('filter-outlet').selectOption('Klang');
    await expect.poll(async () => page.getByTestId('review-place').allTextContents()).toEqual(['Klang / Till 1']);
    await page.getByTestId('filter-outlet').selectOption('');
    await expect.poll(() => page.getByTestId('review-item').count()).toBe(2);
    const id = await page.getByTestId('review-item').first().getAttribute('data-award-id');
    await page.getByTestId('review-item').first().click();
    await page.getByTestId('decide-void').click();
    await page.getByTestId('reason').fill('customer left without the points');
    await page.getByTestId('reason-confirm').click();
    await page.getByTestId('resolved').waitFor();
    const decision = await office.pool.query<{ decision: string; decided_by: string; outcome: string | null }>('SELECT decision, decided_by, outcome FROM decisions WHERE award_id = $1', [id]);
    expect(decision.rows).toEqual([{ decision: 'void', decided_by: 'Boss', outcome: null }]);
    await page.context().close();
  });

  it('an outlet manager sees only their outlet', async () => {
    const page = await signIn(browser, office, 'Siti');
    await expect.poll(() => page.getByTestId('totals-all').getAttribute('data-awards')).toBe(String(awardsPerOutlet.Klang));
    // Named as theirs, not offered as a list that says "All outlets".
    expect(await page.getByTestId('own-outlet').innerText()).toMatch(/^Outlet\s+Klang$/);
    expect(await page.getByTestId('filter-outlet').count()).toBe(0);
    // The terminal list arrives in its own request, after the totals.
    await expect.poll(async () => (await page.getByTestId('filter-terminal').locator('option').allTextContents()).slice(1)).toEqual(['Till 1', 'Till 2']);
    await expect.poll(async () => new Set(await page.getByTestId('history-place').allTextContents())).toEqual(new Set(['Klang / Till 1', 'Klang / Till 2']));
    await page.getByTestId('hub-tab-charts').click();
    await expect.poll(() => page.getByTestId('chart-outlet').getByTestId('chart-bar').count()).toBe(1);
    await shot(page, 'outlet-manager-charts');
    await page.getByTestId('hub-tab-review').click();
    await expect.poll(() => page.getByTestId('review-item').count()).toBe(1);
    await page.context().close();
  });
});
