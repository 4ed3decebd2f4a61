// Awards of a shop without a cashier list are recorded under the terminal, stored as a code with its name: history, the
// award's detail and its trail say "Terminal <name>" in the language on screen. An award recorded before the code
// holds the English words "Terminal <name>" and reads the same. (The hub serves these same screens.)
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import { renderApp, setUp } from './harness.tsx';
import { withListLayout } from './list-layout.ts';

withListLayout();

const CODED = '66666666-6666-4666-8666-666666666666';
const OLD = '77777777-7777-4777-8777-777777777777';
const CASHIER_COLUMN = 3;

async function history(language: 'en' | 'ms' | 'zh', cashiers: string[] = []) {
  const fake = setUp({ settings: { language, cashiers } });
  fake.addAward({ id: CODED, state: 'AWARDED', cashier: 'terminal:Kaunter 2', createdAt: Date.UTC(2026, 10, 25, 3) });
  fake.addAward({ id: OLD, state: 'AWARDED', cashier: 'Terminal Kaunter 2', createdAt: Date.UTC(2026, 10, 25, 2) });
  fake.manager.unlocked = true;
  useNavStore.setState({ screen: 'manager', managerTab: 'history' });
  renderApp();
  const list = await screen.findByTestId('history-list');
  await within(list).findAllByTestId('history-row');
  return within(list).getAllByTestId('history-row');
}

const cashierCell = (row: HTMLElement) => row.children[CASHIER_COLUMN]?.textContent;

describe('the terminal as cashier, in the reader\'s language', () => {
  it.each([
    ['en', 'Terminal Kaunter 2'],
    ['ms', 'Terminal Kaunter 2'],
    ['zh', '终端 Kaunter 2'],
  ] as const)('%s: history says %s for a new award and for one recorded in English before', async (language, words) => {
    const rows = await history(language);
    expect(rows.map(cashierCell)).toEqual([words, words]);
    expect(rows.map(cashierCell).join()).not.toContain('terminal:');
  });

  it('zh: the award\'s detail and its trail name the terminal in Chinese, not as "Cashier terminal:…"', async () => {
    const rows = await history('zh');
    for (const row of rows) {
      fireEvent.click(row);
      const detail = await screen.findByTestId('award-detail');
      const trail = await screen.findByTestId('event-trail');
      expect(detail.textContent).toContain('终端 Kaunter 2');
      expect(trail.querySelector('tbody tr td:nth-child(3)')?.textContent).toBe('终端 Kaunter 2');
      expect(detail.textContent).not.toMatch(/terminal:|Terminal /);
      fireEvent.click(within(detail).getAllByRole('button')[0] as HTMLElement);
      await screen.findByTestId('history-list');
    }
  });

  it('zh: at head office the cashier filter lists the terminal in Chinese, and filters by what is stored', async () => {
    // The hub's page fills the list with every cashier column it holds (renderer/hub/hub-api.ts).
    await history('zh', ['Aina', 'terminal:Kaunter 2']);
    const options = [...screen.getByTestId('filter-cashier').querySelectorAll('option')].slice(1);
    expect(options.map((option) => [option.value, option.textContent])).toEqual([
      ['Aina', 'Aina'],
      ['terminal:Kaunter 2', '终端 Kaunter 2'],
    ]);
  });
});
