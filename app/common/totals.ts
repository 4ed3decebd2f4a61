// The figures every total of awards carries: History's totals, the shifts' figures, head office's rows and the by-day
// chart's empty days. Here, beside the other plain values, so the screens can name a day of no awards without reaching
// into the core.

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
