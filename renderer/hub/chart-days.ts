// The by-day chart's days: the whole of the filter's range, a day without awards as zero, so that a quiet day shows as
// a gap rather than vanishing and the last days of a month never push its first ones out unsaid.
import { DAY_MS, dayStartMs, shopDayOf } from '../../app/common/shop-time.ts';
import type { HistoryFilter } from '../types.ts';
import { NO_TOTALS } from '../../app/common/totals.ts';
import type { TotalsRow } from '../../hub/totals.ts';

/** Days drawn at most: a longer range shows its last days and says so. Two months, so a month's end shows it whole. */
export const MAX_DAYS = 62;

export interface Days {
  rows: TotalsRow[];
  first: string;
  last: string;
  cut: boolean;
}

/**
 * Every day of the filter's range, oldest first, a day without awards as zero. Without dates the range runs from the
 * first day with awards to the last; a range beyond today ends today (no future days of zeros). Over MAX_DAYS, the last
 * of them.
 */
export function everyDay(items: readonly TotalsRow[], filter: HistoryFilter, nowMs: number): Days {
  const keys = items.map((row) => row.key).sort();
  const latest = [keys.at(-1) as string, shopDayOf(nowMs)].sort().at(-1) as string;
  const last = filter.toMs === undefined ? (keys.at(-1) as string) : [shopDayOf(filter.toMs - 1), latest].sort()[0] as string;
  const wanted = filter.fromMs === undefined ? (keys[0] as string) : shopDayOf(filter.fromMs);
  const lastMs = dayStartMs(last) as number;
  const firstMs = Math.max(dayStartMs(wanted) as number, lastMs - (MAX_DAYS - 1) * DAY_MS);
  const byDay = new Map(items.map((row) => [row.key, row]));
  const rows: TotalsRow[] = [];
  for (let ms = firstMs; ms <= lastMs; ms += DAY_MS) {
    const key = shopDayOf(ms);
    rows.push(byDay.get(key) ?? { key, ...NO_TOTALS });
  }
  return { rows, first: shopDayOf(firstMs), last, cut: shopDayOf(firstMs) > wanted };
}
