// A receipt taken to a second counter of the same outlet: only the hub sees the other counters' awards. The counter
// asks while the cashier is still at the sale (the receipt field filled), keeps the answer, and its submit reads only
// what was kept: a counter never waits for the hub.
import type { HubClient } from './hub-client.ts';
import type { ReceiptCheckReply } from './wire.ts';

export type EarlierElsewhere = NonNullable<ReceiptCheckReply['earlier']>;

/** Answers kept, newest last; a counter gives a few hundred receipts a day. */
const KEPT_ANSWERS = 500;

export class ReceiptsElsewhere {
  private readonly answers = new Map<string, { sinceMs: number; earlier: EarlierElsewhere | null }>();

  private readonly client: HubClient;
  constructor(client: HubClient) {
    this.client = client;
  }

  /**
   * The hub's answer for today (`sinceMs`: the shop day's start), kept for the submit. Only an answer replaces an
   * answer: with the hub out of reach or busy, what it said before stands. A warning kept too long costs the cashier one
   * tap on Award again (that award may have been voided since); a warning lost is a receipt awarded twice.
   */
  async ask(receiptRef: string, sinceMs: number): Promise<EarlierElsewhere | null> {
    const answer = await this.client.receiptCheck({ receiptRef, sinceMs });
    if (answer.kind !== 'ok') return this.known(receiptRef, sinceMs);
    const key = keyOf(receiptRef);
    this.answers.delete(key);
    this.answers.set(key, { sinceMs, earlier: answer.value.earlier });
    if (this.answers.size > KEPT_ANSWERS) this.answers.delete(this.answers.keys().next().value as string);
    return answer.value.earlier;
  }

  /** What the hub said of this receipt today, if it was asked: never a wait. */
  known(receiptRef: string, sinceMs: number): EarlierElsewhere | null {
    const kept = this.answers.get(keyOf(receiptRef));
    return kept?.sinceMs === sinceMs ? kept.earlier : null;
  }
}

// The hub matches receipts whatever the case of their letters, as the counter's own check does.
function keyOf(receiptRef: string): string {
  return receiptRef.trim().toLowerCase();
}
