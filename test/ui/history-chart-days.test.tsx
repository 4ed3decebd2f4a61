// History's "By day" chart draws a whole month day by day; a longer range charts its newest days and its caption says
// which, while the table beside it lists every day of the filter.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NO_TOTALS } from '../../app/common/totals.ts';
import { HistoryTotals } from '../../renderer/manager/HistoryTotals.tsx';
import { setUp } from './harness.tsx';

/** `count` days with awards, newest first, as the core answers them. */
function totalsOver(count: number) {
  const byDay = Array.from({ length: count }, (_, i) => ({ ...NO_TOTALS, day: new Date(Date.UTC(2026, 11, 31) - i * 86_400_000).toISOString().slice(0, 10), awards: 1, awardedAwards: 1, awardedAmountSen: 100, points: 1 }));
  return { byDay, byCashier: [{ ...NO_TOTALS, cashier: 'Aina', awards: count, awardedAwards: count, awardedAmountSen: 100 * count, points: count }] };
}

function byDayPanel(): HTMLElement {
  const panel = screen.getByTestId('history-totals').querySelector('.totals-panel');
  if (!(panel instanceof HTMLElement)) throw new Error('no By day panel');
  return panel;
}

describe("History's By day chart", () => {
  it('charts a whole month (31 days) under its plain caption', () => {
    setUp();
    render(<HistoryTotals totals={totalsOver(31)} />);
    expect(byDayPanel().querySelector('h3')?.textContent).toBe('By day');
    expect(byDayPanel().querySelectorAll('tbody tr')).toHaveLength(31);
  });

  it('a longer range says the chart has its newest 31 of the days; the table has them all', () => {
    setUp();
    render(<HistoryTotals totals={totalsOver(36)} />);
    expect(byDayPanel().querySelector('h3')?.textContent).toBe('By day: the newest 31 of 36 days');
    expect(byDayPanel().querySelectorAll('tbody tr')).toHaveLength(36);
  });
});
