// Revenue Monster's sign-in failing (its OAuth host answering 503) while its API is up, as the cashier sees it at
// 1024x768: the sale is saved and queued, the status bar says in words why nothing is sent, and once RM signs in again
// "Send now" sends it, once.
import { describe, expect, it } from 'vitest';
import { counterForThisFile, ledgerFor, MEMBERS, outcome, typeAmount, typePhone, waitForCount } from './counter-page.ts';

const app = counterForThisFile();

describe('no sign-in token from Revenue Monster', () => {
  it('saves and queues the sale, says why in the status bar, and sends it once RM signs in again', async () => {
    const { page } = app();
    await page.setViewportSize({ width: 1024, height: 768 });
    app().sandbox.setFault({ mode: 'http-5xx', status: 503, path: '/v1/token' });

    await typeAmount(page, '12.00');
    await typePhone(page, MEMBERS.nurul.phone);
    await page.getByTestId('confirm').click();
    expect(await outcome(page, 'queued')).toContain('Saved: will be sent');
    const notice = page.getByTestId('paused');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toMatch(/could not sign this terminal in.*wait in the queue/);
    await waitForCount(page, 'queued', 1);
    await app().screenshot('counter-no-token-1024x768');
    expect(ledgerFor(app(), MEMBERS.nurul.memberId)).toEqual([]);

    app().sandbox.setFault(null);
    await page.getByTestId('queued').click();
    await waitForCount(page, 'queued', 0, 30_000);
    await notice.waitFor({ state: 'detached', timeout: 20_000 });
    expect(ledgerFor(app(), MEMBERS.nurul.memberId).map((entry) => entry.amount)).toEqual([1200]);
  });
});
