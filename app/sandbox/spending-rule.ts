// The merchant's spending rule: points = floor(amountSen * pointsPerRinggit / 100). The rate may carry up to four
// decimals; the arithmetic is done on integers so 29 sen at 1 point per ringgit never rounds to 0.28999... points.
import { MAX_POINTS_PER_RINGGIT } from '../common/money.ts';

const RATE_SCALE = 10_000;

export function isValidPointsPerRinggit(rate: number): boolean {
  if (!Number.isFinite(rate) || rate <= 0 || rate > MAX_POINTS_PER_RINGGIT) return false;
  const scaled = rate * RATE_SCALE;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

export function pointsFor(amountSen: number, pointsPerRinggit: number): number {
  const scaledRate = BigInt(Math.round(pointsPerRinggit * RATE_SCALE));
  return Number((BigInt(amountSen) * scaledRate) / BigInt(100 * RATE_SCALE));
}
