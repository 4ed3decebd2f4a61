// One award as `kaunter history --json` prints it (and `kaunter hub history --json`, which adds where it was made).
import { memberFields } from '../common/member.ts';
import type { AttemptRecord, Award } from './award.ts';

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
    cashier: award.cashier,
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
