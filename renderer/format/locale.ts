// Numbers, money and dates as the current language writes them in Malaysia. Times are Malaysian time: the shop, the
// history's day totals and the receipts all live in it, whatever the PC's time zone says.
import type { Language } from '../i18n/languages.ts';

export const SHOP_TIME_ZONE = 'Asia/Kuala_Lumpur';
const MALAYSIA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

const LOCALES: Readonly<Record<Language, string>> = { en: 'en-MY', ms: 'ms-MY', zh: 'zh-MY' };

export function localeOf(language: Language): string {
  return LOCALES[language];
}

/** Display only: sen / 100 is exact to two decimals for every amount the core allows. */
export function formatRinggit(sen: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency: 'MYR', currencyDisplay: 'narrowSymbol' }).format(sen / 100);
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

/** The shop's way in every language: day/month/year, then the 24-hour time, in Malaysian time. */
export function formatDateTime(ms: number, language: Language): string {
  const time = new Intl.DateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: SHOP_TIME_ZONE }).format(ms);
  return `${shopDate(ms)} ${time}`;
}

/** The 24-hour time of day in Malaysian time: "14:05". */
export function formatTime(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: SHOP_TIME_ZONE }).format(ms);
}

/** To the minute: "24/11/2026 22:00". */
export function formatDateMinute(ms: number, language: Language): string {
  return `${shopDate(ms)} ${formatTime(ms, language)}`;
}

/** The time alone when it falls on the same shop day as `sameDayAs` ("14:05"), else with its date ("24/11/2026 22:00"). */
export function formatTimeNear(ms: number, sameDayAs: number, language: Language): string {
  return shopDate(ms) === shopDate(sameDayAs) ? formatTime(ms, language) : formatDateMinute(ms, language);
}

/** dd/mm/yyyy in Malaysian time. */
export function shopDate(ms: number): string {
  const day = new Date(ms + MALAYSIA_UTC_OFFSET_MS).toISOString();
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** "2026-11-25" (a day of the history's day totals) as the shop writes it, with the weekday in the language: "Rab 25/11/2026". */
export function formatDay(day: string, language: Language): string {
  const start = malaysianDayStartMs(day);
  if (start === null) return day;
  const weekday = new Intl.DateTimeFormat(localeOf(language), { weekday: 'short', timeZone: SHOP_TIME_ZONE }).format(start);
  return `${weekday} ${shopDate(start)}`;
}

/** "25/11/2026" (or "25/11/26", "2026-11-25") as the day it names, YYYY-MM-DD; null for anything else. */
export function parseShopDate(text: string): string | null {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return malaysianDayStartMs(trimmed) === null ? null : trimmed;
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (!match) return null;
  const day = `${match[3]}-${(match[2] ?? '').padStart(2, '0')}-${(match[1] ?? '').padStart(2, '0')}`;
  const start = malaysianDayStartMs(day);
  // Date.UTC rolls 31/02 over into March: a day that does not exist is refused, not moved.
  return start !== null && shopDate(start) === `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` ? day : null;
}

/** The first millisecond of a YYYY-MM-DD day in Malaysia (UTC+8 all year), or null for text that is not a date. */
export function malaysianDayStartMs(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(utc) ? null : utc - MALAYSIA_UTC_OFFSET_MS;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
