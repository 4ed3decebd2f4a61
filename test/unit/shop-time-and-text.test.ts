// The shop's clock (UTC+8, no daylight saving) and the control-character rule, on their own: every report, the CLI's
// dates and the counter's "today" stand on these.
import { describe, expect, it } from 'vitest';
import { dayStartMs, formatShopTime, parseShopDay, shopDate, shopDayOf, shopDayStartMs } from '../../app/common/shop-time.ts';
import { hasControlCharacter, withoutControlCharacters } from '../../app/common/text.ts';

describe("the shop's clock", () => {
  it('a shop day starts at 16:00 UTC the day before, whatever the machine\'s own zone', () => {
    expect(new Date(shopDayStartMs(2026, 11, 25)).toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(dayStartMs('2026-11-25')).toBe(shopDayStartMs(2026, 11, 25));
  });

  it('a moment belongs to the shop day it is in Malaysia, across midnight UTC and across a year', () => {
    expect(shopDayOf(Date.parse('2026-11-24T15:59:59.999Z'))).toBe('2026-11-24');
    expect(shopDayOf(Date.parse('2026-11-24T16:00:00.000Z'))).toBe('2026-11-25');
    expect(shopDayOf(Date.parse('2026-12-31T16:30:00.000Z'))).toBe('2027-01-01');
    expect(shopDate(Date.parse('2026-12-31T16:30:00.000Z'))).toBe('01/01/2027');
    expect(formatShopTime(Date.parse('2026-11-25T10:04:05.000Z'))).toBe('2026-11-25 18:04:05 MYT');
  });

  it('reads days as the shop writes them, day first, and refuses what the calendar does not have', () => {
    expect(parseShopDay('05/12/2026')).toBe('2026-12-05');
    expect(parseShopDay(' 5/1/2027 ')).toBe('2027-01-05');
    expect(parseShopDay('2026-12-05')).toBe('2026-12-05');
    expect(parseShopDay('29/02/2028')).toBe('2028-02-29');
    for (const refused of ['31/02/2026', '29/02/2026', '2026-13-01', '12-05-2026', '2026/12/05', '', 'today']) expect(parseShopDay(refused), refused).toBeNull();
    expect(dayStartMs('2026-02-30')).toBeNull();
  });
});

describe('control characters', () => {
  it('C0, DEL and C1 are control characters; tabs and newlines too; letters in any script are not', () => {
    for (const text of ['a\u0000b', 'tab\there', 'line\nbreak', 'del\u007f', 'c1\u0085', 'c1\u009f']) expect(hasControlCharacter(text), JSON.stringify(text)).toBe(true);
    for (const text of ['Nurul Aisyah', 'Tan Wei Ming 陈伟明', 'Muthu à la carte', 'INV-000123', '\u00a0nbsp']) expect(hasControlCharacter(text), text).toBe(false);
  });

  it('removes every control character, not only the first', () => {
    expect(withoutControlCharacters('\u0002INV-1\r\n23\u0003')).toBe('INV-123');
    expect(withoutControlCharacters('clean')).toBe('clean');
  });
});
