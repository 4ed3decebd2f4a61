// A receipt that already earned points today, in the words the counter and the command line both refuse it with.
import { formatRinggit } from '../common/money.ts';
import { shopTimeOfDay } from '../common/shop-time.ts';
import type { MessageParams } from '../messages.ts';
import type { Award } from './award.ts';

/** The parameters of 'award.receiptUsed': the receipt, and the first award's shop time and amount. */
export function receiptUsedParams(receiptRef: string, earlier: Award): MessageParams {
  return { receipt: receiptRef, time: shopTimeOfDay(earlier.createdAt), amount: formatRinggit(earlier.amountSen) };
}
