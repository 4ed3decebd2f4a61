// Points on a claim QR nobody was seen to claim are not "given": the shift summary, the manager's shifts and History's
// totals say them apart, in words that do not call them lost (Kaunter's watch stops; RM may not say). A claim QR that
// could not be made (offline) is said as not given, so the awards add up to the customers served.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../renderer/format/locale.ts';
import type { FakeKaunter } from './fake-kaunter.ts';
import { renderApp, setUp } from './harness.tsx';
import { awardId } from './shift-fixture.ts';
import { withListLayout } from './list-layout.ts';

withListLayout();

const QR = { type: 'QRCODE' } as const;
const [GIVEN, ON_QR] = [formatMoney(7500, 'en'), formatMoney(4590, 'en')];

/** Aminah's shift: RM 65.00 given to a member, a claim QR for RM 45.90 never seen claimed, one seen claimed, one not made. */
function qrShift(fake: FakeKaunter): void {
  fake.addAward({ id: awardId(1), state: 'AWARDED', amountSen: 6500, pointsPreview: 65, pointsConfirmed: true });
  fake.addAward({ id: awardId(2), state: 'AWARDED', amountSen: 4590, pointsPreview: 45, pointsConfirmed: true, member: QR, claimedAt: null });
  fake.addAward({ id: awardId(3), state: 'AWARDED', amountSen: 1000, pointsPreview: 10, pointsConfirmed: true, member: QR, claimedAt: Date.UTC(2026, 10, 25) });
  fake.addAward({ id: awardId(4), state: 'VOIDED', amountSen: 2000, pointsPreview: 20, member: QR });
}

const figure = (name: string) => screen.getByTestId(`shift-${name}`).textContent;

async function openHistory(fake: FakeKaunter): Promise<HTMLElement> {
  fake.manager.unlocked = true;
  renderApp();
  fireEvent.click(await screen.findByTestId('nav-manager'));
  fireEvent.click(await screen.findByTestId('tab-history'));
  return screen.findByTestId('history-list');
}

/** The state cell of one award's row in History's list. */
async function stateCell(id: string): Promise<HTMLElement> {
  return waitFor(() => {
    const cell = document.querySelector<HTMLElement>(`[data-testid=history-row][data-award-id="${id}"] [data-testid=history-state]`);
    if (!cell) throw new Error(`no row for ${id}`);
    return cell;
  });
}

describe('claim QRs not seen claimed', () => {
  it('the shift summary counts their points apart from the points given, and a QR not made as not given', async () => {
    const fake = setUp();
    qrShift(fake);
    renderApp();
    fireEvent.click(await screen.findByTestId('end-shift'));
    await screen.findByTestId('shift-summary');
    expect(figure('awards')).toBe('4 (2 awarded, 1 claim QR not seen claimed, 1 not given)');
    expect(figure('amount')).toBe(`${GIVEN} (${ON_QR} more on 1 claim QR not seen claimed)`);
    expect(figure('points')).toBe('75 (45 more on 1 claim QR not seen claimed)');
    expect(screen.getByTestId('shift-summary').textContent).not.toMatch(/lost/i);
  });

  it("the manager's shifts say the same in each row", async () => {
    const fake = setUp();
    qrShift(fake);
    fake.manager.unlocked = true;
    renderApp();
    fireEvent.click(await screen.findByTestId('nav-manager'));
    fireEvent.click(await screen.findByTestId('tab-shifts'));
    const [row] = await screen.findAllByTestId('shift-row');
    const cell = (name: string) => row?.querySelector(`[data-figure=${name}]`)?.textContent;
    expect(cell('awards')).toBe('4 (2 awarded, 1 claim QR not seen claimed, 1 not given)');
    expect(cell('amount')).toBe(`${GIVEN} (${ON_QR} more on 1 claim QR not seen claimed)`);
    expect(cell('points')).toBe('75 (45 more on 1 claim QR not seen claimed)');
  });

  it("History's totals give the points given, then the QRs' apart, marked in the tables and explained once", async () => {
    const fake = setUp();
    qrShift(fake);
    fake.manager.unlocked = true;
    renderApp();
    fireEvent.click(await screen.findByTestId('nav-manager'));
    fireEvent.click(await screen.findByTestId('tab-history'));
    const totals = await screen.findByTestId('totals-all');
    await waitFor(() =>
      expect(totals.textContent).toBe(`4 awards, 2 awarded: ${GIVEN} and 75 points; 1 claim QR not seen claimed: ${ON_QR} and 45 points more, not counted as given`),
    );
    const legend = screen.getByTestId('unclaimed-legend');
    expect(legend.textContent).toContain('not counted as given');
    for (const table of screen.getByTestId('history-totals').querySelectorAll('table')) {
      expect(within(table).getAllByRole('row')[1]?.textContent).toContain('75 +45 QR');
      expect(table.getAttribute('aria-describedby')).toBe(legend.id);
    }
  });

  it.each([
    ['en', 'QR not seen claimed', 'Awarded · claimed', 'Awarded'],
    ['ms', 'Belum dilihat dituntut', 'Diberi · dituntut', 'Diberi'],
    ['zh', '二维码未见领取', '已发放 · 已领取', '已发放'],
  ] as const)("History's list and the award's detail do not call one awarded, as the totals do not count it given (%s)", async (language, unclaimed, claimed, awarded) => {
    const fake = setUp({ settings: { language } });
    qrShift(fake);
    await openHistory(fake);
    const cell = await stateCell(awardId(2));
    expect(cell.textContent).toBe(unclaimed);
    expect(cell.getAttribute('title')).toBe(unclaimed);
    // Its look says it too: not the awarded colour and check.
    expect(cell.className).toBe('state state-unclaimedQr');
    expect((await stateCell(awardId(3))).textContent).toBe(claimed);
    expect((await stateCell(awardId(3))).className).toBe('state state-AWARDED');
    expect((await stateCell(awardId(1))).textContent).toBe(awarded);

    fireEvent.click(cell);
    const detail = await screen.findByTestId('award-detail');
    // The state is the detail's first fact.
    await waitFor(() => expect(detail.querySelector('.fact dd')?.textContent).toBe(unclaimed));
  });

  it('filtering History by Awarded still asks by the real state, and lists the claim QR not seen claimed', async () => {
    const fake = setUp();
    qrShift(fake);
    await openHistory(fake);
    await stateCell(awardId(2));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Awarded' }));
    fireEvent.click(screen.getByTestId('filter-apply'));
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(3));
    expect(fake.callsOf('history.page').at(-1)).toMatchObject({ filter: { states: ['AWARDED'] } });
    expect((await stateCell(awardId(2))).textContent).toBe('QR not seen claimed');
  });

  it.each([
    ['en', 1, '; 1 claim QR not seen claimed: RM 1.00 and 1 point more, not counted as given'],
    ['en', 2, '; 2 claim QRs not seen claimed: RM 1.50 and 1 point more, not counted as given'],
    ['ms', 2, '; 2 QR tuntutan belum dikesan dituntut: RM 1.50 dan 1 mata lagi, tidak dikira sebagai diberi'],
    ['zh', 2, '；另有 2 个领取二维码未见领取：RM 1.50，1 积分，不计为已发放'],
  ] as const)("History's totals say the QRs' points in the points' own plural (%s, %i QRs holding 1 point)", async (language, qrs, line) => {
    const fake = setUp({ settings: { language } });
    fake.addAward({ id: awardId(1), state: 'AWARDED', amountSen: 100, pointsPreview: 1, pointsConfirmed: true, member: QR, claimedAt: null });
    if (qrs === 2) fake.addAward({ id: awardId(2), state: 'AWARDED', amountSen: 50, pointsPreview: 0, pointsConfirmed: true, member: QR, claimedAt: null });
    await openHistory(fake);
    const totals = await screen.findByTestId('totals-all');
    await waitFor(() => expect(totals.textContent?.replace(/\s/gu, ' ')).toContain(line));
  });
});
