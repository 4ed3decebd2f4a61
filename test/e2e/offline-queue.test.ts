// RM unreachable (the sandbox refusing connections): awards are saved and queued, the counts on screen say so, Undo
// takes back one not yet sent; when RM is back the queue is sent by itself and the screen follows.
import { describe, expect, it } from 'vitest';
import { count, counterForThisFile, ledgerFor, MEMBERS, outcome, typeAmount, typePhone, waitForCount } from './counter-page.ts';

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
});
