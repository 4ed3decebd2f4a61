// Head office reads the RM evidence a counter gathered on an UNKNOWN award, in real Chromium against `kaunter hub serve`
// (a real process on a real PostgreSQL): counter A's award to a member failed with an unknown outcome while counter B, at
// another outlet, credited the same member the same points. Alone, A's evidence (one matching credit in RM's history)
// says "credited"; head office weighs it against B's award, which explains that credit, and says "resend". The award
// detail and the review show both as a manager reads them. Screenshots go to test-output/screenshots/hub-evidence-*.png.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwardDesk } from '../../app/awards/award-desk.ts';
import { httpProbe } from '../../app/awards/connectivity.ts';
import { gatherEvidence } from '../../app/awards/reconcile.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { addUser } from '../../hub/users.ts';
import { BY_ID, makeRig, sale, type Rig } from '../fixtures/award-rig.ts';
import { TIME_FROM_ATTEMPT } from './counter-page.ts';
import { launchChromium, SCREENSHOT_DIR } from './harness.ts';
import { joinedPusher } from '../fixtures/hub-join.ts';
import { PASSWORD, signIn, startHeadOffice, type HeadOffice } from './hub-page.ts';

let office: HeadOffice;
let rig: Rig;
let otherDb: Db;
let other: AwardDesk;
let browser: Browser;
let unknownId: string;
let creditedId: string;

beforeAll(async () => {
  office = await startHeadOffice('hub_evidence');
  rig = await makeRig();
  rig.desk.startRelay();

  // Counter B, at another outlet: the member is credited 12 points for RM 12.34.
  otherDb = openDatabase(join(rig.dir, 'other.db'));
  other = new AwardDesk({ db: otherDb, dbPath: join(rig.dir, 'other.db'), terminalId: 'B1', loyalty: rig.rm.loyalty, probe: httpProbe(rig.sandbox.url), idleCheckMs: 50 });
  other.startRelay();
  const otherPusher = await joinedPusher(office, otherDb, 'Penang', 'Till 1');
  const credited = await other.submit(sale(1234, BY_ID, { id: randomUUID(), pointsPreview: 12 }), 'cashier:Mei', 5_000);
  if (credited.award.state !== 'AWARDED') throw new Error(`counter B's award is ${credited.award.state}`);
  creditedId = credited.award.id;
  await otherPusher.pushPending();

  // Counter A: the same sale, but RM answers 500, so its outcome is unknown; its manager opens it and RM is asked.
  const pusher = await joinedPusher(office, rig.db, 'Johor', 'Till 2');
  rig.sandbox.setFault({ mode: 'http-5xx', status: 500, path: '/v3/loyalty/spending-reward', count: 1 });
  const unknown = await rig.desk.submit(sale(1234, BY_ID, { pointsPreview: 12 }), 'cashier:Aina', 5_000);
  if (unknown.award.state !== 'UNKNOWN') throw new Error(`counter A's award is ${unknown.award.state}`);
  unknownId = unknown.award.id;
  const gathered = await gatherEvidence(rig.db, unknownId, rig.rm.loyalty, Date.now() + 3 * 60_000);
  // What the counter concluded on its own, before the hub weighs it against the chain.
  if (gathered.suggestion !== 'credited') throw new Error(`counter A alone suggested ${gathered.suggestion}`);
  const pushed = await pusher.pushPending();
  if (pushed.status.kind !== 'synced') throw new Error(`counter A did not sync: ${JSON.stringify(pushed.status)}`);

  await addUser(office.pool, { name: 'Boss', role: 'head-office', password: PASSWORD }, 'test');
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await other?.close();
  otherDb?.close();
  await rig?.close();
  await office?.close();
});

/** Each row of one of the evidence's tables, as the cells' text. */
const rowsOf = (scope: Locator, table: string) =>
  scope.getByTestId(table).locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));

/** What a manager reads in the evidence, wherever it is shown: the suggestion, why, who asked RM, RM's credits, the chain's awards. */
async function expectEvidence(page: Page, where: string): Promise<void> {
  const section = page.getByTestId(where);
  await section.getByTestId('suggestion').waitFor();
  expect(await section.getByTestId('suggestion').getAttribute('data-suggestion')).toBe('resend');
  expect(await section.getByTestId('suggestion').locator('p').allInnerTexts()).toEqual([
    'Suggestion: the points were not credited — resend',
    'Revenue Monster shows no credit of 12 points in this window that other awards do not explain. This award was most likely not applied.',
  ]);
  expect(await section.getByTestId('evidence-gathered').innerText()).toMatch(/^What Revenue Monster said, as Till 2 asked it at \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
  // RM's history as counter A saw it: the sandbox member's opening balance, and one credit of the same 12 points.
  const credits = await rowsOf(section, 'evidence-candidates');
  expect(credits.map(([, what, points, , match]) => [what, points, match])).toEqual([
    ['Spending reward · Earned 12 points', '12', 'Yes'],
    ['Reward · Opening balance', '120', 'No'],
  ]);
  for (const [when, , , seconds] of credits) {
    expect(when).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
    expect(seconds).toMatch(TIME_FROM_ATTEMPT);
  }
  // Counter B's award at the other outlet, which explains that credit.
  const neighbours = await rowsOf(section, 'evidence-neighbours');
  expect(neighbours.map((row) => row.slice(1))).toEqual([['Awarded', '12', 'Penang / Till 1']]);
}

describe('head office reads the RM evidence a counter gathered', () => {
  it('on the award detail page and in the review, weighed against the other counter\'s award', async () => {
    const page = await signIn(browser, office, 'Boss', { width: 1280, height: 1000 });
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(2);
    await page.locator(`[data-testid="history-row"][data-award-id="${unknownId}"]`).click();
    await page.getByTestId('award-detail').waitFor();
    await expect.poll(() => page.getByTestId('award-detail').locator('.fact').filter({ hasText: 'Terminal' }).locator('dd').innerText()).toBe('Johor / Till 2');
    await expectEvidence(page, 'award-evidence');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'hub-evidence-detail.png'), fullPage: true });
    // An award that was never unknown has no evidence to show.
    await page.getByTestId('detail-close').click();
    await page.locator(`[data-testid="history-row"][data-award-id="${creditedId}"]`).click();
    await page.getByTestId('event-trail').waitFor();
    expect(await page.getByTestId('award-evidence').count()).toBe(0);

    await page.getByTestId('hub-tab-review').click();
    await expect.poll(() => page.getByTestId('review-item').count()).toBe(1);
    expect(await page.getByTestId('review-item').getAttribute('data-award-id')).toBe(unknownId);
    await page.getByTestId('review-item').click();
    await expectEvidence(page, 'evidence');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'hub-evidence-review.png'), fullPage: true });
    await page.context().close();
  });
});
