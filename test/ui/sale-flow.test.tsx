import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { parsePhone } from '../../app/common/member.ts';
import { useSaleStore } from '../../renderer/stores/sale-store.ts';
import { useStatusStore } from '../../renderer/stores/status-store.ts';
import { renderApp, setUp, settle } from './harness.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function startCounter() {
  renderApp();
  return screen.findByLabelText('Amount');
}

function typeInto(input: HTMLElement, value: string): void {
  fireEvent.change(input, { target: { value } });
}

function pressEnter(element: HTMLElement): void {
  fireEvent.keyDown(element, { key: 'Enter' });
}

async function enterSale(amount: string, phone: string): Promise<void> {
  const amountField = await screen.findByLabelText('Amount');
  typeInto(amountField, amount);
  pressEnter(amountField);
  const phoneField = screen.getByLabelText('Phone number');
  typeInto(phoneField, phone);
  pressEnter(phoneField);
  await waitFor(() => expect(useSaleStore.getState().member).not.toBeNull());
}

describe('a sale at the counter', () => {
  it('goes amount -> Enter -> phone -> Enter -> confirm, with the preview, and awards once', async () => {
    const fake = setUp();
    const amount = await startCounter();
    expect(document.activeElement).toBe(amount);
    typeInto(amount, '12.50');
    expect(screen.getByTestId('amount-shown').textContent?.replace(/\s/gu, ' ')).toBe('RM 12.50');
    pressEnter(amount);
    const phone = screen.getByLabelText('Phone number');
    expect(document.activeElement).toBe(phone);
    typeInto(phone, '017-282 6990');
    pressEnter(phone);
    const confirm = await screen.findByTestId('confirm');
    await waitFor(() => expect(document.activeElement).toBe(confirm));

    const preview = await screen.findByText('12 points');
    expect(preview).toBeTruthy();
    // The phone as typed, read by the counter itself into RM's form (no round trip to the core).
    expect(fake.callsOf('award.preview').at(-1)).toMatchObject({ member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' } });
    expect(screen.getByTestId('preview-member').textContent).toContain('Tan M.');
    expect(screen.getByTestId('preview-member').textContent).toContain('1,200');
    expect(confirm.textContent).toBe('Confirm: award 12 points');

    fireEvent.click(confirm);
    const outcome = await screen.findByTestId('outcome');
    expect(outcome.dataset.outcome).toBe('awarded');
    expect(outcome.textContent).toContain('Points awarded');
    expect(outcome.textContent).toContain('+60 17-282 6990');
    // A practice counter never tells the trainee that Revenue Monster credited anything.
    expect(outcome.textContent).toContain("Practice: Kaunter's stand-in for Revenue Monster took the award. No real points were given.");
    expect(outcome.textContent).not.toContain('Revenue Monster has credited');

    const submits = fake.callsOf('award.submit') as Array<Record<string, unknown>>;
    expect(submits).toHaveLength(1);
    expect(submits[0]).toMatchObject({ amountSen: 1250, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' }, pointsPreview: 12 });
    expect(submits[0]?.id).toMatch(UUID);
    // The form is empty for the next customer; focus is back on the amount.
    expect(screen.getByLabelText<HTMLInputElement>('Amount').value).toBe('');
    expect(document.activeElement).toBe(screen.getByLabelText('Amount'));
  });

  it('on a counter that gives real points, says Revenue Monster credited them', async () => {
    setUp({ training: false });
    await startCounter();
    await enterSale('12.50', '017-282 6990');
    await screen.findByText('12 points');
    fireEvent.click(screen.getByTestId('confirm'));
    const outcome = await screen.findByTestId('outcome');
    expect(outcome.dataset.outcome).toBe('awarded');
    expect(outcome.textContent).toContain('Revenue Monster has credited the points.');
    expect(outcome.textContent).not.toContain('Practice');
  });

  it('takes the phone number without the leading 0 and by member ID', async () => {
    const fake = setUp();
    await startCounter();
    await enterSale('5', '172826990');
    expect(useSaleStore.getState().member).toEqual({ type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' });
    fireEvent.click(screen.getByTestId('mode-memberId'));
    const memberId = screen.getByLabelText('Member ID');
    typeInto(memberId, 'M1001');
    pressEnter(memberId);
    await waitFor(() => expect(useSaleStore.getState().member).toEqual({ type: 'ID', memberId: 'M1001' }));
    fireEvent.click(screen.getByTestId('confirm'));
    await screen.findByTestId('outcome');
    expect(fake.callsOf('award.submit')).toMatchObject([{ amountSen: 500, member: { type: 'ID', memberId: 'M1001' } }]);
  });

  it('the next sale keeps member-ID mode, but goes back to the phone after a claim QR', async () => {
    setUp();
    const amount = await startCounter();
    typeInto(amount, '5');
    fireEvent.click(screen.getByTestId('mode-memberId'));
    typeInto(screen.getByLabelText('Member ID'), 'M1001');
    pressEnter(screen.getByLabelText('Member ID'));
    await waitFor(() => expect(useSaleStore.getState().member).not.toBeNull());
    fireEvent.click(screen.getByTestId('confirm'));
    await screen.findByTestId('outcome');
    typeInto(screen.getByLabelText('Amount'), '6');
    expect(screen.getByTestId('mode-memberId').getAttribute('aria-pressed')).toBe('true');
    pressEnter(screen.getByLabelText('Amount'));
    expect(document.activeElement).toBe(screen.getByLabelText('Member ID'));

    fireEvent.click(screen.getByTestId('mode-qr'));
    fireEvent.click(screen.getByTestId('confirm'));
    await screen.findByTestId('claim-qr');
    typeInto(screen.getByLabelText('Amount'), '7');
    expect(screen.getByTestId('mode-phone').getAttribute('aria-pressed')).toBe('true');
    expect(useSaleStore.getState().member).toBeNull();
  });

  it("shows the core's words for a phone number it cannot take, and does not submit", async () => {
    const fake = setUp();
    await startCounter();
    const amount = screen.getByLabelText('Amount');
    typeInto(amount, '5');
    pressEnter(amount);
    const phone = screen.getByLabelText('Phone number');
    typeInto(phone, '03-1234 5678');
    pressEnter(phone);
    const refusal = parsePhone('03-1234 5678');
    expect(refusal.ok).toBe(false);
    expect(await screen.findByText(refusal.ok ? '' : refusal.message)).toBeTruthy();
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByTestId('confirm'));
    await settle();
    expect(fake.callsOf('award.submit')).toHaveLength(0);
  });

  it('explains a bad amount in the cashier language, live or on Enter', async () => {
    setUp();
    const amount = await startCounter();
    typeInto(amount, '12.505');
    expect(screen.getByRole('alert').textContent).toBe('Only two digits after the dot (sen).');
    typeInto(amount, '');
    pressEnter(amount);
    expect(screen.getByRole('alert').textContent).toBe('Type the amount first.');
    expect(document.activeElement).toBe(amount);
  });
});

/** Holds every submit at the fake core until the returned function lets them through. */
function holdSubmits(fake: ReturnType<typeof setUp>): () => Promise<void> {
  let open: () => void = () => undefined;
  fake.submitGate = new Promise((resolve) => {
    open = resolve;
  });
  return async () => {
    fake.submitGate = null;
    await act(async () => {
      open();
      await Promise.resolve();
    });
  };
}

const NEXT_CARD = { type: 'ID', memberId: '6190354873541245312' } as const;

/** A sale of RM 20 confirmed, its submit held at the fake core. */
async function saleBeingSubmitted() {
  const fake = setUp();
  const release = holdSubmits(fake);
  await startCounter();
  await enterSale('20', '0172826990');
  fireEvent.click(screen.getByTestId('confirm'));
  await settle();
  return { fake, release };
}

describe('double submits are impossible', () => {
  it('a second click or Enter while the first submit is in flight sends nothing', async () => {
    const fake = setUp();
    const release = holdSubmits(fake);
    await startCounter();
    await enterSale('20', '0172826990');
    const confirm = screen.getByTestId('confirm');
    fireEvent.click(confirm);
    fireEvent.click(confirm);
    pressEnter(confirm);
    fireEvent.click(confirm);
    await settle();
    expect(confirm.getAttribute('aria-busy')).toBe('true');
    expect(confirm.textContent).toBe('Sending…');
    await release();
    await screen.findByTestId('outcome');
    expect(fake.callsOf('award.submit')).toHaveLength(1);
    expect(fake.awards.size).toBe(1);
  });

  it("a card scanned while the submit is in flight is kept, and starts the next sale once it ends", async () => {
    const { fake, release } = await saleBeingSubmitted();
    act(() => fake.emit('scan', { text: NEXT_CARD.memberId, identity: NEXT_CARD, source: 'hid' }));
    await settle();
    expect(useSaleStore.getState()).toMatchObject({ phase: 'submitting', member: { type: 'PHONENUMBER' } });
    await release();
    await waitFor(() => expect(useSaleStore.getState()).toMatchObject({ phase: 'editing', member: NEXT_CARD, memberIdText: NEXT_CARD.memberId, amountText: '' }));
    expect([...fake.awards.values()].map((award) => award.member)).toEqual([{ type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' }]);
  });

  it('a card scanned during a submit that fails is not put into the failed sale: it stays the first customer\'s', async () => {
    const { fake, release } = await saleBeingSubmitted();
    fake.submitScript = { kind: 'refuse', code: 'STORE', message: 'The disk is full. Free some space, then try again.' };
    act(() => fake.emit('scan', { text: NEXT_CARD.memberId, identity: NEXT_CARD, source: 'hid' }));
    await settle();
    await release();
    expect(await screen.findByText('The disk is full. Free some space, then try again.')).toBeTruthy();
    expect(useSaleStore.getState()).toMatchObject({ phase: 'editing', amountText: '20', member: { type: 'PHONENUMBER', phoneNumber: '172826990' }, heldScan: null });
  });

  it("a keyboard-mode scan whose first key reached the amount field during the submit: the next sale's amount is empty", async () => {
    const { release } = await saleBeingSubmitted();
    // As the page's keystroke reader hands it over: the field the first key landed in, with its text before it.
    act(() => useSaleStore.getState().applyScan(NEXT_CARD, [{ field: 'amount', valueBefore: '20' }]));
    await release();
    await waitFor(() => expect(useSaleStore.getState()).toMatchObject({ phase: 'editing', member: NEXT_CARD }));
    expect(useSaleStore.getState().amountText).toBe('');
  });

  it('the store refuses a second submit of the same sale even when called twice in one tick', async () => {
    const fake = setUp();
    await startCounter();
    await enterSale('20', '0172826990');
    const { submit } = useSaleStore.getState();
    await act(async () => {
      await Promise.all([submit(), submit(), submit()]);
    });
    await act(() => useSaleStore.getState().submit());
    expect(fake.callsOf('award.submit')).toHaveLength(1);
  });

  it('a failed submit keeps the sale and its id for a retry, through any edit', async () => {
    const fake = setUp();
    fake.submitScript = { kind: 'refuse', code: 'STORE', message: 'The disk is full. Free some space, then try again.' };
    await startCounter();
    await enterSale('20', '0172826990');
    fireEvent.click(screen.getByTestId('confirm'));
    expect(await screen.findByText('The disk is full. Free some space, then try again.')).toBeTruthy();
    fake.submitScript = { kind: 'refuse', code: 'STORE', message: 'Still full.' };
    fireEvent.click(screen.getByTestId('confirm'));
    await screen.findByText('Still full.');
    const [first, second] = fake.callsOf('award.submit') as Array<{ id: string }>;
    expect(second?.id).toBe(first?.id);

    typeInto(screen.getByLabelText('Amount'), '21');
    await waitFor(() => expect(useSaleStore.getState().member).not.toBeNull());
    fake.submitScript = null;
    fireEvent.click(screen.getByTestId('confirm'));
    await screen.findByTestId('outcome');
    const third = fake.callsOf('award.submit')[2] as { id: string; amountSen: number };
    expect(third.amountSen).toBe(2100);
    expect(third.id).toBe(first?.id);
  });

  it('the core stopped after writing the award: the counter finds it and shows its outcome, not the form', async () => {
    const fake = setUp();
    fake.submitScript = { kind: 'interrupted', written: true };
    await startCounter();
    await enterSale('20', '0172826990');
    fireEvent.click(screen.getByTestId('confirm'));
    const panel = await screen.findByTestId('outcome');
    expect(panel.getAttribute('data-outcome')).toBe('review');
    const [submitted] = fake.callsOf('award.submit') as Array<{ id: string }>;
    expect(fake.callsOf('award.get')).toEqual([{ id: submitted?.id }]);
    expect(screen.queryByText(/core stopped while doing this/)).toBeNull();
    // Found as it is on screen: nothing to warn of.
    expect(screen.queryByTestId('outcome-not-as-edited')).toBeNull();
  });

  it('the core stopped before writing it: the cashier may edit and confirm, and the sale is still the same sale', async () => {
    const fake = setUp();
    fake.submitScript = { kind: 'interrupted', written: false };
    await startCounter();
    await enterSale('20', '0172826990');
    fireEvent.click(screen.getByTestId('confirm'));
    expect(await screen.findByText(/core stopped while doing this/)).toBeTruthy();
    typeInto(screen.getByLabelText('Amount'), '21');
    await waitFor(() => expect(useSaleStore.getState().member).not.toBeNull());
    fake.submitScript = null;
    fireEvent.click(screen.getByTestId('confirm'));
    expect((await screen.findByTestId('outcome')).getAttribute('data-outcome')).toBe('awarded');
    const [first, second] = fake.callsOf('award.submit') as Array<{ id: string; amountSen: number }>;
    expect(second).toMatchObject({ id: first?.id, amountSen: 2100 });
  });

  /**
   * RM 20.00 to Tan Mei Ling, written and awarded before the core stopped; the restarted core not yet answering
   * award.get, so the sale stays on screen for the cashier to change.
   */
  async function saleWrittenBeforeTheCoreStopped() {
    const fake = setUp();
    fake.submitScript = { kind: 'interrupted', written: true, recorded: 'awarded' };
    fake.awardGetUnavailable = true;
    await startCounter();
    await enterSale('20', '0172826990');
    fireEvent.click(screen.getByTestId('confirm'));
    expect(await screen.findByText(/core stopped while doing this/)).toBeTruthy();
    return fake;
  }

  it('the award found for a sale edited after the core stopped names nobody the edit previewed', async () => {
    const fake = await saleWrittenBeforeTheCoreStopped();
    fireEvent.click(screen.getByTestId('mode-memberId'));
    const memberId = screen.getByLabelText('Member ID');
    typeInto(memberId, 'M1001');
    pressEnter(memberId);
    await screen.findByText(/Muthu/, { selector: '[data-testid=preview-member] *' });
    fake.submitScript = null;
    fake.awardGetUnavailable = false;
    // RM out of reach now: no balance lookup comes to put the right name in after the panel shows.
    fake.online = false;
    fireEvent.click(screen.getByTestId('confirm'));
    // The core gives back what it wrote before it stopped: Tan Mei Ling's sale, not the Muthu the edit previewed.
    const panel = await screen.findByTestId('outcome');
    expect(panel.getAttribute('data-outcome')).toBe('awarded');
    expect(screen.getByTestId('outcome-member').textContent).toMatch(/^\+60.17-282.6990$/);
    await settle();
    expect(panel.textContent).not.toContain('Muthu');
    // Nor does the cashier take it for the sale on screen: the panel says it is the sale as first sent.
    expect(screen.getByTestId('outcome-not-as-edited').textContent).toContain('not as it was changed on screen');
  });

  it('a receipt number typed after the core stopped is not on the award found: the panel says so, and names the member', async () => {
    const fake = await saleWrittenBeforeTheCoreStopped();
    typeInto(screen.getByLabelText('Receipt number (optional)'), 'INV-9');
    fake.submitScript = null;
    fake.awardGetUnavailable = false;
    fireEvent.click(screen.getByTestId('confirm'));
    expect((await screen.findByTestId('outcome')).getAttribute('data-outcome')).toBe('awarded');
    expect(screen.getByTestId('outcome-member').textContent).toMatch(/^Tan M\./);
    expect(screen.getByTestId('outcome-not-as-edited')).toBeTruthy();
  });
});

/** A sale of RM 12.34 awarded on `receipt`; then the next sale's amount and phone, its receipt still to give. */
async function nextSaleAfterOneOn(receipt: string): Promise<void> {
  await startCounter();
  await enterSale('12.34', '0172826990');
  typeInto(screen.getByLabelText('Receipt number (optional)'), receipt);
  fireEvent.click(screen.getByTestId('confirm'));
  await screen.findByTestId('outcome');
  await enterSale('20', '0123456789');
}

describe('a receipt given twice', () => {
  it('is refused with the first award named; Confirm is then held, and "Award again" awards it on purpose', async () => {
    const fake = setUp();
    await nextSaleAfterOneOn('INV-7');
    typeInto(screen.getByLabelText('Receipt number (optional)'), ' INV-7 ');
    fireEvent.click(screen.getByTestId('confirm'));
    expect(await screen.findByText('Receipt INV-7 already earned points today at 10:42 (RM 12.34). Check the receipt number; if this is another sale on it, award again.')).toBeTruthy();
    expect(screen.getByTestId('confirm').getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(screen.getByTestId('confirm'));
    await settle(50);
    expect(fake.callsOf('award.submit')).toHaveLength(2);
    expect(screen.queryByTestId('outcome')).toBeNull();

    fireEvent.click(screen.getByTestId('confirm-repeat-receipt'));
    await screen.findByTestId('outcome');
    const calls = fake.callsOf('award.submit') as Array<{ id: string; receiptRef?: string; repeatReceipt?: true }>;
    expect(calls.map((call) => call.repeatReceipt)).toEqual([undefined, undefined, true]);
    expect(calls[2]?.id).toBe(calls[1]?.id);
    expect([...fake.awards.values()].map((award) => award.receiptRef)).toEqual(['INV-7', 'INV-7']);
  });
});

/** A sale of RM 20 to a member, on a counter whose head office knows INV-8 was awarded RM 25.00 at Till 1 today. */
async function saleWithReceiptUsedAtTill1() {
  const fake = setUp();
  fake.receiptsElsewhere.set('inv-8', { terminal: 'Till 1', amountSen: 2500 });
  await startCounter();
  await enterSale('20', '0172826990');
  return { fake, receipt: screen.getByLabelText('Receipt number (optional)') };
}

describe('a receipt used before, said before the confirm', () => {
  it('names the first award under the field, here or at another counter, and goes when the receipt is changed', async () => {
    const fake = setUp();
    fake.receiptsElsewhere.set('inv-8', { terminal: 'Till 1', amountSen: 2500 });
    await nextSaleAfterOneOn('INV-7');
    const receipt = screen.getByLabelText('Receipt number (optional)');
    // Finished with Enter: asked at once.
    typeInto(receipt, 'INV-7');
    pressEnter(receipt);
    expect((await screen.findByTestId('receipt-used')).textContent).toBe(
      'Receipt INV-7 already earned points today at 10:42 (RM 12.34). Check the receipt number; if this is another sale on it, award again.',
    );
    // Typed: asked only after a pause, and the answer about INV-7 is never shown beside INV-8 meanwhile.
    typeInto(receipt, 'INV-8');
    expect(screen.queryByTestId('receipt-used')).toBeNull();
    await settle(300);
    expect(fake.callsOf('award.checkReceipt')).toEqual([{ receiptRef: 'INV-7' }]);
    expect((await screen.findByTestId('receipt-used', {}, { timeout: 2_000 })).textContent).toContain('Receipt INV-8 already earned points at Till 1 today at 10:40 (RM 25.00).');
    typeInto(receipt, 'INV-9');
    pressEnter(receipt);
    await waitFor(() => expect(fake.callsOf('award.checkReceipt')).toEqual([{ receiptRef: 'INV-7' }, { receiptRef: 'INV-8' }, { receiptRef: 'INV-9' }]));
    expect(screen.queryByTestId('receipt-used')).toBeNull();
    // Enter, then the pause ending: asked once.
    await settle(1_000);
    expect(fake.callsOf('award.checkReceipt')).toHaveLength(3);
    // Scanned: asked at once, not after the pause typing gets.
    fake.emit('scan', { text: 'INV-10', identity: { type: 'RECEIPT', reference: 'INV-10' }, source: 'hid' });
    await settle(200);
    expect(fake.callsOf('award.checkReceipt')).toHaveLength(4);
    expect(screen.getByLabelText<HTMLInputElement>('Receipt number (optional)').value).toBe('INV-10');
  });

  it('a late answer about the receipt before never replaces the answer about the one on screen', async () => {
    const fake = setUp();
    fake.receiptsElsewhere.set('inv-9', { terminal: 'Till 1', amountSen: 900 });
    await startCounter();
    await enterSale('20', '0172826990');
    const receipt = screen.getByLabelText('Receipt number (optional)');
    let release = (): void => undefined;
    fake.receiptCheckGate = new Promise((resolve) => {
      release = resolve;
    });
    typeInto(receipt, 'INV-8');
    pressEnter(receipt);
    typeInto(receipt, 'INV-9');
    pressEnter(receipt);
    expect((await screen.findByTestId('receipt-used')).textContent).toContain('Receipt INV-9 already earned points at Till 1');
    // INV-8's answer (nothing) comes last.
    release();
    await settle(50);
    expect(screen.getByTestId('receipt-used').textContent).toContain('Receipt INV-9 already earned points at Till 1');
  });

  it('Award again comes with the warning and goes with it: the cashier who read it awards on purpose at once', async () => {
    const { fake, receipt } = await saleWithReceiptUsedAtTill1();
    expect(screen.queryByTestId('confirm-repeat-receipt')).toBeNull();
    typeInto(receipt, 'INV-8');
    pressEnter(receipt);
    await screen.findByTestId('receipt-used');
    typeInto(receipt, 'INV-80');
    expect(screen.queryByTestId('confirm-repeat-receipt')).toBeNull();
    typeInto(receipt, 'INV-8');
    fireEvent.click(screen.getByTestId('confirm-repeat-receipt'));
    await screen.findByTestId('outcome');
    expect(fake.callsOf('award.submit')).toMatchObject([{ receiptRef: 'INV-8', repeatReceipt: true }]);
  });

  it("another counter's award on it holds Confirm until the cashier awards again on purpose, and a changed receipt frees it", async () => {
    const { fake, receipt } = await saleWithReceiptUsedAtTill1();
    typeInto(receipt, 'inv-8');
    pressEnter(receipt);
    await screen.findByTestId('receipt-used');
    // One way on: Award again. The big Confirm is held, and pressing it (or Enter on it) sends nothing.
    const confirm = screen.getByTestId('confirm');
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(confirm);
    // Read out with why it is held and the way on; its label no longer offers the points.
    expect(confirm.textContent).toBe('Confirm');
    const described = (confirm.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described.filter(Boolean)).toEqual([expect.stringContaining('Receipt inv-8 already earned points at Till 1'), 'Award again']);
    fireEvent.click(confirm);
    await settle(50);
    expect(fake.callsOf('award.submit')).toEqual([]);
    expect(screen.getByTestId('receipt-used').textContent).toContain('Receipt inv-8 already earned points at Till 1 today at 10:40 (RM 25.00).');
    // The receipt was mistyped: corrected, Confirm is free again.
    typeInto(receipt, 'inv-81');
    expect(screen.getByTestId('confirm').getAttribute('aria-disabled')).toBe('false');
    typeInto(receipt, 'inv-8');
    pressEnter(receipt);
    await screen.findByTestId('receipt-used');
    fireEvent.click(screen.getByTestId('confirm-repeat-receipt'));
    await screen.findByTestId('outcome');
    expect((fake.callsOf('award.submit') as Array<{ repeatReceipt?: true }>).map((call) => call.repeatReceipt)).toEqual([true]);
  });
});

describe('outcome panels', () => {
  async function submitWith(script: Parameters<typeof setUp>[0] & object, setScript: (fake: ReturnType<typeof setUp>) => void) {
    const fake = setUp(script);
    setScript(fake);
    await startCounter();
    await enterSale('30', '0172826990');
    fireEvent.click(screen.getByTestId('confirm'));
    return { fake, outcome: await screen.findByTestId('outcome') };
  }

  it('offline: the preview is an estimate; the award is queued, sent automatically, with Undo', async () => {
    const fake = setUp({ online: false });
    await startCounter();
    await enterSale('30', '0172826990');
    expect(await screen.findByText('Estimate')).toBeTruthy();
    expect(screen.getByText('30 points')).toBeTruthy();
    fireEvent.click(screen.getByTestId('confirm'));
    const outcome = await screen.findByTestId('outcome');
    expect(outcome.dataset.outcome).toBe('queued');
    expect(outcome.textContent).toContain('No connection to Revenue Monster. The award is saved and will be sent automatically.');
    expect(outcome.textContent).toContain('30\u00a0points');
    fireEvent.click(screen.getByTestId('undo'));
    await waitFor(() => expect(screen.getByTestId('outcome').dataset.outcome).toBe('voided'));
    expect(fake.callsOf('award.undo')).toHaveLength(1);
  });

  it('a queued award that is then sent turns into "awarded" on award.updated', async () => {
    const { fake } = await submitWith({ online: false }, () => undefined);
    const [award] = [...fake.awards.values()];
    act(() => {
      fake.settle(award?.id ?? '', { state: 'AWARDED' });
    });
    await waitFor(() => expect(screen.getByTestId('outcome').dataset.outcome).toBe('awarded'));
    expect(screen.queryByTestId('undo')).toBeNull();
  });

  it('Undo that comes too late says why', async () => {
    const { fake } = await submitWith({ online: false }, () => undefined);
    const [award] = [...fake.awards.values()];
    fake.awards.set(award?.id ?? '', { ...award!, state: 'SENDING' });
    fireEvent.click(screen.getByTestId('undo'));
    expect(await screen.findByText('This award has already been sent and cannot be undone.')).toBeTruthy();
  });

  it('still sending, and slow', async () => {
    const { fake, outcome } = await submitWith({}, (fake) => (fake.submitScript = { kind: 'sending' }));
    expect(outcome.dataset.outcome).toBe('sending');
    const [award] = [...fake.awards.values()];
    act(() => fake.emit('award.slow', { id: award?.id ?? '' }));
    await screen.findByText(/This is taking long/);
  });

  it('needs manager review', async () => {
    const { outcome } = await submitWith({}, (fake) => (fake.submitScript = { kind: 'unknown' }));
    expect(outcome.dataset.outcome).toBe('review');
    expect(outcome.textContent).toContain('Do not award again');
  });

  it('refused: the reason once, in the language on screen, and a retry that keeps the amount', async () => {
    const message = 'No loyalty member has this phone number or member ID. Check it with the customer, or use a claim QR.';
    const { outcome } = await submitWith({}, (fake) => (fake.submitScript = { kind: 'rejected', code: 'MEMBER_NOT_FOUND', message }));
    expect(outcome.dataset.outcome).toBe('refused');
    expect(screen.getByTestId('refusal-message').textContent).toBe(message);
    expect(outcome.textContent?.split('No loyalty member').length).toBe(2);
    await act(() => useStatusStore.getState().chooseLanguage('ms'));
    expect(screen.getByTestId('refusal-message').textContent).toBe('Tiada ahli kesetiaan dengan nombor telefon atau ID ahli ini. Semak dengan pelanggan, atau guna QR tuntutan.');
    expect(outcome.textContent).not.toContain('No loyalty member');
    await act(() => useStatusStore.getState().chooseLanguage('en'));
    fireEvent.click(screen.getByTestId('retry'));
    expect(screen.getByLabelText<HTMLInputElement>('Amount').value).toBe('30.00');
    expect(screen.queryByTestId('outcome')).toBeNull();
  });

  it('a phone RM says is not a member: said once, Confirm points to it and does nothing, in any language', async () => {
    const fake = setUp();
    await startCounter();
    await enterSale('10', '012-345 6789');
    const problem = await screen.findByTestId('preview-member-problem');
    expect(problem.textContent).toBe('No loyalty member has this phone number or member ID. Check it with the customer, or use a claim QR.');
    expect(document.body.textContent?.split('use a claim QR').length).toBe(2);
    // The points stay in view (what a claim QR would give), no longer as this sale's headline.
    expect(screen.getByText('10 points').className).toContain('preview-points-muted');
    const confirm = screen.getByTestId('confirm');
    await waitFor(() => expect(confirm.getAttribute('aria-disabled')).toBe('true'));
    expect(confirm.textContent).toBe('Confirm');
    expect(screen.queryByTestId('confirm-reason')).toBeNull();
    expect(confirm.getAttribute('aria-describedby')).toBe(problem.id);
    fireEvent.click(confirm);
    fireEvent.keyDown(confirm, { key: 'Enter' });
    await settle(20);
    expect(fake.callsOf('award.submit')).toEqual([]);
    await act(() => useStatusStore.getState().chooseLanguage('zh'));
    expect(screen.getByTestId('preview-member-problem').textContent).toBe('没有会员使用此电话号码或会员编号。请与顾客核对，或使用领取二维码。');
    await act(() => useStatusStore.getState().chooseLanguage('en'));
  });

  it('typing the next amount starts the next sale with a new id', async () => {
    const { fake } = await submitWith({}, () => undefined);
    const firstId = (fake.callsOf('award.submit')[0] as { id: string }).id;
    typeInto(screen.getByLabelText('Amount'), '4');
    expect(screen.queryByTestId('outcome')).toBeNull();
    expect(useSaleStore.getState().saleId).not.toBe(firstId);
    expect(useSaleStore.getState().phase).toBe('editing');
  });
});

describe('claim QR', () => {
  it('draws the QR large with the amount and points, prints until claimed, and goes on dismiss or the next sale', async () => {
    const fake = setUp();
    const print = vi.fn();
    window.print = print;
    const amount = await startCounter();
    typeInto(amount, '45.90');
    pressEnter(amount);
    fireEvent.click(screen.getByTestId('mode-qr'));
    await screen.findByText('45 points');
    fireEvent.click(screen.getByTestId('confirm'));
    const panel = await screen.findByTestId('claim-qr');
    const image = await waitFor(() => {
      const found = panel.querySelector<HTMLImageElement>('img.qr-image');
      expect(found).not.toBeNull();
      return found!;
    });
    const award = [...fake.awards.values()][0];
    expect(image.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
    expect(image.dataset.url).toBe(award?.qrCodeUrl);
    expect(Number(image.getAttribute('width'))).toBeGreaterThanOrEqual(320);
    expect(decodeURIComponent(image.getAttribute('src') ?? '')).toContain('<svg');
    expect(panel.textContent?.replace(/\s/gu, ' ')).toContain('RM 45.90 · 45 points');
    expect(fake.callsOf('award.submit')).toMatchObject([{ member: { type: 'QRCODE' }, amountSen: 4590 }]);

    fireEvent.click(screen.getByTestId('print-qr'));
    expect(print).toHaveBeenCalledTimes(1);
    screen.getByTestId('print-qr').focus();
    // Claimed on the customer's phone: the spent QR is no longer offered for printing, and the focus moves on to Dismiss.
    act(() => void fake.settle(award?.id ?? '', { claimedAt: Date.now() }));
    await waitFor(() => expect(screen.getByTestId('claim-qr').dataset.claimed).toBe('true'));
    expect(screen.queryByTestId('print-qr')).toBeNull();
    expect(screen.getByTestId('claim-qr').querySelector('.print-slip')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('dismiss-qr'));
    fireEvent.click(screen.getByTestId('dismiss-qr'));
    expect(screen.queryByTestId('claim-qr')).toBeNull();
  });

  it('offline, no claim QR can be made: the cashier is told at once and offered the phone or member ID', async () => {
    setUp({ online: false });
    const amount = await startCounter();
    typeInto(amount, '10');
    pressEnter(amount);
    fireEvent.click(screen.getByTestId('mode-qr'));
    fireEvent.click(screen.getByTestId('confirm'));
    const outcome = await screen.findByTestId('outcome');
    expect(outcome.dataset.outcome).toBe('qrFailed');
    expect(outcome.textContent).toContain('No claim QR');
    expect(outcome.textContent).toContain('Revenue Monster could not be reached, so no claim QR was made. Use the phone number or member ID instead.');
    expect(screen.queryByTestId('claim-qr')).toBeNull();
    fireEvent.click(screen.getByTestId('retry'));
    expect(screen.getByLabelText<HTMLInputElement>('Amount').value).toBe('10.00');
    expect(screen.getByTestId('mode-phone').getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Phone number')));
  });
});
