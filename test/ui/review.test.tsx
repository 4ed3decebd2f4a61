// Review: every unknown award with its evidence and the three decisions, each asking for a reason; and cancelling an
// awarded claim-QR award from its detail.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import type { FakeKaunter } from './fake-kaunter.ts';
import { renderApp, setUp } from './harness.tsx';
import en from '../../renderer/i18n/en.json';
import { withListLayout } from './list-layout.ts';

withListLayout();

const UNKNOWN_ID = '22222222-2222-4222-8222-222222222222';

async function openTab(fake: FakeKaunter, tab: 'review' | 'history') {
  fake.manager.unlocked = true;
  useNavStore.setState({ screen: 'manager', managerTab: tab });
  renderApp();
  await screen.findByTestId(`tab-${tab}`);
}

describe('review of unknown outcomes', () => {
  it.each([
    ['credited', 'AWARDED', 'Awarded'],
    ['resend', 'QUEUED', 'Queued'],
    ['void', 'VOIDED', 'Voided'],
  ] as const)('shows the evidence and records "%s" with the reason given', async (decision, state, shown) => {
    const fake = setUp();
    fake.addAward({ id: UNKNOWN_ID, state: 'UNKNOWN', pointsPreview: 25, amountSen: 2500, lastError: { code: 'TIMEOUT', message: 'RM did not answer in time.' } });
    fake.emit('queue.changed', fake.queueStatus());
    await openTab(fake, 'review');
    expect(screen.getByTestId('tab-review').textContent).toContain('1');
    fireEvent.click(await screen.findByTestId('review-item'));
    const suggestion = await screen.findByTestId('suggestion');
    expect(suggestion.dataset.suggestion).toBe('credited');
    expect(suggestion.textContent).toContain('Suggestion: the points were credited');
    expect(suggestion.textContent).toContain('Revenue Monster shows 1 credit of 25 points in this window; 0 belong to other awards. This award was most likely applied.');
    expect(screen.getByText('RM did not answer in time.')).toBeTruthy();
    expect(screen.getByText('Spending reward', { exact: false })).toBeTruthy();

    fireEvent.click(screen.getByTestId(`decide-${decision}`));
    fireEvent.click(screen.getByTestId('reason-confirm'));
    expect(await screen.findByText('Say why, in a few words.')).toBeTruthy();
    expect(fake.callsOf('manager.resolve')).toEqual([]);

    fireEvent.change(screen.getByTestId('reason'), { target: { value: 'Checked the member app with the customer' } });
    fireEvent.click(screen.getByTestId('reason-confirm'));
    expect((await screen.findByTestId('resolved')).textContent).toBe(`Decision saved. The award is now: ${shown}.`);
    expect(fake.callsOf('manager.resolve')).toEqual([{ id: UNKNOWN_ID, decision, reason: 'Checked the member app with the customer' }]);
    expect(fake.awards.get(UNKNOWN_ID)?.state).toBe(state);
    expect(fake.awards.get(UNKNOWN_ID)?.resolution?.by).toBe('Siti');
    await waitFor(() => expect(screen.getByTestId('review-empty')).toBeTruthy());
  });

  // As History and the award's detail say (renderer/common/shown-state.ts): awarded in the records, but not given yet.
  it.each([
    ['not seen claimed', null, 'QR not seen claimed'],
    ['seen claimed', Date.UTC(2026, 10, 25, 3), 'Awarded'],
  ] as const)('a claim QR %s and decided credited is said to be what History shows', async (_, claimedAt, shown) => {
    const fake = setUp();
    fake.addAward({ id: UNKNOWN_ID, state: 'UNKNOWN', member: { type: 'QRCODE' }, rmItemId: 'rm-qr-9', pointsPreview: 25, amountSen: 2500, claimedAt });
    await openTab(fake, 'review');
    fireEvent.click(await screen.findByTestId('review-item'));
    fireEvent.click(await screen.findByTestId('decide-credited'));
    fireEvent.change(screen.getByTestId('reason'), { target: { value: 'RM shows the QR made' } });
    fireEvent.click(screen.getByTestId('reason-confirm'));
    expect((await screen.findByTestId('resolved')).textContent).toBe(`Decision saved. The award is now: ${shown}.`);
    expect(fake.awards.get(UNKNOWN_ID)?.state).toBe('AWARDED');
  });

  it.each([
    ['credited', 'credited'],
    ['resend', 'resend'],
    ['unclear', null],
  ] as const)('with the suggestion "%s", only the suggested decision looks like the way on, described by the suggestion', async (suggestion, primary) => {
    const fake = setUp();
    fake.evidenceSuggestion = suggestion;
    fake.addAward({ id: UNKNOWN_ID, state: 'UNKNOWN', pointsPreview: 25, amountSen: 2500 });
    await openTab(fake, 'review');
    fireEvent.click(await screen.findByTestId('review-item'));
    const title = (await screen.findByTestId('suggestion')).querySelector('.suggestion-title');
    const styles = Object.fromEntries((['credited', 'resend', 'void'] as const).map((name) => [name, screen.getByTestId(`decide-${name}`).className]));
    expect(styles).toEqual({
      credited: primary === 'credited' ? 'button-primary' : 'button-secondary',
      resend: primary === 'resend' ? 'button-primary' : 'button-secondary',
      void: 'button-danger-quiet',
    });
    for (const name of ['credited', 'resend'] as const) {
      const describedBy = screen.getByTestId(`decide-${name}`).getAttribute('aria-describedby');
      expect(describedBy === null ? null : document.getElementById(describedBy)).toBe(name === primary ? title : null);
    }
  });

  it('says where each other award to the member was made: this counter, another counter by name, or another outlet', async () => {
    const fake = setUp();
    fake.addAward({ id: UNKNOWN_ID, state: 'UNKNOWN', pointsPreview: 25, amountSen: 2500 });
    const at = Date.UTC(2026, 10, 30, 2, 0);
    fake.evidenceNeighbours = [
      { id: '33333333-3333-4333-8333-333333333333', state: 'AWARDED', pointsPreview: 25, createdAt: at },
      { id: '44444444-4444-4444-8444-444444444444', state: 'AWARDED', pointsPreview: 25, createdAt: at, place: { outlet: 'Penang', terminal: 'Till 1' } },
      { id: null, state: 'UNKNOWN', pointsPreview: 25, createdAt: at, place: { outlet: null, terminal: null } },
    ];
    fake.emit('queue.changed', fake.queueStatus());
    await openTab(fake, 'review');
    fireEvent.click(await screen.findByTestId('review-item'));
    const table = await screen.findByTestId('evidence-neighbours');
    const where = [...table.querySelectorAll('tbody tr')].map((row) => row.lastElementChild?.textContent);
    expect(where).toEqual(['This counter', 'Penang / Till 1', 'Another outlet']);
    expect(table.querySelector('thead tr')?.lastElementChild?.textContent).toBe('Where');
  });

  it("words RM's entry type in the language on screen, and shows a type it does not know as RM sent it", async () => {
    const fake = setUp();
    fake.addAward({ id: UNKNOWN_ID, state: 'UNKNOWN', pointsPreview: 25, amountSen: 2500 });
    fake.emit('queue.changed', fake.queueStatus());
    await openTab(fake, 'review');
    fireEvent.click(await screen.findByTestId('review-item'));
    const what = async () => (await screen.findByTestId('evidence-candidates')).querySelector('tbody tr td:nth-child(2)')?.textContent;
    expect(await what()).toBe('Spending reward · Earned points');
    fireEvent.click(screen.getByTestId('language-zh'));
    await waitFor(async () => expect(await what()).toBe('消费奖励 · Earned points'));
    fireEvent.click(screen.getByTestId('language-en'));
    await waitFor(async () => expect(await what()).toBe('Spending reward · Earned points'));
    fake.evidenceEntryType = 'BIRTHDAY_BONUS';
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    fireEvent.click(await screen.findByTestId('review-item'));
    await waitFor(async () => expect(await what()).toBe('BIRTHDAY_BONUS · Earned points'));
  });

  it('says how long before or after the attempt RM recorded each credit, in the language on screen', async () => {
    const fake = setUp();
    fake.addAward({ id: UNKNOWN_ID, state: 'UNKNOWN', pointsPreview: 25, amountSen: 2500 });
    fake.evidenceSeconds = [-1, 0, 7197, 180];
    await openTab(fake, 'review');
    fireEvent.click(await screen.findByTestId('review-item'));
    const times = async () => [...(await screen.findByTestId('evidence-candidates')).querySelectorAll('tbody tr td:nth-child(4)')].map((cell) => cell.textContent);
    expect(await times()).toEqual(['1s before', 'The same second', '1h 59m 57s after', '3m after']);
    fireEvent.click(screen.getByTestId('language-ms'));
    await waitFor(async () => expect(await times()).toEqual(['1 s lebih awal', 'Pada saat yang sama', '1 j 59 min 57 s kemudian', '3 min kemudian']));
    fireEvent.click(screen.getByTestId('language-zh'));
    await waitFor(async () => expect(await times()).toEqual(['早 1秒', '同一秒', '晚 1小时59分钟57秒', '晚 3分钟']));
  });

  it("says RM's history was not read, rather than that no points were credited, when the evidence could not read it", async () => {
    const fake = setUp();
    fake.addAward({ id: UNKNOWN_ID, state: 'UNKNOWN', pointsPreview: 25, amountSen: 2500 });
    fake.evidenceSeconds = [];
    fake.evidenceHistoryRead = false;
    await openTab(fake, 'review');
    fireEvent.click(await screen.findByTestId('review-item'));
    expect((await screen.findByTestId('evidence-history-unread')).textContent).toBe(en.review.historyUnread);
    expect(screen.queryByTestId('evidence-candidates')).toBeNull();
    expect(screen.queryByText(en.review.noCandidates)).toBeNull();
    fake.evidenceHistoryRead = true;
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    fireEvent.click(await screen.findByTestId('review-item'));
    expect(await screen.findByText(en.review.noCandidates)).toBeTruthy();
    expect(screen.queryByTestId('evidence-history-unread')).toBeNull();
  });

  it("shows the core's refusal of a decision", async () => {
    const fake = setUp();
    fake.addAward({ id: UNKNOWN_ID, state: 'UNKNOWN' });
    await openTab(fake, 'review');
    fireEvent.click(await screen.findByTestId('review-item'));
    await screen.findByTestId('suggestion');
    fake.awards.set(UNKNOWN_ID, { ...fake.awards.get(UNKNOWN_ID)!, state: 'AWARDED' });
    fireEvent.click(screen.getByTestId('decide-resend'));
    fireEvent.change(screen.getByTestId('reason'), { target: { value: 'try again' } });
    fireEvent.click(screen.getByTestId('reason-confirm'));
    expect(await screen.findByText('Only an award whose outcome is unknown can be resolved.')).toBeTruthy();
  });
});

describe('cancelling a claim-QR award', () => {
  it('is offered for an awarded QR award with RM id, asks why, and lands in the trail', async () => {
    const fake = setUp();
    const id = '33333333-3333-4333-8333-333333333333';
    fake.addAward({ id, state: 'AWARDED', member: { type: 'QRCODE' }, rmItemId: 'rm-qr-1', qrCodeUrl: 'https://rm.example/claim/1' });
    await openTab(fake, 'history');
    fireEvent.click(await screen.findByTestId('history-row'));
    fireEvent.click(await screen.findByTestId('detail-cancel-qr'));
    fireEvent.change(screen.getByTestId('reason'), { target: { value: 'Customer left without scanning' } });
    fireEvent.click(screen.getByTestId('reason-confirm'));
    await waitFor(() => expect(screen.getByTestId('event-trail').textContent).toContain('Awarded → Cancelled'));
    expect(screen.getByTestId('event-trail').textContent).toContain('SitiCustomer left without scanning');
    expect(fake.callsOf('manager.cancelQr')).toEqual([{ id, reason: 'Customer left without scanning' }]);
    expect(screen.queryByTestId('detail-cancel-qr')).toBeNull();
  });

  it('is not offered for a QR the customer is known to have claimed, and its history row says claimed', async () => {
    const fake = setUp();
    const id = '66666666-6666-4666-8666-666666666666';
    fake.addAward({ id, state: 'AWARDED', member: { type: 'QRCODE' }, rmItemId: 'rm-qr-2', qrCodeUrl: 'https://rm.example/claim/2', claimedAt: Date.UTC(2026, 10, 25, 3) });
    await openTab(fake, 'history');
    expect((await screen.findByTestId('history-state')).textContent).toBe('Awarded · claimed');
    fireEvent.click(screen.getByTestId('history-row'));
    expect((await screen.findByTestId('award-detail')).textContent).toContain('Claimed by the customer');
    expect(screen.queryByTestId('detail-cancel-qr')).toBeNull();
  });

  it.each([
    ['en', 'The customer already claimed these points with the QR, so it can no longer be cancelled.', 'Awarded · claimed'],
    ['ms', 'Pelanggan sudah menuntut mata ini dengan QR, jadi ia tidak boleh dibatalkan lagi.', 'Diberi · dituntut'],
  ] as const)('a cancel refused because the customer claimed it meanwhile says so (%s), and is offered no more', async (language, message, rowState) => {
    const fake = setUp({ settings: { language } });
    const id = '77777777-7777-4777-8777-777777777777';
    fake.addAward({ id, state: 'AWARDED', member: { type: 'QRCODE' }, rmItemId: 'rm-qr-3', qrCodeUrl: 'https://rm.example/claim/3' });
    fake.claimedAtRm.add(id);
    await openTab(fake, 'history');
    fireEvent.click(await screen.findByTestId('history-row'));
    fireEvent.click(await screen.findByTestId('detail-cancel-qr'));
    fireEvent.change(screen.getByTestId('reason'), { target: { value: 'Customer left' } });
    fireEvent.click(screen.getByTestId('reason-confirm'));
    expect(await screen.findByText(message)).toBeTruthy();
    expect(fake.awards.get(id)?.state).toBe('AWARDED');
    fireEvent.click(screen.getByTestId('reason-cancel'));
    await waitFor(() => expect(screen.queryByTestId('reason')).toBeNull());
    expect(screen.queryByTestId('detail-cancel-qr')).toBeNull();
    fireEvent.click(screen.getByTestId('detail-close'));
    await waitFor(() => expect(screen.getByTestId('history-state').textContent).toBe(rowState));
  });

  it('is not offered for a phone award', async () => {
    const fake = setUp();
    fake.addAward({ id: '44444444-4444-4444-8444-444444444444', state: 'AWARDED' });
    await openTab(fake, 'history');
    fireEvent.click(await screen.findByTestId('history-row'));
    await screen.findByTestId('event-trail');
    expect(screen.queryByTestId('detail-cancel-qr')).toBeNull();
  });
});
