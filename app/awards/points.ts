// RM's own figure for the points of an amount: its calculate endpoint, remembered for a while per amount. The counter's
// preview asks first, so an award submitted moments later carries RM's figure without another request; an award made
// without a preview (the command line, a resend, an unknown one settled by a manager) is confirmed after it is awarded.
import type { LoyaltyApi } from '../rm/loyalty.ts';
import type { RmOutcome } from '../rm/outcome.ts';

/** A shop's spending rule changes rarely, and a figure older than this is asked for again. */
const REMEMBER_MS = 10 * 60_000;
const MAX_AMOUNTS = 500;

export class PointsBook {
  private readonly figures = new Map<number, { points: number; at: number }>();
  /** Questions on their way to RM: the counter's preview and the customer display asking for one amount ask once. */
  private readonly asking = new Map<number, Promise<RmOutcome<number> | null>>();

  constructor(
    private readonly loyalty: LoyaltyApi | null,
    private readonly now: () => number,
  ) {}

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

/** Points from the last rule RM showed (points per sen), when RM cannot be asked now; null when none was seen yet. */
export function estimatePoints(amountSen: number, pointsPerSen: number | null): number | null {
  return pointsPerSen === null ? null : Math.floor(amountSen * pointsPerSen + 1e-9);
}
