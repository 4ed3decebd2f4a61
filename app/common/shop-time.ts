// The shop's clock: Malaysia keeps UTC+8 all year (no daylight saving), so a shop's calendar day is a fixed 24-hour
// span. Times are stored as UTC milliseconds and turned into shop time only at the edges (screens, reports, the CLI).
// The SQL of shipped migrations keeps these numbers as literals (28800000, 86400000): a migration never changes.

export const SHOP_TIME_ZONE = 'Asia/Kuala_Lumpur';
export const SHOP_UTC_OFFSET_MINUTES = 480;
export const SHOP_OFFSET_MS = SHOP_UTC_OFFSET_MINUTES * 60_000;
export const SHOP_ZONE_LABEL = 'MYT';
export const DAY_MS = 86_400_000;

/** The first millisecond of a calendar day in the shop (month 1-12), as UTC milliseconds. */
export function shopDayStartMs(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) - SHOP_OFFSET_MS;
}

/** The first millisecond of the shop's calendar day that `ms` falls in. */
export function startOfShopDay(ms: number): number {
  return ms - ((ms + SHOP_OFFSET_MS) % DAY_MS);
}

/** The shop's calendar day of a moment: "2026-11-25". */
export function shopDayOf(ms: number): string {
  return new Date(ms + SHOP_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first millisecond of a "2026-11-25" shop day, or null for text that is not a day of the calendar. */
export function dayStartMs(day: string): number | null {
  const match = ISO_DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isCalendarDay(year, month, date) ? shopDayStartMs(year, month, date) : null;
}

/** "2026-11-25 18:04:05 MYT": a stored time as the shop reads it. */
export function formatShopTime(ms: number): string {
  return `${new Date(ms + SHOP_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')} ${SHOP_ZONE_LABEL}`;
}

/** "18:04": the time of day in the shop, for a moment earlier today. */
export function shopTimeOfDay(ms: number): string {
  return new Date(ms + SHOP_OFFSET_MS).toISOString().slice(11, 16);
}

/** "25/11/2026": day first, as Malaysia writes it, in shop time. */
export function shopDate(ms: number): string {
  const day = shopDayOf(ms);
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHOP_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A day as the shop writes it (25/11/2026: day first) or as ISO (2026-11-25), as "2026-11-25"; null for anything
 * else, and for a day the calendar does not have (31/02 is refused, never moved into March). 05/12/2026 is always
 * 5 December, never 12 May.
 */
export function parseShopDay(text: string): string | null {
  const trimmed = text.trim();
  const shop = SHOP_DAY.exec(trimmed);
  const day = shop ? `${shop[3]}-${(shop[2] ?? '').padStart(2, '0')}-${(shop[1] ?? '').padStart(2, '0')}` : trimmed;
  return dayStartMs(day) === null ? null : day;
}

function isCalendarDay(year: number, month: number, date: number): boolean {
  const check = new Date(Date.UTC(year, month - 1, date));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === date;
}
