// The head-office by-day chart's days and the CSV export's file name: both read the filter's range in shop days.
import { describe, expect, it } from 'vitest';
import { everyDay, MAX_DAYS } from '../../renderer/hub/chart-days.ts';
import { csvFileName } from '../../renderer/hub/csv-records.ts';
import { DAY_MS, shopDayStartMs } from '../../app/common/shop-time.ts';
import type { TotalsRow } from '../../hub/totals.ts';

const row = (key: string, awardedAmountSen: number): TotalsRow => ({
  key,
  awards: 1,
  awardedAwards: 1,
  awardedAmountSen,
  points: 0,
  unconfirmed: 0,
  unclaimedQrs: 0,
  unclaimedQrAmountSen: 0,
  unclaimedQrPoints: 0,
  notGiven: 0,
});
/** 1-30 November 2026 as the history's filter gives it: the first moment of the 1st to the first moment of 1 December. */
const NOVEMBER = { fromMs: shopDayStartMs(2026, 11, 1), toMs: shopDayStartMs(2026, 12, 1) };
const END_OF_NOVEMBER = shopDayStartMs(2026, 11, 30) + 20 * 3_600_000;

describe('the by-day chart', () => {
  it('shows every day of the range, 1 November included, a day without awards as zero', () => {
    // The hub answers newest first, and only days that had awards.
    const items = [row('2026-11-30', 500), row('2026-11-15', 300), row('2026-11-04', 200), row('2026-11-01', 100)];
    const days = everyDay(items, NOVEMBER, END_OF_NOVEMBER);
    expect(days.rows).toHaveLength(30);
    expect(days.rows[0]).toEqual(row('2026-11-01', 100));
    expect(days.rows[3]).toEqual(row('2026-11-04', 200));
    expect(days.rows[1]).toEqual({ ...row('2026-11-02', 0), awards: 0, awardedAwards: 0 });
    expect(days.rows.at(-1)).toEqual(row('2026-11-30', 500));
    expect(days).toMatchObject({ first: '2026-11-01', last: '2026-11-30', cut: false });
  });

  it('without dates runs from the first day with awards to the last; past today it ends today', () => {
    expect(everyDay([row('2026-11-20', 1), row('2026-11-18', 1)], {}, END_OF_NOVEMBER).rows.map((day) => day.key)).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
    const toYearEnd = { fromMs: NOVEMBER.fromMs, toMs: shopDayStartMs(2027, 1, 1) };
    expect(everyDay([row('2026-11-02', 1)], toYearEnd, END_OF_NOVEMBER)).toMatchObject({ first: '2026-11-01', last: '2026-11-30' });
  });

  it(`a range longer than ${MAX_DAYS} days shows its last ${MAX_DAYS} and says it was cut`, () => {
    const year = { fromMs: shopDayStartMs(2026, 1, 1), toMs: NOVEMBER.toMs };
    const days = everyDay([row('2026-11-30', 1), row('2026-01-05', 1)], year, END_OF_NOVEMBER);
    expect(days.rows).toHaveLength(MAX_DAYS);
    expect(days).toMatchObject({ first: '2026-09-30', last: '2026-11-30', cut: true });
    expect(shopDayStartMs(2026, 11, 30) - shopDayStartMs(2026, 9, 30)).toBe((MAX_DAYS - 1) * DAY_MS);
  });
});

describe('the hub CSV file name', () => {
  it("is the filter's range when it has one, else the shop's day of the export", () => {
    expect(csvFileName(NOVEMBER, END_OF_NOVEMBER + 5 * DAY_MS)).toBe('kaunter-awards-2026-11-01-to-2026-11-30.csv');
    expect(csvFileName({ fromMs: NOVEMBER.fromMs }, END_OF_NOVEMBER)).toBe('kaunter-awards-from-2026-11-01.csv');
    expect(csvFileName({ toMs: NOVEMBER.toMs }, END_OF_NOVEMBER)).toBe('kaunter-awards-to-2026-11-30.csv');
    expect(csvFileName({ fromMs: NOVEMBER.fromMs, toMs: NOVEMBER.fromMs + DAY_MS }, END_OF_NOVEMBER)).toBe('kaunter-awards-2026-11-01.csv');
    // 7:30 in the morning in Malaysia is still the day before in UTC: the name is the shop's day.
    expect(csvFileName({}, shopDayStartMs(2026, 12, 1) + 7.5 * 3_600_000)).toBe('kaunter-awards-2026-12-01.csv');
  });
});
