// An unknown outcome: the sandbox applies the award and then drops the connection, so Kaunter cannot know whether the
// points were given. The counter says "needs manager review" and never resends; the manager reads the evidence and
// decides, with a reason that lands in the award's trail with the manager's name.
import { describe, expect, it } from 'vitest';
import { MANAGER } from './harness.ts';
import { counterForThisFile, ledgerFor, MEMBERS, outcome, previewShows, typeAmount, typePhone, unlockManager, waitForCount } from './counter-page.ts';

const app = counterForThisFile();

describe('unknown outcome', () => {
  it('is shown for review at the counter, and resolved by the manager as credited without a second award', async () => {
    const { page } = app();
    await typeAmount(page, '18.80');
    await typePhone(page, MEMBERS.weiMing.phone);
    await previewShows(page, 18);
    app().sandbox.setFault({ mode: 'apply-then-drop', path: '/v3/loyalty/spending-reward', count: 1 });
    await page.keyboard.press('Enter');
    const shown = await outcome(page, 'review');
    expect(shown).toContain('Needs manager review');
    expect(shown).toContain('Do not award again');
    await waitForCount(page, 'unknown', 1);
    await app().screenshot('counter-needs-review');
    // Applied once by RM; Kaunter did not resend.
    expect(ledgerFor(app(), MEMBERS.weiMing.memberId).map((entry) => entry.amount)).toEqual([1880]);

    await unlockManager(page);
    await page.getByTestId('tab-review').click();
    await page.getByTestId('review-item').click();
    const suggestion = page.getByTestId('suggestion');
    await suggestion.waitFor();
    // The member's history shows 18 points just after the attempt: Kaunter suggests "credited" and says why.
    expect(await suggestion.getAttribute('data-suggestion')).toBe('credited');
    expect(await suggestion.innerText()).toContain('Suggestion: the points were credited');
    expect(await page.getByTestId('evidence').innerText()).toContain('18');
    await app().screenshot('manager-review-evidence');

    await page.getByTestId('decide-credited').click();
    await page.getByTestId('reason').fill('Member app() shows the 18 points');
    await page.getByTestId('reason-confirm').click();
    expect(await page.getByTestId('resolved').innerText()).toBe('Decision saved. The award is now: Awarded.');
    await page.getByTestId('review-empty').waitFor();
    await waitForCount(page, 'unknown', 0);
    expect(ledgerFor(app(), MEMBERS.weiMing.memberId)).toHaveLength(1);

    // The decision is in the award's trail, with the manager's name and the reason.
    await page.getByTestId('tab-history').click();
    await page.getByTestId('history-row').first().click();
    const trail = page.getByTestId('event-trail');
    await trail.getByText('Needs review → Awarded').waitFor();
    const text = await trail.innerText();
    expect(text).toContain(MANAGER.name);
    expect(text).toContain('Member app() shows the 18 points');
    await app().screenshot('manager-award-detail');
  });
});
