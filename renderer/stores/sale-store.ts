// One sale at the counter: amount, member, optional receipt, the points preview, ONE submit, and its outcome.
// The sale's UUID is made once when the sale starts; the core treats a second submit of it as the first, and this store
// refuses to send a second one at all. Editing a sale after a failed submit gives it a new UUID, so the edited sale
// can never be mistaken for the one that failed.
import { create } from 'zustand';
import { kaunter } from '../api.ts';
import { refusedAfterWait } from '../../app/common/counter-wait.ts';
import { MALAYSIA_COUNTRY_CODE } from '../../app/common/malaysian-phone.ts';
import { describeMember, parseMemberId, parsePhone } from '../../app/common/member.ts';
import { formatRinggit, parseRinggit } from '../../app/common/money.ts';
import type { CoreText } from '../common/core-text.ts';
import type { ScanTarget } from '../scanner/use-keystroke-scans.ts';
import type { AwardView, MemberIdentity, Preview, ScanIdentityView, SubmitOutcome } from '../types.ts';

export type MemberMode = 'phone' | 'memberId' | 'qr';
export type SalePhase = 'editing' | 'submitting' | 'done';

export interface SaleOutcome {
  award: AwardView;
  waiting: SubmitOutcome['waiting'];
  /** The core said the send is taking long (award.slow): the result will show in the queue. */
  slow: boolean;
  /** Who RM said the member is, from the sale's preview (before the award). */
  member: { name: string | null; points: number | null } | null;
  /** The member's balance as RM gives it after the award was credited; null until RM has said. */
  balanceAfter: number | null;
  /**
   * The award is the sale as first sent, not as the cashier changed it on screen since (amount, member or receipt): the
   * core had written it before it stopped or its reply was lost, and an id already written gives back what was written.
   */
  notAsEdited: boolean;
  /**
   * RM refused the award after the counter had stopped waiting for it, as the status bar's refused count has it: the
   * customer has likely gone, so it is said quietly, never as the sale in hand (another member now would be the next
   * customer).
   */
  refusedLate: boolean;
}

export interface SaleState {
  saleId: string;
  amountText: string;
  memberMode: MemberMode;
  phoneText: string;
  memberIdText: string;
  /** The member the award goes to, as the core parsed it; a claim QR in QR mode; null until known. */
  member: MemberIdentity | null;
  memberFromScan: boolean;
  memberProblem: CoreText | null;
  receiptText: string;
  receiptFromScan: boolean;
  /** The receipt last asked about (asked once, however it was finished: a pause, Enter, or a scan). */
  receiptAsked: string | null;
  /** The core's word that a receipt already earned points today (here or at another counter), and which receipt. */
  receiptUsed: { receiptRef: string; text: CoreText } | null;
  preview: Preview | null;
  /** Which amount and member the preview (or its problem) is for, so a stale answer is never shown. */
  previewKey: string | null;
  previewProblem: CoreText | null;
  previewLoading: boolean;
  phase: SalePhase;
  outcome: SaleOutcome | null;
  submitProblem: CoreText | null;
  undoProblem: CoreText | null;
  undoing: boolean;
  qrDismissed: boolean;
  /**
   * The award whose claim QR went off the screen before anyone was seen to scan it (the next sale, Esc, Close QR):
   * said until the next sale, or until its claim arrives after all (the claim watch asks every 2 s).
   */
  qrClosedUnscanned: string | null;
  /** Something scanned that is neither a member nor a receipt. */
  scanProblem: CoreText | null;
  /** A scan that came while a submit was in flight (the next customer's card, say): applied once the submit ends. */
  heldScan: ScanIdentityView | null;
}

interface SaleActions {
  setAmountText: (text: string) => void;
  setMemberMode: (mode: MemberMode) => void;
  setPhoneText: (text: string) => void;
  setMemberIdText: (text: string) => void;
  setReceiptText: (text: string) => void;
  /** Asks the core whether the receipt on screen already earned points today, so the cashier knows before confirming. */
  checkReceipt: () => Promise<void>;
  /** Reads the typed phone or member ID (the same grammar as the core's); true when it names a member. */
  checkMember: () => boolean;
  applyScan: (identity: ScanIdentityView, typedInto: ScanTarget[]) => void;
  requestPreview: () => Promise<void>;
  /** `repeatReceipt`: the cashier was told the receipt already earned points today and awards it again on purpose. */
  submit: (options?: { repeatReceipt?: boolean }) => Promise<void>;
  undo: () => Promise<void>;
  awardUpdated: (award: AwardView) => void;
  awardSlow: (id: string) => void;
  /** Once awarded: ask RM for the member's new balance, for the success panel. */
  refreshBalance: () => Promise<void>;
  dismissQr: () => void;
  startNextSale: () => void;
  retryWithAnotherMember: () => void;
}

export type SaleStore = SaleState & SaleActions;

/**
 * A new sale. It keeps the way the last customer was identified (a shop that takes member IDs keeps taking them), except
 * a claim QR: that is for the one customer without a card, so the next sale is back on the phone number.
 */
export function freshSale(lastMode: MemberMode = 'phone'): SaleState {
  return {
    saleId: crypto.randomUUID(),
    amountText: '',
    memberMode: lastMode === 'qr' ? 'phone' : lastMode,
    phoneText: '',
    memberIdText: '',
    member: null,
    memberFromScan: false,
    memberProblem: null,
    receiptText: '',
    receiptFromScan: false,
    receiptAsked: null,
    receiptUsed: null,
    preview: null,
    previewKey: null,
    previewProblem: null,
    previewLoading: false,
    phase: 'editing',
    outcome: null,
    submitProblem: null,
    undoProblem: null,
    undoing: false,
    qrDismissed: false,
    qrClosedUnscanned: null,
    scanProblem: null,
    heldScan: null,
  };
}

/** The amount in sen, or null while the typed text is not a valid amount. */
export function amountSenOf(state: Pick<SaleState, 'amountText'>): number | null {
  const parsed = parseRinggit(state.amountText);
  return parsed.ok ? parsed.sen : null;
}

export function previewKeyOf(amountSen: number, member: MemberIdentity | null): string {
  return JSON.stringify([amountSen, member]);
}

/** The core refused the submit because the receipt already earned points today (here or at another counter). */
export function isReceiptRefusal(problem: CoreText | null): boolean {
  return problem?.key === 'award.receiptUsed' || problem?.key === 'award.receiptUsedElsewhere';
}

/**
 * What the core said of the receipt on screen, if it already earned points today; nothing for any other text, nor once
 * the confirm was refused for it (the same words are said there, beside Award again).
 */
export function receiptUsedNow(state: Pick<SaleState, 'receiptText' | 'receiptUsed' | 'submitProblem'>): CoreText | null {
  if (isReceiptRefusal(state.submitProblem)) return null;
  return state.receiptUsed?.receiptRef === state.receiptText.trim() ? state.receiptUsed.text : null;
}

/**
 * RM said, in this sale's preview, that nobody is a member under this phone number or ID: an award would be refused.
 * (Kaunter's own notices, such as too many look-ups, never stop an award.)
 */
export function memberRefused(state: SaleState): boolean {
  const amountSen = amountSenOf(state);
  const current = amountSen !== null && state.previewKey === previewKeyOf(amountSen, state.member);
  return current && Boolean(state.preview?.memberProblemCode?.startsWith('rm.'));
}

export function canSubmit(state: SaleState): boolean {
  return state.phase === 'editing' && amountSenOf(state) !== null && state.member !== null && !memberRefused(state);
}

/** The last sale's claim QR is on screen, not yet scanned: closing it now leaves the customer without it. */
export function qrAwaitingScan(state: Pick<SaleState, 'phase' | 'outcome' | 'qrDismissed'>): boolean {
  const award = state.outcome?.award;
  return state.phase === 'done' && award?.state === 'AWARDED' && Boolean(award.qrCodeUrl) && award.claimedAt === null && !state.qrDismissed;
}

/** The award of the claim QR on screen, not yet scanned, that closing now would leave unscanned; else null. */
function closedUnscanned(state: SaleState): string | null {
  return qrAwaitingScan(state) ? (state.outcome?.award.id ?? null) : null;
}

/** The next sale, after the outcome of the last: whether it closed a claim QR nobody had scanned is said in it. */
function nextSale(state: SaleState): SaleState {
  return { ...freshSale(state.memberMode), qrClosedUnscanned: closedUnscanned(state) };
}

/**
 * The state an edit starts from: after the outcome, a new sale (the last sale's panel goes away); after a failed submit,
 * the same sale, id and all. Null while a submit is in flight: nothing may change under it.
 */
function editBase(state: SaleState): SaleState | null {
  if (state.phase === 'submitting') return null;
  if (state.phase === 'done') return nextSale(state);
  return { ...state, submitProblem: null, scanProblem: null };
}

/** A failed submit after which the award may still be in the outbox: the core stopped, or the host went out of reach. */
function mayHaveBeenWritten(error: CoreText): boolean {
  return error.code === 'UNAVAILABLE' || error.key === 'error.connectionLost';
}

/** The phone or member ID as typed, read by the same grammar the core checks it with (app/common/member.ts). */
function memberFromText(kind: 'phone' | 'memberId', text: string): { ok: true; value: MemberIdentity } | { ok: false; problem: CoreText } {
  if (kind === 'memberId') {
    const id = parseMemberId(text);
    return id.ok ? { ok: true, value: { type: 'ID', memberId: id.memberId } } : { ok: false, problem: { message: id.message, key: id.code, params: id.params } };
  }
  const phone = parsePhone(text, MALAYSIA_COUNTRY_CODE);
  if (!phone.ok) return { ok: false, problem: { message: phone.message, key: phone.code, params: phone.params } };
  return { ok: true, value: { type: 'PHONENUMBER', countryCode: phone.countryCode, phoneNumber: phone.phoneNumber } };
}

/** A keyboard-mode scan typed into fields: each reads what it read before the first of the scan's keys reached it. */
function scanTakenOut(typedInto: ScanTarget[]): Partial<SaleState> {
  let restored: Partial<SaleState> = {};
  for (const target of typedInto) restored = { ...restored, ...fieldAsBefore(target) };
  return restored;
}

function fieldAsBefore({ field, valueBefore }: ScanTarget): Partial<SaleState> {
  if (valueBefore === null) return {};
  switch (field) {
    case 'amount':
      return { amountText: valueBefore };
    case 'phone':
      return { phoneText: valueBefore };
    case 'memberId':
      return { memberIdText: valueBefore };
    case 'receipt':
      return { receiptText: valueBefore };
    default:
      return {};
  }
}

export const useSaleStore = create<SaleStore>()((set, get) => ({
  ...freshSale(),

  setAmountText(amountText) {
    const base = editBase(get());
    if (base) set({ ...base, amountText });
  },

  setMemberMode(memberMode) {
    const state = get();
    if (state.phase === 'editing' && state.memberMode === memberMode) return;
    const base = editBase(state);
    if (!base) return;
    set({
      ...base,
      memberMode,
      member: memberMode === 'qr' ? { type: 'QRCODE' } : null,
      memberFromScan: false,
      memberProblem: null,
    });
  },

  setPhoneText(phoneText) {
    const base = editBase(get());
    if (base) set({ ...base, phoneText, member: null, memberFromScan: false, memberProblem: null });
  },

  setMemberIdText(memberIdText) {
    const base = editBase(get());
    if (base) set({ ...base, memberIdText, member: null, memberFromScan: false, memberProblem: null });
  },

  setReceiptText(receiptText) {
    const base = editBase(get());
    if (base) set({ ...base, receiptText, receiptFromScan: false });
  },

  async checkReceipt() {
    const receiptRef = get().receiptText.trim();
    if (get().phase !== 'editing' || receiptRef === '' || get().receiptAsked === receiptRef) return;
    set({ receiptAsked: receiptRef });
    const result = await kaunter().award.checkReceipt({ receiptRef });
    // The cashier may have typed on meanwhile: an answer is only ever kept for the receipt it was asked about.
    if (!result.ok || get().receiptText.trim() !== receiptRef) return;
    set({ receiptUsed: result.value.usedBefore ? { receiptRef, text: result.value.usedBefore } : null });
  },

  checkMember() {
    const state = get();
    if (state.phase !== 'editing') return false;
    if (state.memberMode === 'qr' || state.member) return true;
    const text = state.memberMode === 'phone' ? state.phoneText : state.memberIdText;
    if (text.trim() === '') return false;
    const member = memberFromText(state.memberMode, text);
    if (member.ok) set({ member: member.value, memberProblem: null });
    else set({ member: null, memberProblem: member.problem });
    return member.ok;
  },

  applyScan(identity, typedInto) {
    const state = get();
    // Held without the fields its keys reached: the store takes no edit during a submit, so none of them kept a key.
    if (state.phase === 'submitting') return set({ heldScan: identity });
    if (identity.type === 'unrecognised') {
      set({ ...scanTakenOut(typedInto), scanProblem: { message: identity.reason, key: identity.code, params: identity.params } });
      return;
    }
    const base = editBase(state);
    if (!base) return;
    const cleaned = { ...base, ...scanTakenOut(typedInto) };
    switch (identity.type) {
      case 'ID':
        set({ ...cleaned, memberMode: 'memberId', memberIdText: identity.memberId, member: identity, memberFromScan: true, memberProblem: null });
        return;
      case 'PHONENUMBER':
        set({ ...cleaned, memberMode: 'phone', phoneText: identity.phoneNumber, member: identity, memberFromScan: true, memberProblem: null });
        return;
      case 'RECEIPT':
        set({ ...cleaned, receiptText: identity.reference.slice(0, 64), receiptFromScan: true });
        return;
    }
  },

  async requestPreview() {
    const state = get();
    const amountSen = amountSenOf(state);
    if (state.phase !== 'editing' || amountSen === null || state.member === null) return;
    const key = previewKeyOf(amountSen, state.member);
    if (state.previewKey === key && (state.preview || state.previewLoading)) return;
    set({ previewKey: key, previewLoading: true, preview: null, previewProblem: null });
    const member = state.member.type === 'QRCODE' ? undefined : state.member;
    const result = await kaunter().award.preview(member ? { amountSen, member } : { amountSen });
    if (get().previewKey !== key) return;
    if (result.ok) set({ previewLoading: false, preview: result.value });
    else set({ previewLoading: false, previewProblem: result.error });
  },

  async submit(options = {}) {
    const state = get();
    if (!canSubmit(state)) return;
    const amountSen = amountSenOf(state);
    const member = state.member;
    if (amountSen === null || member === null) return;
    // Set synchronously, before the first await: a second Enter or click in the same tick finds the sale taken.
    set({ phase: 'submitting', submitProblem: null });
    const shown = state.preview && state.previewKey === previewKeyOf(amountSen, member) ? state.preview : null;
    const preview = shown?.points ?? null;
    const receiptRef = state.receiptText.trim();
    // A scan held during the submit is the next customer's: it starts the next sale once this one is done. After a
    // failure the sale on screen is still this customer's, so the scan is dropped rather than put into it.
    const endSubmit = (next: Partial<SaleState>): void => {
      const held = next.phase === 'done' ? get().heldScan : null;
      set({ ...next, heldScan: null });
      if (held) get().applyScan(held, []);
    };
    const showOutcome = (finished: Pick<SaleOutcome, 'award' | 'waiting'>): void => {
      // The preview's name only for the award it was asked for (one found after a restart may be the sale before an edit).
      const previewed = finished.award.amountSen === amountSen && describeMember(finished.award.member) === describeMember(member);
      const notAsEdited = !previewed || (finished.award.receiptRef ?? '') !== receiptRef;
      const outcome = { ...finished, slow: false, member: previewed ? (shown?.member ?? null) : null, balanceAfter: null, notAsEdited, refusedLate: false };
      // The form empties at once (the panel shows the finished sale); typing anything starts the next sale.
      endSubmit({ ...freshSale(state.memberMode), phase: 'done', outcome });
      void get().refreshBalance();
    };
    const result = await kaunter().award.submit({
      id: state.saleId,
      amountSen,
      member,
      ...(receiptRef ? { receiptRef } : {}),
      ...(preview !== null && preview >= 0 ? { pointsPreview: preview } : {}),
      ...(options.repeatReceipt ? { repeatReceipt: true as const } : {}),
    });
    if (result.ok) return showOutcome({ award: result.value.award, waiting: result.value.waiting });
    // The core stopped while it had the sale, or the page lost the host: the award may have been written. Asking for
    // the sale's id waits for a restarted core; an award it finds is this sale's outcome.
    if (mayHaveBeenWritten(result.error)) {
      const written = await kaunter().award.get({ id: state.saleId });
      if (written.ok) return showOutcome({ award: written.value.award, waiting: null });
    }
    // The sale keeps its id through any edit: a submit that wrote the award after all (unseen here) is found by the
    // next one, which then shows it rather than giving the points twice.
    endSubmit({ phase: 'editing', submitProblem: result.error });
  },

  async undo() {
    const { outcome, undoing } = get();
    if (!outcome || undoing || outcome.award.state !== 'QUEUED') return;
    set({ undoing: true, undoProblem: null });
    const result = await kaunter().award.undo({ id: outcome.award.id });
    if (result.ok) {
      get().awardUpdated(result.value);
      set({ undoing: false });
    } else {
      set({ undoing: false, undoProblem: result.error });
    }
  },

  awardUpdated(award) {
    if (award.id === get().qrClosedUnscanned && award.claimedAt !== null) set({ qrClosedUnscanned: null });
    const { outcome } = get();
    if (!outcome || outcome.award.id !== award.id || award.updatedAt < outcome.award.updatedAt) return;
    const refusedLate = outcome.refusedLate || (outcome.award.state !== 'REJECTED' && refusedAfterWait(award));
    set({ outcome: { ...outcome, award, refusedLate } });
    void get().refreshBalance();
  },

  async refreshBalance() {
    const outcome = get().outcome;
    if (!outcome || outcome.balanceAfter !== null || outcome.award.state !== 'AWARDED' || outcome.award.member.type === 'QRCODE') return;
    const { id, amountSen, member } = outcome.award;
    const result = await kaunter().award.preview({ amountSen, member });
    const now = get().outcome;
    if (!result.ok || !result.value.member || now?.award.id !== id) return;
    set({ outcome: { ...now, member: { ...result.value.member }, balanceAfter: result.value.member.points } });
  },

  awardSlow(id) {
    const { outcome } = get();
    if (outcome && outcome.award.id === id) set({ outcome: { ...outcome, slow: true } });
  },

  dismissQr() {
    set({ qrDismissed: true, qrClosedUnscanned: closedUnscanned(get()) });
  },

  startNextSale() {
    const state = get();
    if (state.phase === 'submitting') return;
    set(state.phase === 'done' ? nextSale(state) : freshSale(state.memberMode));
  },

  retryWithAnotherMember() {
    const { phase, outcome } = get();
    if (phase !== 'done' || !outcome) return;
    const { award } = outcome;
    set({
      ...freshSale(),
      amountText: formatRinggit(award.amountSen),
      receiptText: award.receiptRef ?? '',
      memberMode: award.member.type === 'ID' ? 'memberId' : 'phone',
    });
  },
}));
