// The counter's refused news at the top of the manager's History: "Show them" lists exactly the refusals the line counted
// (the core's own condition, sent back as it was counted) within a scope line that clears to an empty form; "Seen" names
// the newest refusal this screen counted; a mark made on another screen clears this one's pill; and a "Seen" refused
// because the screens were locked leaves no words behind once the manager is back.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FakeKaunter } from './fake-kaunter.ts';
import { renderApp, setUp } from './harness.tsx';
import { withListLayout } from './list-layout.ts';

withListLayout();

/** 2026-12-03 09:00 in the shop (UTC+8). */
const MADE = Date.UTC(2026, 11, 3, 1, 0, 0);
const NEWS = { refusedFromMs: MADE - 3_600_000, toldWithinMs: 8_000, afterEvent: 40, upToEvent: 57 };

function withNews(): FakeKaunter {
  const fake = setUp();
  fake.addAward({ id: '11111111-1111-4111-8111-111111111111', state: 'REJECTED', amountSen: 990, createdAt: MADE });
  fake.addAward({ id: '22222222-2222-4222-8222-222222222222', state: 'AWARDED', amountSen: 1500, createdAt: MADE + 60_000 });
  fake.refused = { count: 1, sinceMs: NEWS.refusedFromMs, madeSinceMs: MADE, news: NEWS };
  return fake;
}

async function openHistory(fake: FakeKaunter): Promise<HTMLElement> {
  fake.manager.unlocked = true;
  renderApp();
  fireEvent.click(await screen.findByTestId('nav-manager'));
  return screen.findByTestId('history-refused-news');
}

const lastFilter = (fake: FakeKaunter): unknown => (fake.callsOf('history.page').at(-1) as { filter: unknown }).filter;

describe("the counter's refused news in History", () => {
  it('lists exactly what it counted; the filters refine within them; "show all" clears to an empty form', async () => {
    const fake = withNews();
    await openHistory(fake);
    fireEvent.click(screen.getByTestId('history-refused-show'));
    const scope = await screen.findByTestId('history-refused-scope');
    expect(scope.textContent).toMatch(/^Awards Revenue Monster refused, made since (\d\d\/\d\d\/\d{4} )?09:00/);
    await waitFor(() => expect(lastFilter(fake)).toEqual({ refusedNews: NEWS }));
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(1));
    // The list's states are the scope's: no box says "Refused" (every refused award) or offers another state.
    expect(screen.queryByTestId('filter-states')).toBeNull();

    fireEvent.change(screen.getByTestId('filter-receipt'), { target: { value: 'INV-9' } });
    fireEvent.click(screen.getByTestId('filter-apply'));
    await waitFor(() => expect(lastFilter(fake)).toEqual({ receipt: 'INV-9', refusedNews: NEWS }));
    expect(screen.getByTestId('history-refused-scope')).toBeTruthy();

    fireEvent.click(screen.getByTestId('history-refused-clear'));
    await waitFor(() => expect(lastFilter(fake)).toEqual({}));
    expect(screen.queryByTestId('history-refused-scope')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('filter-receipt').value).toBe('');
    expect(within(screen.getByTestId('filter-states')).getAllByRole('checkbox').every((box) => !(box as HTMLInputElement).checked)).toBe(true);
  });

  it('"seen" names the newest refusal this screen counted, and the line and the pill go', async () => {
    const fake = withNews();
    await openHistory(fake);
    expect((await screen.findByTestId('refused')).dataset.count).toBe('1');
    fireEvent.click(screen.getByTestId('history-refused-seen'));
    await waitFor(() => expect(screen.queryByTestId('history-refused-news')).toBeNull());
    expect(fake.callsOf('queue.refusedSeen')).toEqual([{ upToEvent: NEWS.upToEvent }]);
    expect(screen.queryByTestId('refused')).toBeNull();
  });

  it('"seen" with the list shown marks no further than the list goes, though a refusal came since', async () => {
    const fake = withNews();
    await openHistory(fake);
    fireEvent.click(screen.getByTestId('history-refused-show'));
    await screen.findByTestId('history-refused-scope');
    // Another refusal comes: the line counts 2, the list still shows the one it listed.
    fake.emit('queue.refusedChanged', { count: 2, sinceMs: NEWS.refusedFromMs, madeSinceMs: MADE, news: { ...NEWS, upToEvent: 63 } });
    await waitFor(() => expect(screen.getByTestId('history-refused-news').dataset.count).toBe('2'));
    fireEvent.click(screen.getByTestId('history-refused-seen'));
    await waitFor(() => expect(fake.callsOf('queue.refusedSeen')).toEqual([{ upToEvent: NEWS.upToEvent }]));
  });

  it("follows a mark made on another screen: the pill goes without asking the core again", async () => {
    const fake = withNews();
    renderApp();
    expect((await screen.findByTestId('refused')).dataset.count).toBe('1');
    const asked = fake.callsOf('queue.refused').length;
    fake.emit('queue.refusedChanged', { count: 0, sinceMs: MADE + 120_000, madeSinceMs: null, news: { ...NEWS, afterEvent: 57 } });
    await waitFor(() => expect(screen.queryByTestId('refused')).toBeNull());
    expect(fake.callsOf('queue.refused')).toHaveLength(asked);
  });

  it('"seen" refused because the screens were locked: back after the PIN, the line has no words of it', async () => {
    const fake = withNews();
    await openHistory(fake);
    // Main locked the screens (the session ran out) without this page hearing it yet.
    fake.manager.unlocked = false;
    fireEvent.click(screen.getByTestId('history-refused-seen'));
    await screen.findByTestId('pin-pad');
    fireEvent.change(screen.getByLabelText('Manager PIN'), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('pin-unlock'));
    const news = await screen.findByTestId('history-refused-news');
    expect(news.textContent).not.toContain('Unlock with the manager PIN');
    expect(within(news).queryByRole('alert')).toBeNull();
  });
});
