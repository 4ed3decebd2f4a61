// The counter's news of an award RM refused after its sale, as the manager meets it at the top of History (in Bahasa
// Melayu, at 1024x768): it lists that award and no other (not one refused while its customer stood at the counter), and
// "seen" clears both the line and the counter's pill, for good.
// In real Chromium through the browser host, with the loopback RM sandbox refusing the mistyped phone.
import { describe, expect, it } from 'vitest';
import { counterForThisFile, MEMBERS, outcome, typeAmount, typePhone, unlockManager } from './counter-page.ts';
import { checkScreen, shot } from './screen-checks.ts';

const app = counterForThisFile();

describe("the counter's refused news in the manager's History", () => {
  it('lists the award refused after its sale, and "seen" clears the line and the pill, also after a reload', async () => {
    const { page } = app();
    await page.setViewportSize({ width: 1024, height: 768 });
    // Offline, a mistyped phone cannot be checked: saved to send later, and the customer leaves. RM, back past the
    // counter's 8 s wait, refuses it.
    await app().sandbox.refuseConnections(true);
    await typeAmount(page, '9.90');
    await typePhone(page, '013-999 8800');
    await page.getByTestId('confirm').click();
    await outcome(page, 'queued');
    await page.waitForTimeout(8_500);
    await app().sandbox.refuseConnections(false);
    await page.getByTestId('queued').click();
    await page.locator('[data-testid=refused][data-count="1"]').waitFor({ timeout: 30_000 });
    // The next customer's award goes through: made after the refused one, the refused ones' list must still leave it out.
    const awarded = await page.evaluate(
      (memberId) => window.kaunter.award.submit({ id: crypto.randomUUID(), amountSen: 1500, member: { type: 'ID', memberId } }),
      MEMBERS.nurul.memberId,
    );
    expect(awarded.ok && awarded.value.award.state).toBe('AWARDED');
    // And one refused at once, said on the screen while the customer stood there: not news, so not listed with it.
    const told = await page.evaluate(() =>
      window.kaunter.award.submit({ id: crypto.randomUUID(), amountSen: 500, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '139998800' } }),
    );
    expect(told.ok && told.value.award.state).toBe('REJECTED');
    expect(await page.locator('[data-testid=refused][data-count="1"]').count()).toBe(1);

    await page.getByTestId('language-ms').click();
    await unlockManager(page);
    const news = page.getByTestId('history-refused-news');
    await news.waitFor();
    expect((await news.innerText()).replace(/\s+/g, ' ')).toMatch(
      /^Kaunter menunjukkan 1 ganjaran yang ditolak oleh Revenue Monster selepas jualannya \(sejak \d\d:\d\d\)\. Tunjukkan Sudah dilihat — kosongkan notis kaunter$/,
    );
    await page.locator('[data-testid=history-row]').nth(2).waitFor();
    await checkScreen(page, 'history refused news ms-1024x768');
    await shot(page, 'manager-history-refused-news', 'ms-1024x768');

    await page.getByTestId('history-refused-show').click();
    await page.getByTestId('history-refused-scope').waitFor();
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(1);
    expect(await page.getByTestId('history-state').innerText()).toBe('Ditolak');
    expect(await page.getByTestId('history-row').innerText()).toMatch(/RM\s9\.90/);
    // Their states are the scope's: the form offers none (a ticked "Ditolak" would claim every refused award).
    expect(await page.getByTestId('filter-states').count()).toBe(0);
    await checkScreen(page, 'history refused listed ms-1024x768');
    await shot(page, 'manager-history-refused-listed', 'ms-1024x768');

    await page.getByTestId('history-refused-seen').click();
    await news.waitFor({ state: 'detached' });
    await page.getByTestId('refused').waitFor({ state: 'detached' });
    // The list the manager asked for stays, until they show all.
    expect(await page.getByTestId('history-row').count()).toBe(1);
    await page.getByTestId('history-refused-clear').click();
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(3);
    expect(await page.getByTestId('filter-states').count()).toBe(1);

    // Kept by the core, not the page: a reload brings neither back.
    await page.reload();
    await page.locator('#amount').waitFor();
    const counted = await page.evaluate(() => window.kaunter.queue.refused({}));
    expect(counted.ok && counted.value.count).toBe(0);
    expect(await page.getByTestId('refused').count()).toBe(0);
  });
});
