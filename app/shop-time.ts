// The shop's clock: Malaysia keeps UTC+8 all year (no daylight saving), so a shop's calendar day is a fixed 24-hour
// span. Times are stored as UTC milliseconds and turned into shop time only at the edges (screens, reports, the CLI).

export const SHOP_TIME_ZONE = 'Asia/Kuala_Lumpur';
export const SHOP_UTC_OFFSET_MINUTES = 480;
export const SHOP_ZONE_LABEL = 'MYT';
export const DAY_MS = 86_400_000;

const OFFSET_MS = SHOP_UTC_OFFSET_MINUTES * 60_000;

/** The first millisecond of a calendar day in the shop (month 1-12), as UTC milliseconds. */
export function shopDayStartMs(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) - OFFSET_MS;
}

/** "2026-11-25 18:04:05 MYT": a stored time as the shop reads it. */
export function formatShopTime(ms: number): string {
  return `${new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')} ${SHOP_ZONE_LABEL}`;
}
