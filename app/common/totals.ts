// The figures every total of awards carries: History's totals, the shifts' figures, head office's rows and the by-day
// chart's empty days, and the rule that sets a claim QR apart from them. Here, beside the other plain values, so the
// screens can name a day of no awards, and word an award as the totals count it, without reaching into the core.
import type { MemberIdentity } from './member.ts';

/**
 * "Given" is awarded, less the claim QRs Kaunter has not seen claimed: RM made them, but their points may have gone to
 * no one (a QR never scanned) or to someone unseen (the watch stops after a while, RM may not answer it), so they are
 * counted apart, never as given and never as lost.
 */
export interface Totals {
  awards: number;
  /** Awards whose points were given. */
  awardedAwards: number;
  /** Sen of the awards whose points were given: what points were actually given for. */
  awardedAmountSen: number;
  /** Points given. */
  points: number;
  /** Awards given whose points are still Kaunter's estimate, not RM's figure. */
  unconfirmed: number;
  /** Claim QRs made and not seen claimed, their sen and their points. */
  unclaimedQrs: number;
  unclaimedQrAmountSen: number;
  unclaimedQrPoints: number;
  /** Awards that ended giving nothing: refused by RM, voided (a claim QR not made among them) or cancelled. */
  notGiven: number;
}

/**
 * A claim QR RM made that Kaunter has not seen claimed: awarded, but counted apart, never as given (see Totals). The one
 * rule for an award read whole; app/awards/given.ts says it again in SQL, and a test holds the two together.
 */
export function isUnclaimedQr(award: { state: string; member: Pick<MemberIdentity, 'type'>; claimedAt: number | null }): boolean {
  return award.state === 'AWARDED' && award.member.type === 'QRCODE' && award.claimedAt === null;
}

/** Totals with each figure from `value`: every figure named once, so a new figure cannot be left out of a sum. */
export function eachFigure(value: (key: keyof Totals) => number): Totals {
  return {
    awards: value('awards'),
    awardedAwards: value('awardedAwards'),
    awardedAmountSen: value('awardedAmountSen'),
    points: value('points'),
    unconfirmed: value('unconfirmed'),
    unclaimedQrs: value('unclaimedQrs'),
    unclaimedQrAmountSen: value('unclaimedQrAmountSen'),
    unclaimedQrPoints: value('unclaimedQrPoints'),
    notGiven: value('notGiven'),
  };
}

/** No awards: every figure zero. */
export const NO_TOTALS: Readonly<Totals> = Object.freeze(eachFigure(() => 0));
