// The cashier's shift summary, in place of the sale: so far, then ended, live as the queue moves, with print and
// export, in the language on screen.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { formatDateMinute, formatNumber, formatMoney } from '../../renderer/format/locale.ts';
import type { FakeKaunter } from './fake-kaunter.ts';
import { renderApp, setUp } from './harness.tsx';
import { aminahsAwards, awardId } from './shift-fixture.ts';

function figure(name: string): string {
  return screen.getByTestId(`shift-${name}`).textContent ?? '';
}

/** What the summary must say, from the fake core's own reading of the shift. */
function expectFigures(fake: FakeKaunter, id: number): void {
  const shift = fake.shifts.find((candidate) => candidate.id === id);
  if (!shift) throw new Error(`no shift ${id}`);
  const { figures } = fake.shiftSummary(shift);
  // The refused award is said, so the awards add up to the customers served.
  expect(figures.notGiven).toBe(1);
  expect(figure('awards')).toBe(`${figures.awards} (${figures.awardedAwards} awarded, 1 not given)`);
  expect(figure('amount')).toBe(formatMoney(figures.awardedAmountSen, 'en'));
  expect(figure('points')).toBe(`${formatNumber(figures.points, 'en')}${figures.unconfirmed > 0 ? ` (${figures.unconfirmed} award${figures.unconfirmed === 1 ? '' : 's'} still estimated)` : ''}`);
  expect(figure('waiting')).toBe(String(figures.waiting));
  expect(figure('unknown')).toBe(String(figures.unknown));
}

describe('the shift summary at the counter', () => {
  it('End shift shows the shift so far; it follows the queue; ending it says so; Done asks for the next name', async () => {
    const fake = setUp();
    aminahsAwards(fake);
    renderApp();
    fireEvent.click(await screen.findByTestId('end-shift'));
    const summary = await screen.findByTestId('shift-summary');
    expect(screen.queryByTestId('confirm')).toBeNull();
    expect(within(summary).getByRole('heading').textContent).toBe("Aminah's shift so far");
    expect(document.activeElement).toBe(within(summary).getByRole('heading'));
    expect(screen.getByTestId('shift-period').textContent).toBe(`From ${formatDateMinute(fake.shifts[0]?.startedAt ?? 0, 'en')}, still open`);
    expectFigures(fake, 1);
    expect(summary.textContent).toContain('1 award is saved and will be sent by itself');
    expect(summary.textContent).toContain("1 award's outcome is unknown: a manager must check it in Review.");

    // RM comes back: the waiting award is sent, and the summary on screen says so at once.
    act(() => void fake.settle(awardId(4), { state: 'AWARDED', pointsConfirmed: true }));
    await waitFor(() => expect(figure('waiting')).toBe('0'));
    expectFigures(fake, 1);

    fireEvent.click(screen.getByTestId('shift-end-now'));
    await waitFor(() => expect(within(summary).getByRole('heading').textContent).toBe("Aminah's shift has ended"));
    expect(fake.openShift()).toBeNull();
    expect(screen.getByTestId('shift-period').textContent).not.toContain('still open');
    expect(screen.queryByTestId('shift-end-now')).toBeNull();
    expectFigures(fake, 1);

    fireEvent.click(screen.getByTestId('shift-close'));
    await screen.findByTestId('confirm');
    expect(screen.queryByTestId('shift-bar')).toBeNull();
    expect(screen.getByTestId<HTMLSelectElement>('cashier').value).toBe('');
  });

  it('the next cashier starts with an empty sale, not the amount and member left on the counter', async () => {
    setUp();
    renderApp();
    const amount = await screen.findByLabelText('Amount');
    fireEvent.change(amount, { target: { value: '30' } });
    fireEvent.keyDown(amount, { key: 'Enter' });
    fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: '0172826990' } });
    fireEvent.click(screen.getByTestId('end-shift'));
    fireEvent.click(await screen.findByTestId('shift-end-now'));
    await screen.findByText("Aminah's shift has ended");
    fireEvent.click(screen.getByTestId('shift-close'));
    expect(screen.getByLabelText<HTMLInputElement>('Amount').value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Phone number').value).toBe('');
  });

  it('names the cashier whose shift is open even after a manager took them off the list', async () => {
    setUp({ settings: { cashiers: ['Mei Ling'] } });
    renderApp();
    const picker = await screen.findByTestId<HTMLSelectElement>('cashier');
    await waitFor(() => expect(picker.value).toBe('Aminah'));
    expect([...picker.options].map((option) => option.textContent)).toEqual(['Aminah', 'Mei Ling']);
  });

  it('Back (or Escape) returns to the sale with the shift still open', async () => {
    const fake = setUp();
    renderApp();
    fireEvent.click(await screen.findByTestId('end-shift'));
    fireEvent.click(await screen.findByTestId('shift-close'));
    await screen.findByTestId('confirm');
    fireEvent.click(screen.getByTestId('end-shift'));
    fireEvent.keyDown(await screen.findByTestId('shift-summary'), { key: 'Escape' });
    await screen.findByTestId('confirm');
    expect(fake.callsOf('shift.end')).toEqual([]);
    expect(fake.openShift()?.cashier).toBe('Aminah');
  });

  it('prints with the page\'s print, and exports the shift as CSV into Downloads', async () => {
    const fake = setUp();
    aminahsAwards(fake);
    const print = vi.fn();
    window.print = print;
    renderApp();
    fireEvent.click(await screen.findByTestId('end-shift'));
    fireEvent.click(await screen.findByTestId('shift-print'));
    expect(print).toHaveBeenCalledTimes(1);
    const printable = screen.getByTestId('shift-summary').querySelector('.printable');
    expect(printable?.textContent).toContain("Aminah's shift so far");
    // A practice shift says so on paper, where the screen's banner is not printed.
    expect(within(printable as HTMLElement).getByTestId('shift-training').textContent).toBe('TRAINING Practice mode: no real points are given.');
    fireEvent.click(screen.getByTestId('shift-export'));
    const saved = await screen.findByTestId('export-saved');
    expect(fake.callsOf('shift.exportCsv')).toEqual([{ id: 1 }]);
    expect(saved.textContent).toBe('Saved to /home/shop/Downloads/kaunter-training-shift-1.csv (1 row).');
  });

  it('on a counter that gives real points, the printed summary carries no practice mark', async () => {
    const fake = setUp({ training: false });
    aminahsAwards(fake);
    renderApp();
    fireEvent.click(await screen.findByTestId('end-shift'));
    expect((await screen.findByTestId('shift-summary')).querySelector('.printable')?.textContent).toContain("Aminah's shift so far");
    expect(screen.queryByTestId('shift-training')).toBeNull();
  });

  it('speaks the language on screen', async () => {
    const fake = setUp({ settings: { language: 'ms' } });
    aminahsAwards(fake);
    renderApp();
    fireEvent.click(await screen.findByTestId('end-shift'));
    const summary = await screen.findByTestId('shift-summary');
    expect(within(summary).getByRole('heading').textContent).toBe('Syif Aminah setakat ini');
    expect(summary.textContent).toContain('Belum dihantar');
    fireEvent.click(screen.getByTestId('language-zh'));
    await waitFor(() => expect(within(summary).getByRole('heading').textContent).toBe('Aminah 的班次（截至目前）'));
    expect(summary.textContent).toContain('待审核');
  });
});
