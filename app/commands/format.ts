// How awards print on a terminal: one line each, ringgit at the edge, the member as staff say it, times in shop time.
import type { Award } from '../awards/award.ts';
import { describeMember } from '../member.ts';
import { formatRinggit } from '../money.ts';
import { DAY_MS, formatShopTime, shopDayStartMs } from '../shop-time.ts';

export function awardLine(award: Award): string {
  const points = award.pointsPreview === null ? '' : ` (${award.pointsPreview} points)`;
  return `${award.state.padEnd(9)} RM ${formatRinggit(award.amountSen)} to ${describeMember(award.member)}${points}  ${formatShopTime(award.createdAt)}  ${award.id}`;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHOP_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function isCalendarDay(year: number, month: number, date: number): boolean {
  const check = new Date(Date.UTC(year, month - 1, date));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === date;
}

/**
 * A day as the shop writes it (25/11/2026: day first, as in Malaysia), an ISO day (2026-11-25), both in shop time, or
 * an ISO time with its zone. Anything else is refused: 05/12/2026 must never quietly become 12 May.
 */
export function parseDateOption(text: string, endOfDay: boolean): number {
  const iso = ISO_DAY.exec(text);
  const shop = SHOP_DAY.exec(text);
  const day = iso ? { y: iso[1], m: iso[2], d: iso[3] } : shop ? { y: shop[3], m: shop[2], d: shop[1] } : null;
  if (day) {
    const [year, month, date] = [Number(day.y), Number(day.m), Number(day.d)];
    if (!isCalendarDay(year, month, date)) throw new Error(`"${text}" is not a day of the calendar.`);
    const start = shopDayStartMs(year, month, date);
    return endOfDay ? start + DAY_MS : start;
  }
  if (ISO_TIME.test(text) && !Number.isNaN(Date.parse(text))) return Date.parse(text);
  throw new Error(`"${text}" is not a date Kaunter can read: use the day as 25/11/2026 or 2026-11-25 (shop time), or a time like 2026-11-25T10:00:00+08:00.`);
}
