// The counter's award methods: preview, submit, undo, look one up.
import { eventView } from '../awards/event-words.ts';
import { receiptUsedElsewhere, receiptUsedHere, type ReceiptText } from '../awards/repeated-receipt.ts';
import { terminalAsCashier } from '../common/cashier.ts';
import { COUNTER_WAIT_MS } from '../common/counter-wait.ts';
import { startOfShopDay } from '../common/shop-time.ts';
import { estimatePoints, narrowRule } from '../awards/points.ts';
import type { KaunterCore } from '../core/kaunter-core.ts';
import { Refusal } from '../core/failure.ts';
import { say } from '../messages.ts';
import type { NamespaceHandlers } from './types.ts';

export const awardHandlers: NamespaceHandlers<'award'> = {
  'award.preview': async (core, { amountSen, member }) => {
    const rm = core.env.rm;
    // Through the desk's points book: the award submitted next carries RM's figure without asking again.
    const points = await core.env.desk.points.ask(amountSen);
    // A figure RM rounded down to 0 (a small amount) says nothing of the rate; learnt, it made every estimate 0.
    if (points?.kind === 'success' && amountSen > 0 && points.value > 0) learnRule(core, amountSen, points.value);
    const known = points?.kind === 'success' ? points.value : null;
    const lookup = member && rm ? await core.memberLookups.lookUpIn(rm.loyalty, member) : { member: null, problem: null };
    return {
      points: known ?? estimatePoints(amountSen, core.settings.value.lastKnownPointsPerSen),
      estimate: known === null,
      member: lookup.member,
      memberProblem: lookup.problem?.message ?? null,
      memberProblemCode: lookup.problem?.key ?? null,
    };
  },

  'award.submit': async (core, input) => {
    const cashier = cashierOf(core);
    const { repeatReceipt, ...given } = input;
    // An id already written is the same sale sent again (a retry after a lost reply): the desk gives back its award.
    const isNew = core.env.desk.find(input.id) === null;
    // A claim QR is for the customer at the counter now: written without RM to make it, it would wait until the setup is
    // finished and be made for a customer long gone. Nothing is written; a phone or member ID award can wait.
    if (isNew && input.member.type === 'QRCODE' && !core.env.rm) throw Refusal.say('NOT_CONFIGURED', 'award.qrNeedsRm');
    const receipt = given.receiptRef?.trim() ?? '';
    const usedBefore = isNew && receipt !== '' ? receiptUsedBefore(core, receipt) : null;
    if (usedBefore && !repeatReceipt) throw Refusal.say('INVALID_INPUT', usedBefore.key, usedBefore.params, { field: 'receiptRef' });
    // Awarded again on purpose: the trail says so, for the manager who reads the receipt's history later. Also when
    // this core no longer knows the earlier award (head office told the counter before a restart), in words that say
    // the cashier was told so rather than that the core found it.
    const reason = isNew && receipt !== '' ? repeatReason(receipt, usedBefore !== null, repeatReceipt === true) : undefined;
    // Without a preview, Kaunter's own estimate until RM's figure is known (the desk uses RM's when it has it).
    const pointsPreview = given.pointsPreview ?? estimatePoints(given.amountSen, core.settings.value.lastKnownPointsPerSen) ?? undefined;
    const sale = { ...given, cashier, ...(pointsPreview === undefined ? {} : { pointsPreview }) };
    // Nothing awaits between the checks above and the write inside desk.submit, so no other submit can come between.
    const result = await core.env.desk.submit(sale, `cashier:${cashier}`, COUNTER_WAIT_MS, reason);
    return { award: result.award, settled: result.settled, waiting: result.settled ? null : result.reason };
  },

  // Head office is asked only when this counter has no award of its own on the receipt; the answer is kept, and read
  // back by the same function the submit refuses with, so the field and the submit always say the same.
  'award.checkReceipt': async (core, { receiptRef }) => {
    if (!core.env.desk.awardOnReceiptToday(receiptRef)) await core.headOffice?.receiptsElsewhere()?.ask(receiptRef, startOfShopDay(core.now()));
    return { usedBefore: receiptUsedBefore(core, receiptRef) };
  },

  'award.undo': (core, { id, reason }) => {
    const cashier = cashierOf(core);
    return core.env.desk.undo(id, `cashier:${cashier}`, reason ?? say('event.undoneAtCounter'));
  },

  'award.get': (core, { id }) => {
    const detail = core.env.desk.detail(id);
    if (!detail) throw Refusal.say('NOT_FOUND', 'award.notFound');
    return { ...detail, events: detail.events.map(eventView) };
  },
};

/**
 * Who the award is recorded under: the cashier of the terminal's open shift. A shop with a cashier list must pick one
 * first; a shop with none records the terminal, as a code each reader's language words (never as if it were a person,
 * nor in English only).
 */
export function cashierOf(core: KaunterCore): string {
  const settings = core.settings.value;
  const chosen = core.env.shifts.current()?.cashier;
  if (chosen) return chosen;
  if (settings.cashiers.length > 0) throw Refusal.say('NOT_ALLOWED', 'cashier.choose');
  return terminalAsCashier(settings.terminalName || 'Kaunter');
}

/** Keeps the rule as RM's figures narrow it; a settings write only when it moved. */
function learnRule(core: KaunterCore, amountSen: number, points: number): void {
  const { lastKnownPointsPerSen: atLeast, pointsPerSenBelow: below } = core.settings.value;
  const known = atLeast !== null && below !== null ? { atLeast, below } : null;
  const rule = narrowRule(known, amountSen, points);
  if (rule.atLeast === atLeast && rule.below === below) return;
  core.settings.update((s) => ({ ...s, lastKnownPointsPerSen: rule.atLeast, pointsPerSenBelow: rule.below }));
}

/**
 * The same receipt given twice today: a sale rung up again after "queued", a receipt scanned twice, or a receipt kept
 * to earn points on another phone or at another counter. This counter's own awards are read here; another counter's
 * only as head office told of them when the receipt was checked (a submit never waits for head office). The cashier is
 * refused, sees the first award, and may award again on purpose.
 */
function receiptUsedBefore(core: KaunterCore, receipt: string): ReceiptText | null {
  const here = core.env.desk.awardOnReceiptToday(receipt);
  if (here) return receiptUsedHere(receipt, here);
  const elsewhere = core.headOffice?.receiptsElsewhere()?.known(receipt, startOfShopDay(core.now()));
  return elsewhere ? receiptUsedElsewhere(receipt, elsewhere) : null;
}

/** The trail's note for a receipt awarded again: found used here, or only said to be by an answer since forgotten. */
function repeatReason(receipt: string, knownUsed: boolean, cashierChose: boolean): string | undefined {
  if (knownUsed) return say('event.submittedRepeatReceipt', { receipt });
  return cashierChose ? say('event.submittedAfterReceiptWarning', { receipt }) : undefined;
}
