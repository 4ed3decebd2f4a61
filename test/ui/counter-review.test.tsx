// What a reviewer met as a cashier: the focus left on a held Confirm after "not a member", a refusal long after the
// sale taking over the counter, a claim QR closed without a word (and the manager's way to show it again), a rate-limited
// send with no reason, and a number split from its unit.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COUNTER_WAIT_MS } from '../../app/common/counter-wait.ts';
import { useSaleStore } from '../../renderer/stores/sale-store.ts';
import { useStatusStore } from '../../renderer/stores/status-store.ts';
import type { FakeKaunter } from './fake-kaunter.ts';
import { renderApp, setUp } from './harness.tsx';
import { withListLayout } from './list-layout.ts';

withListLayout();

const NOT_A_MEMBER = '012-345 6789';
const QR_CLOSED = 'Claim QR closed before it was scanned: a manager can show it again from History.';

function typeInto(input: HTMLElement, value: string): void {
  fireEvent.change(input, { target: { value } });
}

function pressEnter(element: HTMLElement): void {
  fireEvent.keyDown(element, { key: 'Enter' });
}

async function startCounter(): Promise<HTMLInputElement> {
  renderApp();
  return screen.findByLabelText<HTMLInputElement>('Amount');
}

async function queuedSale(fake: FakeKaunter): Promise<string> {
  fake.submitScript = { kind: 'queued', waiting: 'still-sending' };
  const amount = await startCounter();
  typeInto(amount, '30');
  pressEnter(amount);
  const phone = screen.getByLabelText('Phone number');
  typeInto(phone, '017-282 6990');
  pressEnter(phone);
  await screen.findByText('30 points');
  fireEvent.click(screen.getByTestId('confirm'));
  expect((await screen.findByTestId('outcome')).dataset.outcome).toBe('queued');
  await waitFor(() => expect(document.activeElement).toBe(amount));
  return [...fake.awards.keys()][0] ?? '';
}

async function claimQrOnScreen(fake: FakeKaunter): Promise<string> {
  const amount = await startCounter();
  typeInto(amount, '45.90');
  pressEnter(amount);
  fireEvent.click(screen.getByTestId('mode-qr'));
  await screen.findByText('45 points');
  fireEvent.click(screen.getByTestId('confirm'));
  await screen.findByTestId('claim-qr');
  return [...fake.awards.keys()][0] ?? '';
}

describe('"not a member" after Enter moved on to Confirm', () => {
  it('puts the focus back in the phone field with the number selected, so the corrected one replaces it', async () => {
    setUp();
    const amount = await startCounter();
    typeInto(amount, '10');
    pressEnter(amount);
    const phone = screen.getByLabelText<HTMLInputElement>('Phone number');
    typeInto(phone, NOT_A_MEMBER);
    pressEnter(phone);
    // Enter moves on before RM has answered: Confirm, as for any member.
    expect(document.activeElement).toBe(screen.getByTestId('confirm'));
    await screen.findByTestId('preview-member-problem');
    await waitFor(() => expect(document.activeElement).toBe(phone));
    expect([phone.selectionStart, phone.selectionEnd]).toEqual([0, NOT_A_MEMBER.length]);
    // The corrected number, and Enter goes on to a Confirm that works.
    typeInto(phone, '017-282 6990');
    pressEnter(phone);
    await screen.findByText('10 points');
    expect(screen.getByTestId('confirm').getAttribute('aria-disabled')).toBe('false');
    expect(document.activeElement).toBe(screen.getByTestId('confirm'));
  });

  it('says why first: the points that would be given come under "not a member", dimmed', async () => {
    setUp();
    const amount = await startCounter();
    typeInto(amount, '10');
    pressEnter(amount);
    typeInto(screen.getByLabelText('Phone number'), NOT_A_MEMBER);
    pressEnter(screen.getByLabelText('Phone number'));
    const problem = await screen.findByTestId('preview-member-problem');
    const points = screen.getByTestId('preview-points');
    expect(points.className).toContain('preview-points-muted');
    expect(problem.compareDocumentPosition(points) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('a refusal that comes after the counter stopped waiting', () => {
  it('is a quiet line, with no "Try another member", and the focus stays in the amount', async () => {
    const fake = setUp();
    const id = await queuedSale(fake);
    // Even before the status bar's refused count has loaded: the rule is the core's own, not read from that count.
    act(() => useStatusStore.setState({ refused: null }));
    fake.passTime(COUNTER_WAIT_MS);
    act(() => void fake.settle(id, { state: 'REJECTED', lastError: { code: 'MEMBER_NOT_FOUND', message: 'No such member.' } }));
    const outcome = await screen.findByTestId('outcome');
    await waitFor(() => expect(outcome.dataset.outcome).toBe('refusedLate'));
    expect(outcome.textContent?.replace(/\s/gu, ' ')).toContain('Points refused after the sale (RM 30.00 · +60 17-282 6990): that customer got no points. Tell the manager.');
    expect(screen.queryByTestId('retry')).toBeNull();
    expect(screen.queryByText('Check it with the customer')).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Amount'));
  });

  it('within the wait it is still the sale in hand: the red panel and "Try another member"', async () => {
    const fake = setUp();
    const id = await queuedSale(fake);
    act(() => void fake.settle(id, { state: 'REJECTED', lastError: { code: 'MEMBER_NOT_FOUND', message: 'No such member.' } }));
    await waitFor(() => expect(screen.getByTestId('outcome').dataset.outcome).toBe('refused'));
    expect(screen.getByTestId('retry')).toBeTruthy();
  });
});

describe('a claim QR closed before it was scanned', () => {
  it('the next amount says so, and so does Esc', async () => {
    const fake = setUp();
    await claimQrOnScreen(fake);
    expect(screen.queryByTestId('qr-closed-note')).toBeNull();
    typeInto(screen.getByLabelText('Amount'), '5');
    expect(screen.queryByTestId('claim-qr')).toBeNull();
    expect(screen.getByTestId('qr-closed-note').textContent).toBe(QR_CLOSED);
    // Said once: the sale after does not say it again.
    typeInto(screen.getByLabelText('Amount'), '6');
    expect(screen.getByTestId('qr-closed-note')).toBeTruthy();
    act(() => useSaleStore.getState().startNextSale());
    expect(screen.queryByTestId('qr-closed-note')).toBeNull();

    act(() => useSaleStore.getState().setMemberMode('qr'));
    typeInto(screen.getByLabelText('Amount'), '7');
    await screen.findByText('7 points');
    fireEvent.click(screen.getByTestId('confirm'));
    await screen.findByTestId('claim-qr');
    expect(screen.queryByTestId('qr-closed-note')).toBeNull();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.getByTestId('qr-closed-note').textContent).toBe(QR_CLOSED);
  });

  it('the note goes when the claim arrives after all, just after the QR was closed', async () => {
    const fake = setUp();
    const id = await claimQrOnScreen(fake);
    typeInto(screen.getByLabelText('Amount'), '5');
    expect(screen.getByTestId('qr-closed-note')).toBeTruthy();
    act(() => void fake.settle(id, { claimedAt: Date.now() }));
    await waitFor(() => expect(screen.queryByTestId('qr-closed-note')).toBeNull());
  });

  it('a QR the customer claimed is closed without a note', async () => {
    const fake = setUp();
    const id = await claimQrOnScreen(fake);
    act(() => void fake.settle(id, { claimedAt: Date.now() }));
    await waitFor(() => expect(screen.getByTestId('claim-qr').dataset.claimed).toBe('true'));
    typeInto(screen.getByLabelText('Amount'), '5');
    expect(screen.queryByTestId('qr-closed-note')).toBeNull();
  });
});

describe("the manager's award detail of a claim QR", () => {
  const QR = { member: { type: 'QRCODE' as const }, rmItemId: 'qr-1', qrCodeUrl: 'https://rm.example/claim/abc' };

  async function openDetail(fake: FakeKaunter): Promise<HTMLElement> {
    fake.manager.unlocked = true;
    renderApp();
    fireEvent.click(await screen.findByTestId('nav-manager'));
    fireEvent.click(await screen.findByTestId('history-row'));
    const detail = await screen.findByTestId('award-detail');
    await waitFor(() => expect(detail.textContent).toContain('RM'));
    return detail;
  }

  it('shows the same QR again while nobody has claimed it, and takes it away once claimed', async () => {
    const fake = setUp();
    fake.addAward({ id: '22222222-2222-4222-8222-222222222222', state: 'AWARDED', ...QR });
    const detail = await openDetail(fake);
    fireEvent.click(within(detail).getByTestId('detail-show-qr'));
    const image = await waitFor(() => {
      const found = screen.getByTestId('detail-claim-qr').querySelector<HTMLImageElement>('img.qr-image');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(image.dataset.url).toBe(QR.qrCodeUrl);
    expect(Number(image.getAttribute('width'))).toBeGreaterThanOrEqual(320);
    expect(decodeURIComponent(image.getAttribute('src') ?? '')).toContain('<svg');
    expect(within(detail).getByTestId('detail-show-qr').textContent).toBe('Hide claim QR');
    // The core watches for its claim anew (its first watch ended a quarter of an hour after it was made).
    expect(fake.callsOf('manager.showClaimQr')).toEqual([{ id: '22222222-2222-4222-8222-222222222222' }]);

    act(() => void fake.settle('22222222-2222-4222-8222-222222222222', { claimedAt: Date.now() }));
    await waitFor(() => expect(screen.queryByTestId('detail-claim-qr')).toBeNull());
    expect(screen.queryByTestId('detail-show-qr')).toBeNull();
  });

  for (const [what, patch] of [
    ['claimed', { state: 'AWARDED', claimedAt: 1 }],
    ['voided', { state: 'VOIDED' }],
    ['cancelled', { state: 'CANCELLED' }],
  ] as const) {
    it(`offers nothing to show for a ${what} one`, async () => {
      const fake = setUp();
      fake.addAward({ id: '33333333-3333-4333-8333-333333333333', ...QR, ...patch });
      const detail = await openDetail(fake);
      expect(within(detail).queryByTestId('detail-show-qr')).toBeNull();
    });
  }
});

describe('polish', () => {
  it('a rate-limited send says Revenue Monster is busy', async () => {
    const fake = setUp();
    const id = await queuedSale(fake);
    expect(screen.getByTestId('queued-detail').textContent).toBe('The award is saved and will be sent automatically.');
    act(() => void fake.settle(id, { lastError: { code: 'TOO_MANY_REQUEST_PER_SECOND', message: 'Revenue Monster is busy. The award will be sent again in a moment.' } }));
    await waitFor(() => expect(screen.getByTestId('queued-detail').textContent).toBe('Revenue Monster is busy. The award will be sent again in a moment.'));
    await act(() => useStatusStore.getState().chooseLanguage('ms'));
    expect(screen.getByTestId('queued-detail').textContent).toBe('Revenue Monster sibuk. Ganjaran akan dihantar semula sebentar lagi.');
    await act(() => useStatusStore.getState().chooseLanguage('en'));
  });

  it("an outcome's points keep their unit on the same line", async () => {
    const fake = setUp();
    await queuedSale(fake);
    expect(screen.getByTestId('outcome').querySelector('.outcome-summary')?.textContent).toContain('30\u00a0points');
    await act(() => useStatusStore.getState().chooseLanguage('ms'));
    expect(screen.getByTestId('outcome').querySelector('.outcome-summary')?.textContent).toContain('30\u00a0mata');
    await act(() => useStatusStore.getState().chooseLanguage('en'));
  });
});
