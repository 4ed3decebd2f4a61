// Head office's Counters tab in real Chromium against `kaunter hub serve` on a real PostgreSQL, at 1366x768: a live
// terminal, one refused as a put-back copy (CONFLICT) while the PC it copied pushes on, one quiet since 17 Nov, a
// revoked one still trying, and a code nobody used; each says what it means and what to do, times in Malaysian time,
// and no code is ever on the page. An outlet manager sees their own outlet only. Screenshot: hub-counters.png.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../app/store/database.ts';
import { openDatabase } from '../../app/store/database.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { enrolTerminal, revokeTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { addUser } from '../../hub/users.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedTerminal } from '../fixtures/hub-join.ts';
import { launchChromium, SCREENSHOT_DIR } from './harness.ts';
import { PASSWORD, signIn, startHeadOffice, type HeadOffice } from './hub-page.ts';

const AT = Date.UTC(2026, 10, 20, 3);
/** 17 Nov 2026 15:42 in Malaysia. */
const QUIET_SINCE = Date.UTC(2026, 10, 17, 7, 42);
const DAY_MS = 86_400_000;
const SCREEN = { width: 1366, height: 768 };
let office: HeadOffice;
let browser: Browser;
let unusedCode = '';

async function pushed(db: Db, outlet: string, terminal: string) {
  const joined = await joinedTerminal(office, db, outlet, terminal);
  award(db, terminal, 'AWARDED', AT);
  expect((await joined.pusher.pushPending()).status.kind).toBe('synced');
  return joined;
}

/** A PC put back from a backup copy sells and pushes, while the PC it was copied from pushes on: CONFLICT. */
async function putBackCopy(outlet: string, terminal: string): Promise<void> {
  const { db, dir } = counterDb();
  const { client, pusher } = await pushed(db, outlet, terminal);
  const backup = join(dir, 'backup.db');
  db.exec(`VACUUM INTO '${backup}'`);
  award(db, terminal, 'AWARDED', AT + 1_000);
  expect((await pusher.pushPending()).status.kind).toBe('synced');
  const copy = openDatabase(backup);
  award(copy, terminal, 'QUEUED', AT + 5_000);
  expect((await new HubPusher({ db: copy, client }).pushPending()).status).toMatchObject({ code: 'CONFLICT' });
  copy.close();
  award(db, terminal, 'AWARDED', AT + 2_000);
  expect((await pusher.pushPending()).status.kind).toBe('synced');
  db.close();
}

/** The hub notes a refusal beside its answer, not before it: the notes are in before the page is read. */
async function refusalsNoted(count: number): Promise<void> {
  for (let tries = 0; tries < 100; tries += 1) {
    if ((await office.pool.query('SELECT 1 FROM refused_pushes')).rowCount === count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The hub noted fewer than ${count} refused pushes.`);
}

beforeAll(async () => {
  office = await startHeadOffice('hub_counters');
  for (const [outlet, terminal] of [['Johor Bahru', 'Kaunter 1'], ['Johor Bahru', 'Kaunter 3'], ['Klang', 'Till 1']] as const) {
    const { db } = counterDb();
    await pushed(db, outlet, terminal);
    db.close();
  }
  await putBackCopy('Johor Bahru', 'Kaunter 2');
  const { db } = counterDb();
  const revoked = await pushed(db, 'Johor Bahru', 'Kaunter 4');
  await revokeTerminal(office.pool, 'Johor Bahru', 'Kaunter 4', 'test');
  award(db, 'Kaunter 4', 'AWARDED', AT + 1_000);
  expect((await revoked.pusher.pushPending()).status).toMatchObject({ code: 'REVOKED' });
  db.close();
  await office.pool.query(
    // Its PC joined a day before its last push, the last the hub heard of it (quiet counts from the later of the two).
    `UPDATE terminals t SET last_push_at = to_timestamp($1::double precision / 1000), last_seen_at = NULL,
       enrolled_at = to_timestamp($1::double precision / 1000) - interval '1 day' FROM outlets o
     WHERE o.id = t.outlet_id AND o.name = 'Johor Bahru' AND t.name = 'Kaunter 3'`,
    [QUIET_SINCE],
  );
  await refusalsNoted(2);
  unusedCode = (await enrolTerminal(office.pool, 'Klang', 'Till 2', 'test', ENROL_AS_NAMED)).code;
  await addUser(office.pool, { name: 'Boss', role: 'head-office', password: PASSWORD }, 'test');
  await addUser(office.pool, { name: 'Siti', role: 'outlet-manager', outlet: 'Klang', password: PASSWORD }, 'test');
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await office?.close();
});

async function countersTab(name: string): Promise<Page> {
  const page = await signIn(browser, office, name, SCREEN);
  await page.getByTestId('hub-tab-counters').click();
  await page.getByTestId('counters-summary').waitFor();
  return page;
}

const row = (page: Page, place: string): Locator => page.locator(`[data-testid="counter-row"][data-terminal="${place}"]`);

describe("head office's Counters tab", () => {
  it('shows which counters are in trouble, what it means and what to do, in Malaysian time, and no code', async () => {
    const page = await countersTab('Boss');
    await expect.poll(() => page.getByTestId('counter-row').count()).toBe(6);
    expect(await page.getByTestId('counters-summary').textContent()).toBe('4 of 6 terminals need attention.');

    const refused = row(page, 'Johor Bahru / Kaunter 2').getByTestId('counter-refusal');
    expect(await refused.textContent()).toMatch(/^Push refused \d\d\/\d\d\/\d{4} \d\d:\d\d \(CONFLICT\): .*put back from a backup copy.*Settings > Head office/);
    // The PC it copied pushes on: the terminal is not quiet, and the refusal is still in view.
    expect(await row(page, 'Johor Bahru / Kaunter 2').getByTestId('counter-quiet').count()).toBe(0);

    const quiet = row(page, 'Johor Bahru / Kaunter 3');
    expect(await quiet.getByTestId('counter-last-push').textContent()).toBe('17/11/2026 15:42');
    const days = Math.floor((Date.now() - QUIET_SINCE) / DAY_MS);
    expect(await quiet.getByTestId('counter-quiet').textContent()).toContain(`Quiet for ${days} days:`);
    // A counter that is on checks in every 15 seconds (app/sync/pusher.ts, README): the words say how often.
    expect(await quiet.getByTestId('counter-quiet').textContent()).toContain('a counter that is on checks in every 15 seconds, sales or not');

    const revoked = row(page, 'Johor Bahru / Kaunter 4');
    expect(await revoked.getByTestId('counter-revoked').textContent()).toMatch(/^Revoked \d\d\/\d\d\/\d{4} \d\d:\d\d: .*enrol it again/);
    expect(await revoked.getByTestId('counter-refusal').textContent()).toContain('(REVOKED)');

    const unused = row(page, 'Klang / Till 2');
    expect(await unused.getByTestId('counter-code').textContent()).toMatch(/^Enrolment code unused, works until \d\d\/\d\d\/\d{4} \d\d:\d\d:/);
    expect(await unused.getByTestId('counter-last-push').textContent()).toBe('No push yet');
    expect(await row(page, 'Johor Bahru / Kaunter 1').textContent()).toContain('All well');

    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain(unusedCode);
    expect(text.replace(/[^A-Za-z0-9]/g, '')).not.toContain(unusedCode.replace(/[^A-Za-z0-9]/g, ''));
    // Everything in view at the smallest head-office screen: nothing runs off to the side.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SCREEN.width);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'hub-counters.png') });
    await page.context().close();
  });

  it("an outlet manager sees their own outlet's terminals only", async () => {
    const page = await countersTab('Siti');
    await expect.poll(() => page.getByTestId('counter-row').count()).toBe(2);
    expect(await page.getByTestId('counter-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-terminal')))).toEqual(['Klang / Till 1', 'Klang / Till 2']);
    expect(await page.locator('body').textContent()).not.toContain('Johor Bahru');
    await page.context().close();
  });
});
