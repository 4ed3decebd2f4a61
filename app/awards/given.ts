// Which awards gave points, for every figure that says "given": History's totals, the shifts' figures, the CSV's given
// columns and head office's totals. A claim QR RM made is given only once Kaunter has seen it claimed: until then its
// points may have gone to no one (a QR never scanned) or to someone unseen (the claim watch stops after a while, and RM
// may not answer it), so it is counted apart, never as given and never as lost.
import { isUnclaimedQr } from '../common/totals.ts';
import type { Award } from './award.ts';

/** SQL on an awards table (the counter's, or the hub's under `alias`): a claim QR made and not seen claimed. */
export function unclaimedQrSql(alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return `${a}state = 'AWARDED' AND ${a}member_type = 'QRCODE' AND ${a}claimed_at IS NULL`;
}

/** Awarded, and not a claim QR nobody was seen to claim. */
export function givenSql(alias = ''): string {
  return `${alias ? `${alias}.` : ''}state = 'AWARDED' AND NOT (${unclaimedQrSql(alias)})`;
}

/** The states of an award that ended giving nothing: refused by RM, voided (a claim QR not made among them) or cancelled. */
export const NOT_GIVEN_STATES = ['REJECTED', 'VOIDED', 'CANCELLED'] as const satisfies readonly Award['state'][];

/** SQL: ended giving nothing. */
export function notGivenSql(alias = ''): string {
  return `${alias ? `${alias}.` : ''}state IN (${NOT_GIVEN_STATES.map((state) => `'${state}'`).join(', ')})`;
}

/** The same rule for one award read whole (the CSV's rows); a test holds the CSV's sums to the SQL's totals. */
export function pointsGiven(award: Pick<Award, 'state' | 'member' | 'claimedAt'>): boolean {
  return award.state === 'AWARDED' && !isUnclaimedQr(award);
}
