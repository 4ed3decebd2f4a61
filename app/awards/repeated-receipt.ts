// A receipt that already earned points today, here or at another counter of the outlet, in the words the counter, its
// receipt field and the command line refuse or warn with.
import { formatRinggit } from '../common/money.ts';
import { shopTimeOfDay } from '../common/shop-time.ts';
import { say, type MessageParams } from '../messages.ts';
import type { EarlierElsewhere } from '../sync/receipts-elsewhere.ts';
import type { Award } from './award.ts';

/** A sentence of the core's, with its code and parameters for every language. */
export interface ReceiptText {
  message: string;
  key: string;
  params: MessageParams;
}

/** This counter's own award on the receipt today: the receipt, and the first award's shop time and amount. */
export function receiptUsedHere(receiptRef: string, earlier: Award): ReceiptText {
  return text('award.receiptUsed', { receipt: receiptRef, time: shopTimeOfDay(earlier.createdAt), amount: formatRinggit(earlier.amountSen) });
}

/** Another counter's award on the receipt today, as head office told it. */
export function receiptUsedElsewhere(receiptRef: string, earlier: EarlierElsewhere): ReceiptText {
  return text('award.receiptUsedElsewhere', {
    receipt: receiptRef,
    time: shopTimeOfDay(earlier.createdAt),
    amount: formatRinggit(earlier.amountSen),
    terminal: earlier.terminal,
  });
}

function text(key: string, params: MessageParams): ReceiptText {
  return { message: say(key, params), key, params };
}
