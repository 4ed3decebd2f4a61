// A claim QR RM made that nobody was seen to scan is not "points given": on the real app at 1024x768, in Malay, the
// shift summary says its points apart and a claim QR refused offline as not given; History's totals, in Chinese, too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.ts';
import { counterReady, MEMBERS, outcome, previewShows, typeAmount, typePhone, unlockManager } from './counter-page.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ viewport: { width: 1024, height: 768 } });
  await counterReady(app.page);
});
afterAll(async () => app?.close());

const figure = (name: string) => app.page.getByTestId(`shift-${name}`).innerText();
const spaced = (text: string) => text.replace(/\s+/g, ' ');

describe('claim QRs not seen claimed, on screen', () => {
  it('the shift summary (Malay) and History (Chinese) count them apart from the points given', async () => {
    const { page } = app;
    await typeAmount(page, '65.00');
    await typePhone(page, MEMBERS.nurul.phone);
    await previewShows(page, 65);
    await page.keyboard.press('Enter');
    await outcome(page, 'awarded');
    await page.keyboard.press('Escape');

    // A claim QR made and left unscanned.
    await typeAmount(page, '45.90');
    await page.getByTestId('mode-qr').click();
    await previewShows(page, 45);
    await page.getByTestId('confirm').click();
    await page.locator('[data-testid=claim-qr] img.qr-image').waitFor();
    await page.getByTestId('dismiss-qr').click();
    await page.keyboard.press('Escape');

    // One refused at once offline: no QR was made.
    await app.sandbox.refuseConnections(true);
    await typeAmount(page, '9.90');
    await page.getByTestId('mode-qr').click();
    await page.getByTestId('confirm').click();
    await outcome(page, 'qrFailed');
    await page.keyboard.press('Escape');
    await app.sandbox.refuseConnections(false);

    await page.getByTestId('language-ms').click();
    await page.getByTestId('end-shift').click();
    await page.getByTestId('shift-summary').waitFor();
    expect(spaced(await figure('awards'))).toBe('3 (1 diberi, 1 QR tuntutan belum dikesan dituntut, 1 tidak diberi)');
    expect(spaced(await figure('amount'))).toBe('RM 65.00 (RM 45.90 lagi pada 1 QR tuntutan yang belum dikesan dituntut)');
    expect(spaced(await figure('points'))).toBe('65 (45 lagi pada 1 QR tuntutan yang belum dikesan dituntut)');
    await app.screenshot('shift-summary-unclaimed-qr-ms');
    await page.getByTestId('shift-close').click();

    await page.getByTestId('language-zh').click();
    await unlockManager(page);
    const totals = page.getByTestId('totals-all');
    await totals.waitFor();
    expect(spaced(await totals.innerText())).toContain('1 笔已发放：RM 65.00，65 积分；另有 1 个领取二维码未见领取：RM 45.90，45 积分，不计为已发放');
    // In each table the QRs' points stand under the points given, never beside them as if one sum.
    const marks = await page.locator('.totals-table td:has(.unclaimed-mark)').evaluateAll((cells) =>
      cells.map((cell) => {
        const figure = document.createRange();
        figure.selectNodeContents(cell.firstChild as Node);
        return { figure: figure.getBoundingClientRect().bottom, mark: (cell.querySelector('.unclaimed-mark') as HTMLElement).getBoundingClientRect().top, text: cell.textContent };
      }),
    );
    expect(marks.map(({ text }) => text)).toEqual(['65 +45 二维码', '65 +45 二维码']);
    for (const { figure, mark } of marks) expect(mark).toBeGreaterThanOrEqual(figure - 0.5);
    await page.getByTestId('unclaimed-legend').scrollIntoViewIfNeeded();
    await app.screenshot('history-totals-unclaimed-qr-zh');
  });
});
