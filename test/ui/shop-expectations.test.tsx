// What cashiers and owners expect of the screens: the success panel names the member with the points given and the new
// balance, each outcome has its own sound (and none when the shop turned them off), a cashier is chosen before the
// first award, the terminal is named, dates are dd/mm/yyyy, counts are singular when one, Review is a table with the
// reason each award is unknown, and changing the environment asks first.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import { useSaleStore } from '../../renderer/stores/sale-store.ts';
import type { FakeKaunter } from './fake-kaunter.ts';
import { renderApp, setUp } from './harness.tsx';
import { withListLayout } from './list-layout.ts';

withListLayout();

/** The Web Audio API as the page sees it, recording each note (happy-dom has no audio). */
class RecordingAudioContext {
  static notes: number[] = [];
  currentTime = 0;
  readonly destination = {};
  createOscillator() {
    return { type: 'sine', frequency: { value: 0 }, connect: (node: unknown) => node, start() { RecordingAudioContext.notes.push(this.frequency.value); }, stop: () => undefined };
  }
  createGain() {
    return { gain: { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined }, connect: (node: unknown) => node };
  }
}

afterEach(() => {
  RecordingAudioContext.notes = [];
  delete (window as { AudioContext?: unknown }).AudioContext;
});

function notesPlayed(): number[] {
  return RecordingAudioContext.notes;
}

async function sell(fake: FakeKaunter, phone = '0172826990', render = true): Promise<HTMLElement> {
  if (render) renderApp();
  const amount = await screen.findByLabelText('Amount');
  fireEvent.change(amount, { target: { value: '30' } });
  fireEvent.keyDown(amount, { key: 'Enter' });
  const phoneField = screen.getByLabelText('Phone number');
  fireEvent.change(phoneField, { target: { value: phone } });
  fireEvent.keyDown(phoneField, { key: 'Enter' });
  await waitFor(() => expect(useSaleStore.getState().preview).not.toBeNull());
  const before = fake.callsOf('award.submit').length;
  fireEvent.click(screen.getByTestId('confirm'));
  await waitFor(() => expect(fake.callsOf('award.submit').length).toBe(before + 1));
  return screen.findByTestId('outcome');
}

describe('the success panel and its sound', () => {
  it("names the member and shows the points given and the balance RM reports after, with two rising notes", async () => {
    const fake = setUp();
    Object.assign(window, { AudioContext: RecordingAudioContext });
    const outcome = await sell(fake);
    expect(outcome.dataset.outcome).toBe('awarded');
    expect(screen.getByTestId('outcome-member').textContent).toContain('Tan M.');
    expect(screen.getByTestId('outcome-points').textContent).toBe('+30');
    // The fake's member gets the points only now, as RM would: the panel shows RM's new figure, not a sum of its own.
    fake.members['172826990'] = { name: 'Tan Mei Ling', points: 1230 };
    act(() => useSaleStore.setState((state) => ({ outcome: state.outcome ? { ...state.outcome, balanceAfter: null } : null })));
    await act(() => useSaleStore.getState().refreshBalance());
    expect(screen.getByTestId('outcome-balance').textContent).toBe('1,230');
    expect(notesPlayed()).toEqual([1046.5, 1318.5]);
  });

  it.each([
    ['queued', { kind: 'queued', waiting: 'offline' }, [784]],
    ['refused', { kind: 'rejected', code: 'MEMBER_NOT_FOUND', message: 'No such member.' }, [392, 311.1]],
  ] as const)('%s has its own sound', async (kind, script, notes) => {
    const fake = setUp();
    fake.submitScript = script;
    Object.assign(window, { AudioContext: RecordingAudioContext });
    const outcome = await sell(fake);
    expect(outcome.dataset.outcome).toBe(kind);
    expect(notesPlayed()).toEqual(notes);
  });

  it('plays nothing when the shop turned sounds off', async () => {
    const fake = setUp({ settings: { sounds: false } });
    Object.assign(window, { AudioContext: RecordingAudioContext });
    await sell(fake);
    expect(notesPlayed()).toEqual([]);
  });

  it('the sounds switch in Settings turns them off for the counter at once', async () => {
    const fake = setUp();
    Object.assign(window, { AudioContext: RecordingAudioContext });
    fake.manager.unlocked = true;
    useNavStore.setState({ screen: 'manager', managerTab: 'settings' });
    renderApp();
    const sounds = await screen.findByTestId<HTMLInputElement>('sounds');
    expect(sounds.checked).toBe(true);
    fireEvent.click(sounds);
    await waitFor(() => expect(fake.callsOf('settings.update')).toEqual([{ sounds: false }]));
    await waitFor(() => expect(sounds.checked).toBe(false));
    expect(fake.settings.sounds).toBe(false);
    fireEvent.click(screen.getByTestId('nav-counter'));
    expect((await sell(fake, '0172826990', false)).dataset.outcome).toBe('awarded');
    expect(notesPlayed()).toEqual([]);
  });
});

describe('who is at the counter', () => {
  it('a new shift chooses its cashier before the first award: Confirm says so and does nothing until then', async () => {
    const fake = setUp({ cashier: null });
    renderApp();
    const amount = await screen.findByLabelText('Amount');
    fireEvent.change(amount, { target: { value: '30' } });
    fireEvent.keyDown(amount, { key: 'Enter' });
    fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: '0172826990' } });
    fireEvent.keyDown(screen.getByLabelText('Phone number'), { key: 'Enter' });
    await screen.findByTestId('preview-member');
    const confirm = screen.getByTestId('confirm');
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByTestId('confirm-reason').textContent).toBe('Choose who is at the counter first: Cashier, at the top.');
    fireEvent.click(confirm);
    expect(fake.callsOf('award.submit')).toEqual([]);
    fireEvent.change(screen.getByTestId('cashier'), { target: { value: 'Mei Ling' } });
    await waitFor(() => expect(confirm.getAttribute('aria-disabled')).toBe('false'));
    fireEvent.click(confirm);
    await screen.findByTestId('outcome');
    expect(fake.awards.size).toBe(1);
    expect([...fake.awards.values()][0]?.cashier).toBe('Mei Ling');
  });
});

describe('a shop without a cashier list', () => {
  it('names the terminal at the top, as its awards record it, and asks nobody to choose', async () => {
    const fake = setUp({ cashier: null, settings: { cashiers: [], terminalName: 'Counter 1' } });
    await sell(fake);
    expect(fake.awards.size).toBe(1);
    expect(screen.getByTestId('cashier-terminal').textContent).toBe('Terminal Counter 1');
    expect(screen.queryByTestId('cashier')).toBeNull();
    expect(screen.queryByText('Choose cashier')).toBeNull();
    expect(screen.queryByTestId('shift-bar')).toBeNull();
  });
});

describe('the manager screens', () => {
  it('name the terminal, write dates dd/mm/yyyy, and say "1 award" for one', async () => {
    const fake = setUp();
    fake.manager.unlocked = true;
    fake.addAward({ id: '33333333-3333-4333-8333-333333333333', state: 'AWARDED', createdAt: Date.UTC(2026, 11, 5, 2, 30), pointsPreview: 10, pointsConfirmed: true });
    useNavStore.setState({ screen: 'manager', managerTab: 'history' });
    renderApp();
    const row = await screen.findByTestId('history-row');
    expect(row.textContent).toContain('05/12/2026 10:30:00');
    expect(within(screen.getByTestId('totals-all')).getByText(/^1 award,/, { exact: false })).toBeTruthy();
    fireEvent.click(row);
    const detail = await screen.findByTestId('award-detail');
    expect(detail.textContent).toContain('Counter 1');
    expect(detail.textContent).not.toContain('terminal-1');
  });

  /** The manager's Review tab with one unknown award whose last error is this. */
  async function reviewWith(lastError: { code: string; message: string }): Promise<void> {
    const fake = setUp();
    fake.manager.unlocked = true;
    fake.addAward({ id: '44444444-4444-4444-8444-444444444444', state: 'UNKNOWN', lastError });
    useNavStore.setState({ screen: 'manager', managerTab: 'review' });
    renderApp();
    await screen.findByTestId('review-item');
  }

  it('Review is a table with headings and the reason each award is unknown, in the language on screen', async () => {
    await reviewWith({ code: 'RESPONSE_TIMEOUT', message: 'Revenue Monster received the award but did not answer in time. The points may have been given; a manager will check.' });
    const headings = screen.getAllByRole('columnheader').map((cell) => cell.textContent);
    expect(headings).toEqual(['Time', 'Amount', 'Member', 'Points', 'Cashier', 'Why it is unknown', 'Check']);
    // The manager reads what happened, not the cashier's "a manager will check".
    expect(screen.getByTestId('review-why').textContent).toBe('Revenue Monster received the award but did not answer in time: the points may have been given.');
    fireEvent.click(screen.getByTestId('language-ms'));
    await waitFor(() => expect(screen.getByTestId('review-why').textContent).toBe('Revenue Monster menerima ganjaran tetapi tidak menjawab tepat pada masanya: mata mungkin telah diberi.'));
  });

  it("a code with no manager's words of its own is said in the core's words", async () => {
    await reviewWith({ code: 'NETWORK_UNREACHABLE', message: 'Revenue Monster cannot be reached (no internet?). The award is kept and will be sent automatically.' });
    expect(screen.getByTestId('review-why').textContent).toBe('Revenue Monster cannot be reached (no internet?). The award is kept and will be sent automatically.');
    fireEvent.click(screen.getByTestId('language-ms'));
    await waitFor(() => expect(screen.getByTestId('review-why').textContent).toBe('Revenue Monster tidak dapat dihubungi (tiada internet?). Ganjaran disimpan dan akan dihantar secara automatik.'));
  });

  it('asks before changing the environment, saying what happens to awards still waiting', async () => {
    const fake = setUp();
    fake.manager.unlocked = true;
    fake.addAward({ id: '55555555-5555-4555-8555-555555555555', state: 'QUEUED' });
    fake.emit('queue.changed', fake.queueStatus());
    useNavStore.setState({ screen: 'manager', managerTab: 'settings' });
    renderApp();
    fireEvent.click(await screen.findByTestId('environment-production'));
    fireEvent.click(screen.getByTestId('environment-save'));
    const confirm = await screen.findByTestId('environment-confirm');
    expect(confirm.textContent).toContain('Switch to Production?');
    expect(screen.getByTestId('environment-confirm-queued').textContent).toBe('1 award waiting to be sent stays in the Training database. It is sent only after you switch back.');
    expect(confirm.textContent).toContain('Production gives customers real points.');
    expect(fake.callsOf('settings.update')).toEqual([]);
    fireEvent.click(screen.getByTestId('environment-confirm-yes'));
    await waitFor(() => expect(fake.callsOf('settings.update')).toEqual([{ environment: 'production' }]));
  });
});

describe("the core's words in every language", () => {
  it('a lost keychain is said in Bahasa Melayu, from its state, not in the core\'s English', async () => {
    const fake = setUp({ training: false, settings: { language: 'ms' } });
    fake.credentials = { ...fake.credentials, state: 'needs-reprovisioning', message: 'The keychain lost the secrets. Until then awards are kept in the queue.' };
    renderApp();
    const notice = await screen.findByTestId('credentials-notice');
    expect(notice.textContent).toContain('Rantai kunci sistem tidak lagi mempunyai rahsia Revenue Monster terminal ini.');
    expect(notice.textContent).not.toContain('keychain lost');
  });
});
