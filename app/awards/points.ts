// RM's own figure for the points of an amount: its calculate endpoint, remembered for a while per amount. The counter's
// preview asks first, so an award submitted moments later carries RM's figure without another request; an award made
// without a preview (the command line, a resend, an unknown one settled by a manager) is confirmed after it is awarded.
import { MAX_POINTS } from '../common/money.ts';
import type { LoyaltyApi } from '../rm/loyalty.ts';
import type { RmOutcome } from '../rm/outcome.ts';

/** A shop's spending rule changes rarely, and a figure older than this is asked for again. */
const REMEMBER_MS = 10 * 60_000;
const MAX_AMOUNTS = 500;

export class PointsBook {
  private readonly figures = new Map<number, { points: number; at: number }>();
  /** Questions on their way to RM: the counter's preview and the customer display asking for one amount ask once. */
  private readonly asking = new Map<number, Promise<RmOutcome<number> | null>>();

  private readonly loyalty: LoyaltyApi | null;
  private readonly now: () => number;
  constructor(
    loyalty: LoyaltyApi | null,
    now: () => number,
  ) {
    this.loyalty = loyalty;
    this.now = now;
  }

  /** RM's figure for the amount if it was asked recently, else null. */
  known(amountSen: number): number | null {
    const figure = this.figures.get(amountSen);
    return figure && this.now() - figure.at < REMEMBER_MS ? figure.points : null;
  }

  /** Asks RM (or answers from what it said recently). */
  async ask(amountSen: number): Promise<RmOutcome<number> | null> {
    const known = this.known(amountSen);
    if (known !== null) return { kind: 'success', value: known };
    const loyalty = this.loyalty;
    if (!loyalty) return null;
    const pending = this.asking.get(amountSen);
    if (pending) return pending;
    const asked = loyalty
      .calculatePoints(amountSen)
      .then((outcome) => {
        if (outcome.kind === 'success') this.remember(amountSen, outcome.value);
        return outcome;
      })
      .finally(() => this.asking.delete(amountSen));
    this.asking.set(amountSen, asked);
    return asked;
  }

  private remember(amountSen: number, points: number): void {
    if (this.figures.size >= MAX_AMOUNTS) this.figures.delete(this.figures.keys().next().value as number);
    this.figures.set(amountSen, { points, at: this.now() });
  }
}

/** The spending rule (points per sen) as RM's figures have narrowed it: at least `atLeast`, below `below`. */
export interface RuleBounds {
  atLeast: number;
  below: number;
}

/**
 * Narrows the rule with one more of RM's figures. RM rounds down (300 sen gave 3 points), so a figure puts the rule in
 * [points/amount, (points+1)/amount); each figure of the same rule narrows it, and one outside it means the shop changed
 * its rule: it starts again from that figure. Estimates use the lower bound, so they never promise more than RM gives,
 * and they come closer to RM's own figure for large amounts with every larger amount previewed (12 points for RM 12.34
 * alone would make RM 1,000 972 points; after a preview of RM 250.00, 1,000).
 */
export function narrowRule(known: RuleBounds | null, amountSen: number, points: number): RuleBounds {
  const figure = { atLeast: points / amountSen, below: (points + 1) / amountSen };
  if (!known || figure.atLeast >= known.below || figure.below <= known.atLeast) return figure;
  return { atLeast: Math.max(known.atLeast, figure.atLeast), below: Math.min(known.below, figure.below) };
}

/**
 * Points from the last rule RM showed (points per sen), when RM cannot be asked now; null when none was seen yet, or
 * when the rule would give more than any award may carry (an estimate is only shown, and must not refuse the sale).
 */
export function estimatePoints(amountSen: number, pointsPerSen: number | null): number | null {
  if (pointsPerSen === null) return null;
  const points = Math.floor(amountSen * pointsPerSen + 1e-9);
  return points <= MAX_POINTS ? points : null;
}
