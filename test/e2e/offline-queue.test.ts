// RM unreachable (the sandbox refusing connections): awards are saved and queued, the counts on screen say so, Undo
// takes back one not yet sent; when RM is back the queue is sent by itself and the screen follows. One RM refuses once
// its customer has gone is marked in the status bar, for the cashier who served and the next one.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { count, counterForThisFile, ledgerFor, MEMBERS, outcome, typeAmount, typePhone, waitForCount } from './counter-page.ts';
import { checkScreen, shot } from './screen-checks.ts';

const app = counterForThisFile();

describe('offline queue', () => {
  it('queues while RM is unreachable, then sends when it is back, with the counts on screen changing', async () => {
    const { page } = app();
    expect(await count(page, 'queued')).toBe(0);
    await app().sandbox.refuseConnections(true);

    await typeAmount(page, '15.00');
    await typePhone(page, MEMBERS.nurul.phone);
    await page.getByText('Estimate').waitFor({ timeout: 20_000 }).catch(() => undefined);
    await page.getByTestId('confirm').click();
    const queued = await outcome(page, 'queued');
    expect(queued).toContain('Saved: will be sent');
    await page.locator('[data-testid=online][data-online=false]').waitFor({ timeout: 20_000 });
    await waitForCount(page, 'queued', 1);

    // A second award, undone before it is sent: it never reaches RM.
    await typeAmount(page, '4.00');
    await typePhone(page, MEMBERS.muthu.phone);
    await page.getByTestId('confirm').click();
    await outcome(page, 'queued');
    await waitForCount(page, 'queued', 2);
    await app().screenshot('counter-offline-queued');
    await page.getByTestId('undo').click();
    expect(await outcome(page, 'voided')).toContain('This award will not be sent.');
    await waitForCount(page, 'queued', 1);
    expect(app().sandbox.ledger()).toEqual([]);

    // The customer of the first award is long gone; RM comes back and the queue drains by itself.
    await app().sandbox.refuseConnections(false);
    await waitForCount(page, 'queued', 0, 60_000);
    await page.locator('[data-testid=online][data-online=true]').waitFor({ timeout: 20_000 });
    expect(ledgerFor(app(), MEMBERS.nurul.memberId).map((entry) => entry.amount)).toEqual([1500]);
    expect(ledgerFor(app(), MEMBERS.muthu.memberId)).toEqual([]);
    await app().screenshot('counter-back-online');
  });

  it('an award queued while offline turns into "awarded" on the counter when it is sent', async () => {
    const { page } = app();
    await app().sandbox.refuseConnections(true);
    await typeAmount(page, '6.50');
    await typePhone(page, MEMBERS.meiLing.phone);
    await page.getByTestId('confirm').click();
    await outcome(page, 'queued');
    await app().sandbox.refuseConnections(false);
    await page.getByTestId('queued').click().catch(() => undefined);
    expect(await outcome(page, 'awarded')).toContain('Points awarded');
    expect(ledgerFor(app(), MEMBERS.meiLing.memberId).map((entry) => entry.amount)).toEqual([650]);
  });

  it('an award RM refuses after its customer has gone is marked in the status bar, for this cashier and the next, over no sale', async () => {
    const { page } = app();
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await page.getByTestId('refused').count()).toBe(0);

    // Offline, a mistyped phone cannot be checked: the award is saved to send later, and the customer leaves.
    await app().sandbox.refuseConnections(true);
    await typeAmount(page, '9.90');
    await typePhone(page, '013-999 8800');
    await page.getByTestId('confirm').click();
    await outcome(page, 'queued');
    // The counter's wait for RM (8 s, app/handlers/award.ts) is over long before a shop's internet comes back: a refusal
    // within it would have been the submit's own answer, said on the counter's screen.
    await page.waitForTimeout(8_500);
    // The next customer's sale is being rung up when RM is back and refuses the award.
    await typeAmount(page, '3.00');
    await app().sandbox.refuseConnections(false);
    await page.getByTestId('queued').click();
    await waitForRefused(page, 1);
    expect(app().sandbox.ledger().filter((entry) => entry.amount === 990)).toEqual([]);

    // Told in the status bar's own way, not as an alarm: the sale in hand is untouched and keeps the screen.
    expect(await page.locator('#amount').inputValue()).toBe('3.00');
    expect(await page.locator('[data-testid=outcome][data-outcome=refused]').count()).toBe(0);
    const pill = page.getByTestId('refused');
    expect(await pill.getAttribute('role')).toBeNull();
    const words = await pill.getAttribute('aria-label');
    expect(words).toMatch(/^Revenue Monster refused 1 award sent after its sale \(since \d\d:\d\d\): that customer got no points\. Tell the manager/);
    // A touch screen shows no tooltip: a tap says the words under the pills.
    await pill.click();
    expect(await page.getByTestId('pill-words').innerText()).toBe(words);
    await checkScreen(page, 'counter refused mark en-1024x768');
    await shot(page, 'counter-refused-mark', 'en-1024x768');
    // The pills show their words only where the header has room for this one too; else icon and number, as here.
    for (const width of [1280, 1366, 1440]) {
      await page.setViewportSize({ width, height: 768 });
      await checkScreen(page, `counter refused mark en-${width}x768`);
    }
    expect(await pill.locator('[data-testid=pill-label]').innerText()).toBe('1 refused');
    await page.setViewportSize({ width: 1024, height: 768 });

    // Ben takes over: the refusal came in Aina's shift, so he still sees it; once Aina is back, it has had its two shifts.
    await switchCashier(page, 'Ben');
    await waitForRefused(page, 1);
    await switchCashier(page, 'Aina');
    await page.getByTestId('refused').waitFor({ state: 'detached' });
  });
});

async function waitForRefused(page: Page, expected: number): Promise<void> {
  await page.locator(`[data-testid=refused][data-count="${expected}"]`).waitFor({ timeout: 30_000 });
}

async function switchCashier(page: Page, name: string): Promise<void> {
  await page.getByTestId('cashier').selectOption(name);
  await page.getByTestId('shift-switch-confirm').click();
  await page.locator('[data-testid=shift-bar]', { hasText: `${name}, since` }).waitFor();
}
