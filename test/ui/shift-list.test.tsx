// The manager's list of shifts: the same figures the cashier saw, filtered by cashier and the days they started, each
// opening the history of just its awards; behind the PIN.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDateMinute, formatMoney, formatTimeNear } from '../../renderer/format/locale.ts';
import type { FakeKaunter } from './fake-kaunter.ts';
import { renderApp, setUp } from './harness.tsx';
import { aminahsAwards, awardId } from './shift-fixture.ts';
import { withListLayout } from './list-layout.ts';

withListLayout();

describe("the manager's shifts", () => {
  /** Aminah's ended shift with her awards, then Mei Ling's, still open, with one of hers. */
  async function twoShifts(): Promise<FakeKaunter> {
    const fake = setUp();
    aminahsAwards(fake);
    await fake.api.shift.start({ cashier: 'Mei Ling' });
    fake.addAward({ id: awardId(6), state: 'AWARDED', amountSen: 4200, pointsPreview: 42, pointsConfirmed: true });
    fake.manager.unlocked = true;
    renderApp();
    fireEvent.click(await screen.findByTestId('nav-manager'));
    fireEvent.click(await screen.findByTestId('tab-shifts'));
    await screen.findByTestId('shift-table');
    return fake;
  }

  function rows(): HTMLElement[] {
    return screen.getAllByTestId('shift-row');
  }

  it('lists every shift, newest first, with its cashier, times and the figures of its summary', async () => {
    const fake = await twoShifts();
    expect(rows().map((row) => row.querySelector('th')?.textContent)).toEqual(['Mei Ling', 'Aminah']);
    const [meiLing, aminah] = rows() as [HTMLElement, HTMLElement];
    expect(meiLing.textContent).toContain('Open');
    const ended = fake.shifts[0];
    expect(aminah.textContent).toContain(formatDateMinute(ended?.startedAt ?? 0, 'en'));
    const { figures } = fake.shiftSummary(ended!);
    const cell = (row: HTMLElement, name: string) => row.querySelector(`[data-figure=${name}]`)?.textContent;
    expect(cell(aminah, 'awards')).toBe(`${figures.awards} (${figures.awardedAwards} awarded, ${figures.notGiven} not given)`);
    expect(cell(aminah, 'amount')).toBe(formatMoney(figures.awardedAmountSen, 'en'));
    expect(cell(aminah, 'points')).toBe(`${figures.points} (est.)`);
    expect([cell(aminah, 'waiting'), cell(aminah, 'unknown')]).toEqual([String(figures.waiting), String(figures.unknown)]);
    expect(cell(meiLing, 'points')).toBe('42');
  });

  it('filters by cashier and by the days the shifts started', async () => {
    const fake = await twoShifts();
    fireEvent.change(screen.getByTestId('filter-cashier'), { target: { value: 'Aminah' } });
    fireEvent.click(screen.getByTestId('filter-apply'));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(fake.callsOf('shift.list').at(-1)).toEqual({ filter: { cashier: 'Aminah' }, limit: 100 });
    expect(screen.queryByTestId('filter-member')).toBeNull();

    fireEvent.change(screen.getByTestId('filter-cashier'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('filter-from'), { target: { value: '01/01/2020' } });
    fireEvent.change(screen.getByTestId('filter-to'), { target: { value: '02/01/2020' } });
    fireEvent.click(screen.getByTestId('filter-apply'));
    expect(await screen.findByText('No shifts match this filter.')).toBeTruthy();
    expect(fake.callsOf('shift.list').at(-1)).toEqual({ filter: { fromMs: Date.UTC(2019, 11, 31, 16), toMs: Date.UTC(2020, 0, 2, 16) }, limit: 100 });
  });

  it('Awards opens the history of just that shift\'s awards, filtered within it, until the manager shows all', async () => {
    const fake = await twoShifts();
    const aminah = rows()[1] as HTMLElement;
    fireEvent.click(within(aminah).getByTestId('shift-show-awards'));
    const scope = await screen.findByTestId('history-shift-scope');
    const { startedAt, endedAt } = fake.shifts[0]!;
    expect(scope.textContent).toContain(`The awards of Aminah's shift, ${formatDateMinute(startedAt, 'en')} to ${formatTimeNear(endedAt ?? 0, startedAt, 'en')}`);
    expect(screen.getByTestId('tab-history').getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(5));
    expect(screen.getAllByTestId('history-row').every((row) => row.textContent?.includes('Aminah'))).toBe(true);

    // Filtered within the shift: its days and cashier are the shift's, so the form offers only the rest, and the
    // awarded ones are Aminah's two, not Mei Ling's too.
    expect(screen.queryByTestId('filter-from')).toBeNull();
    expect(screen.queryByTestId('filter-cashier')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Awarded' }));
    fireEvent.click(screen.getByTestId('filter-apply'));
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(2));
    expect(screen.getAllByTestId('history-row').every((row) => row.textContent?.includes('Aminah'))).toBe(true);
    expect(screen.getByTestId('history-shift-scope')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(5));

    fireEvent.click(screen.getByTestId('history-shift-clear'));
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(6));
    expect(screen.queryByTestId('history-shift-scope')).toBeNull();
  });

  it('is behind the PIN', async () => {
    const fake = setUp();
    renderApp();
    fireEvent.click(await screen.findByTestId('nav-manager'));
    await screen.findByTestId('pin-pad');
    expect(screen.queryByTestId('tab-shifts')).toBeNull();
    expect(fake.callsOf('shift.list')).toEqual([]);
  });
});
