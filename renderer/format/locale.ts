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

export function formatDateTime(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'medium', timeZone: SHOP_TIME_ZONE }).format(ms);
}

export function formatTime(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { timeStyle: 'short', timeZone: SHOP_TIME_ZONE }).format(ms);
}

/** "2026-11-25" (a day of the history's day totals) in the language's long form. */
export function formatDay(day: string, language: Language): string {
  const start = malaysianDayStartMs(day);
  if (start === null) return day;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeZone: SHOP_TIME_ZONE }).format(start);
}

/** The first millisecond of a YYYY-MM-DD day in Malaysia (UTC+8 all year), or null for text that is not a date. */
export function malaysianDayStartMs(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(utc) ? null : utc - MALAYSIA_UTC_OFFSET_MS;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
