// Numbers, money and dates as the current language writes them in Malaysia. Times are Malaysian time: the shop, the
// history's day totals and the receipts all live in it, whatever the PC's time zone says.
import { dayStartMs, SHOP_TIME_ZONE, shopDate } from '../../app/common/shop-time.ts';
import type { Language } from '../i18n/languages.ts';

const LOCALES: Readonly<Record<Language, string>> = { en: 'en-MY', ms: 'ms-MY', zh: 'zh-MY' };

export function localeOf(language: Language): string {
  return LOCALES[language];
}

/** Ringgit as the language shows money ("RM 1,234.50"); display only: sen / 100 is exact to two decimals for every amount the core allows. */
export function formatMoney(sen: number, language: Language): string {
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

/** "2026-11-25" (a day of the history's day totals) as the shop writes it, with the weekday in the language: "Rab 25/11/2026". */
export function formatDay(day: string, language: Language): string {
  const start = dayStartMs(day);
  if (start === null) return day;
  const weekday = new Intl.DateTimeFormat(localeOf(language), { weekday: 'short', timeZone: SHOP_TIME_ZONE }).format(start);
  return `${weekday} ${shopDate(start)}`;
}
