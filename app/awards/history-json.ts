// One award as `kaunter history --json` prints it (and `kaunter hub history --json`, which adds where it was made).
import { cashierWords } from '../common/cashier.ts';
import { memberFields } from '../common/member.ts';
import { say } from '../messages.ts';
import type { AttemptRecord, Award } from './award.ts';

/** Who the award is recorded under, in English (the CLI's and the CSV's language): a terminal as "Terminal <name>". */
export function cashierInEnglish(stored: string): string {
  return cashierWords(stored, (name) => say('cashier.terminal', { name }));
}

/** RM: the points are RM's own figure for the amount; estimate: Kaunter's, until RM's is known; null: none known. */
export function pointsSource(award: Award): 'RM' | 'estimate' | null {
  if (award.pointsPreview === null) return null;
  return award.pointsConfirmed ? 'RM' : 'estimate';
}

export function historyJsonItem(award: Award, attempts: readonly AttemptRecord[]) {
  return {
    id: award.id,
    state: award.state,
    amountSen: award.amountSen,
    createdAt: new Date(award.createdAt).toISOString(),
    cashier: cashierInEnglish(award.cashier),
    terminalId: award.terminalId,
    receiptRef: award.receiptRef,
    memberType: award.member.type,
    ...memberFields(award.member),
    pointsPreview: award.pointsPreview,
    pointsSource: pointsSource(award),
    rmItemId: award.rmItemId,
    qrCodeUrl: award.qrCodeUrl,
    lastError: award.lastError,
    resolution: award.resolution,
    attempts: attempts.map(({ nonce, timestamp, outcome, errorCode }) => ({ nonce, timestamp, outcome, errorCode })),
  };
}
