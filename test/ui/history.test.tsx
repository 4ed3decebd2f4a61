// The manager's history: a million rows paged with the core's cursor and virtualised (only the rows in view are in
// the page), filters turned into the core's filter in Malaysian days, totals, the award detail, and CSV export.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildFilter, EMPTY_FILTER_FORM } from '../../renderer/manager/history-filter.ts';
import { HISTORY_PAGE_SIZE } from '../../renderer/manager/use-history-pages.ts';
import { ROW_HEIGHT } from '../../renderer/manager/HistoryList.tsx';
import type { FakeKaunter } from './fake-kaunter.ts';
import { renderApp, setUp } from './harness.tsx';
import { withListLayout } from './list-layout.ts';

withListLayout();

async function unlockHistory(fake: FakeKaunter) {
  fake.manager.unlocked = true;
  renderApp();
  fireEvent.click(await screen.findByTestId('nav-manager'));
  return screen.findByTestId('history-list');
}

function pageCursors(fake: FakeKaunter): Array<string | null> {
  return (fake.callsOf('history.page') as Array<{ cursor: string | null }>).map((call) => call.cursor);
}

describe('history list with a million rows', () => {
  it('renders a screenful, fetches one page, and the next page only when scrolled near the end of it', async () => {
    const fake = setUp({ historyRows: 1_000_000 });
    const list = await unlockHistory(fake);
    await waitFor(() => expect(within(list).getAllByTestId('history-row').length).toBeGreaterThan(5));
    const rendered = within(list).getAllByTestId('history-row').length;
    expect(rendered).toBeLessThan(40);
    expect(pageCursors(fake)).toEqual([null]);
    expect((fake.callsOf('history.page')[0] as { limit: number }).limit).toBe(HISTORY_PAGE_SIZE);
    expect(await screen.findByTestId('totals-all')).toHaveProperty('dataset.awards', '1000000');
    expect(screen.getByTestId('totals-all').textContent).toContain('1,000,000 awards');

    // Scroll to the end of the first page: the second page is asked for, once, and still only a screenful is drawn.
    act(() => {
      list.scrollTop = (HISTORY_PAGE_SIZE - 10) * ROW_HEIGHT;
      list.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => expect(pageCursors(fake)).toEqual([null, String(HISTORY_PAGE_SIZE)]));
    await waitFor(() => expect(list.querySelector(`[data-index="${HISTORY_PAGE_SIZE - 5}"] [data-testid=history-row]`)).not.toBeNull());
    expect(within(list).getAllByTestId('history-row').length).toBeLessThan(40);
    expect(list.querySelector('[data-index="0"]')).toBeNull();
    // The list is as tall as what is loaded (plus the loading row): the browser's scrollbar, not the DOM, holds it.
    const spacer = list.firstElementChild as HTMLElement;
    expect(parseInt(spacer.style.height, 10)).toBe((2 * HISTORY_PAGE_SIZE + 1) * ROW_HEIGHT);
  });

  it('a row opens the award detail with its event trail and attempts', async () => {
    const fake = setUp();
    fake.addAward({ id: '11111111-1111-4111-8111-111111111111', state: 'AWARDED', amountSen: 2590, receiptRef: 'INV-9' });
    await unlockHistory(fake);
    fireEvent.click(await screen.findByTestId('history-row'));
    const detail = await screen.findByTestId('award-detail');
    await waitFor(() => expect(detail.textContent?.replace(/\s/gu, ' ')).toContain('RM 25.90'));
    expect(detail.textContent).toContain('INV-9');
    const trail = screen.getByTestId('event-trail');
    expect(trail.textContent).toContain('Queued → Awarded');
    expect(trail.textContent).toContain('Kaunter (sending)');
    expect(screen.getByTestId('attempts').textContent).toContain('Succeeded');
    fireEvent.click(screen.getByTestId('detail-close'));
    expect(await screen.findByTestId('history-list')).toBeTruthy();
  });

  it('the last error is shown while it explains the state, and only in the trail once a manager settled the award', async () => {
    const fake = setUp();
    const lastError = { code: 'CONNECTION_LOST', message: 'The connection dropped after the award was sent.' };
    fake.addAward({ id: '11111111-1111-4111-8111-111111111111', state: 'UNKNOWN', lastError });
    await unlockHistory(fake);
    fireEvent.click(await screen.findByTestId('history-row'));
    expect((await screen.findByTestId('award-detail')).textContent).toContain('Last error');
    fireEvent.click(screen.getByTestId('detail-close'));
    act(() => void fake.settle('11111111-1111-4111-8111-111111111111', { state: 'AWARDED', pointsConfirmed: true }));
    fireEvent.click(await screen.findByTestId('history-row'));
    await waitFor(() => expect(screen.getByTestId('award-detail').textContent).toContain('Awarded'));
    expect(screen.getByTestId('award-detail').textContent).not.toContain('Last error');
  });

  it("points RM has not confirmed show as an estimate in the row, the detail and the totals", async () => {
    const fake = setUp();
    const estimated = '88888888-8888-4888-8888-888888888888';
    fake.addAward({ id: estimated, state: 'AWARDED', pointsPreview: 12, pointsConfirmed: false });
    fake.addAward({ id: '99999999-9999-4999-8999-999999999999', state: 'AWARDED', pointsPreview: 30, pointsConfirmed: true });
    await unlockHistory(fake);
    await waitFor(() => expect(screen.getAllByTestId('history-row').length).toBe(2));
    const points = (row: HTMLElement) => row.children[5]?.textContent;
    const rows = new Map(screen.getAllByTestId('history-row').map((row) => [row.dataset.awardId, row]));
    expect(points(rows.get(estimated)!)).toBe('12 est.');
    expect(points(rows.get('99999999-9999-4999-8999-999999999999')!)).toBe('30');
    const totals = await screen.findByTestId('totals-all');
    await waitFor(() => expect(totals.textContent).toContain('(1 award still estimated)'));
    expect(screen.getByTestId('history-totals').textContent).toContain('42');
    // What "est." means is said once, under the totals.
    const legend = screen.getByTestId('estimate-legend');
    expect(legend.textContent).toMatch(/^est\.: the points Kaunter estimated/);
    // Both tables (by day, by cashier) point a screen reader at it.
    const tables = screen.getByTestId('history-totals').querySelectorAll('table');
    expect(tables).toHaveLength(2);
    for (const table of tables) expect(table.getAttribute('aria-describedby')).toBe(legend.id);
    fireEvent.click(rows.get(estimated)!);
    expect((await screen.findByTestId('award-detail')).textContent).toContain('12 est.');
    // Once RM has confirmed every award's points, there is nothing to explain.
    fireEvent.click(screen.getByTestId('detail-close'));
    act(() => void fake.settle(estimated, { state: 'AWARDED', pointsConfirmed: true }));
    fireEvent.click(screen.getByTestId('filter-apply'));
    // The totals reload (and are away meanwhile): the legend is looked for once they are back.
    await waitFor(() => expect(screen.getByTestId('totals-all').textContent).toMatch(/^2 awards, .* and 42 points$/));
    expect(screen.queryByTestId('estimate-legend')).toBeNull();
    for (const table of screen.getByTestId('history-totals').querySelectorAll('table')) expect(table.hasAttribute('aria-describedby')).toBe(false);
  });

  it('filters go to the core as its filter: states, cashier, member digits, receipt, Malaysian days', async () => {
    const fake = setUp();
    await unlockHistory(fake);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Needs review' }));
    fireEvent.change(screen.getByTestId('filter-cashier'), { target: { value: 'Mei Ling' } });
    fireEvent.change(screen.getByTestId('filter-member'), { target: { value: '6990' } });
    fireEvent.change(screen.getByTestId('filter-from'), { target: { value: '2026-11-25' } });
    fireEvent.change(screen.getByTestId('filter-to'), { target: { value: '2026-11-25' } });
    fireEvent.click(screen.getByTestId('filter-apply'));
    await waitFor(() => expect(fake.callsOf('history.page')).toHaveLength(2));
    expect(fake.callsOf('history.page')[1]).toEqual({
      filter: { states: ['UNKNOWN'], cashier: 'Mei Ling', member: '6990', fromMs: Date.UTC(2026, 10, 24, 16), toMs: Date.UTC(2026, 10, 25, 16) },
      cursor: null,
      limit: HISTORY_PAGE_SIZE,
    });
    expect(fake.callsOf('history.totals').at(-1)).toEqual({ filter: (fake.callsOf('history.page')[1] as { filter: unknown }).filter });
  });

  it('refuses a filter it cannot mean, in words', async () => {
    expect(buildFilter({ ...EMPTY_FILTER_FORM, fromDay: '2026-11-26', toDay: '2026-11-25' })).toEqual({ ok: false, problem: 'range' });
    expect(buildFilter({ ...EMPTY_FILTER_FORM, member: '69' })).toEqual({ ok: false, problem: 'memberShort' });
    expect(buildFilter({ ...EMPTY_FILTER_FORM, receipt: ' INV-1 ' })).toEqual({ ok: true, filter: { receipt: 'INV-1' } });
    const fake = setUp();
    await unlockHistory(fake);
    fireEvent.change(screen.getByTestId('filter-member'), { target: { value: '69' } });
    fireEvent.click(screen.getByTestId('filter-apply'));
    expect(await screen.findByText('Type at least 3 digits of the phone number.')).toBeTruthy();
    expect(fake.callsOf('history.page')).toHaveLength(1);
  });

  it('exports CSV with progress, then says where the file is', async () => {
    const fake = setUp();
    fake.exportRows = 4;
    await unlockHistory(fake);
    fireEvent.click(screen.getByTestId('export-csv'));
    const saved = await screen.findByTestId('export-saved');
    expect(saved.textContent).toBe('Saved to /home/shop/Kaunter/history-2026-11-25.csv (4 rows).');
    expect(fake.callsOf('history.exportCsv')).toEqual([{ filter: {} }]);
  });
});
