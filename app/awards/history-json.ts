// One award as `kaunter history --json` prints it (and `kaunter hub history --json`, which adds where it was made), and
// the English words it shares with the CSV.
import { cashierWords } from '../common/cashier.ts';
import { memberFields } from '../common/member.ts';
import { isUnclaimedQr } from '../common/totals.ts';
import { say } from '../messages.ts';
import type { AttemptRecord, Award, AwardState } from './award.ts';
import { pointsGiven } from './given.ts';

/** Each state as the English screens name it (renderer/i18n/en.json, state: a test keeps the two the same). */
export const STATUS_WORDS: Readonly<Record<AwardState, string>> = {
  QUEUED: 'Queued',
  SENDING: 'Sending',
  AWARDED: 'Awarded',
  REJECTED: 'Refused',
  UNKNOWN: 'Needs review',
  VOIDED: 'Voided',
  CANCELLED: 'Cancelled',
};

/** A claim QR Kaunter has not seen claimed, as History's list words it (en.json state.unclaimedQr): not given. */
export const UNCLAIMED_QR_STATUS = 'QR not seen claimed';

/** The award's state as History's list shows it, in English: a claim QR not seen claimed says so. */
export function statusInEnglish(award: Pick<Award, 'state' | 'member' | 'claimedAt'>): string {
  return isUnclaimedQr(award) ? UNCLAIMED_QR_STATUS : STATUS_WORDS[award.state];
}

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
    // `state` stays the code scripts match on; these say what History says: a claim QR RM made is AWARDED, but its
    // points count as given only once Kaunter has seen it claimed.
    status: statusInEnglish(award),
    pointsGiven: pointsGiven(award),
    claimedAt: award.claimedAt === null ? null : new Date(award.claimedAt).toISOString(),
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
