// How awards print on a terminal: one line each, ringgit at the edge, the member as staff say it, times in shop time.
import type { Award } from '../awards/award.ts';
import { formatRinggit } from '../common/money.ts';
import { DAY_MS, dayStartMs, formatShopTime, parseShopDay } from '../common/shop-time.ts';
import { describeMember } from '../common/member.ts';
import { isUnclaimedQr } from '../common/totals.ts';

/** "1 award", "2 awards": a count with its noun, singular for one. */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

// As History's list says it: the totals count such a QR apart, never as given.
const NOT_SEEN_CLAIMED = 'not seen claimed, so not counted as given';

export function awardLine(award: Award): string {
  const notes = [
    // RM's own figure, or Kaunter's estimate said as one (as the screens and the CSV's "Points source" do).
    ...(award.pointsPreview === null ? [] : [counted(award.pointsPreview, 'point')]),
    ...(award.pointsPreview !== null && !award.pointsConfirmed ? ['estimate'] : []),
    ...(isUnclaimedQr(award) ? [NOT_SEEN_CLAIMED] : []),
  ];
  const said = notes.length === 0 ? '' : ` (${notes.join(', ')})`;
  return `${award.state.padEnd(9)} RM ${formatRinggit(award.amountSen)} to ${describeMember(award.member)}${said}  ${formatShopTime(award.createdAt)}  ${award.id}`;
}

/** An award's state where it is printed without its award line, with the award line's words on a claim QR not seen claimed. */
export function stateWords(state: string, unclaimedQr: boolean): string {
  return unclaimedQr ? `${state}, ${NOT_SEEN_CLAIMED}` : state;
}

/** The date, the clock (seconds and milliseconds optional) and the zone, each captured to be checked on its own. */
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DAY_LIKE = /^(\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2})$/;
const ACCEPTED_FORMS = 'use the day as 25/11/2026 or 2026-11-25 (shop time), or a time like 2026-11-25T10:00:00+08:00';

/**
 * A day as the shop writes it (25/11/2026: day first, as in Malaysia), an ISO day (2026-11-25), both in shop time, or
 * an ISO time with its zone. Anything else is refused: 05/12/2026 must never quietly become 12 May.
 */
export function parseDateOption(text: string, endOfDay: boolean): number {
  if (DAY_LIKE.test(text)) {
    const day = parseShopDay(text);
    const start = day === null ? null : dayStartMs(day);
    if (start === null) throw refused(text, 'is not a day of the calendar');
    return endOfDay ? start + DAY_MS : start;
  }
  const time = ISO_TIME.exec(text);
  if (time) return isoTimeMs(text, time);
  throw refused(text, 'is not a date Kaunter can read');
}

/** Checked part by part first: Date.parse rolls 30 February into March and 24:30 into the next day. */
function isoTimeMs(text: string, [, day = '', hours, minutes, seconds, fraction, zoneHours, zoneMinutes]: RegExpExecArray): number {
  if (parseShopDay(day) === null) throw refused(text, 'is not a day of the calendar');
  if (!isClockTime(Number(hours), Number(minutes), Number(seconds ?? 0), Number(fraction ?? 0))) throw refused(text, 'is not a time of the day');
  if (!isZoneOffset(Number(zoneHours ?? 0), Number(zoneMinutes ?? 0))) throw refused(text, 'has an impossible zone offset');
  return Date.parse(text);
}

/** 00:00 to 23:59:59.999, and ISO 8601's 24:00 for the end of a day. */
function isClockTime(hours: number, minutes: number, seconds: number, fraction: number): boolean {
  if (hours === 24) return minutes === 0 && seconds === 0 && fraction === 0;
  return hours <= 23 && minutes <= 59 && seconds <= 59;
}

function isZoneOffset(hours: number, minutes: number): boolean {
  return hours <= 23 && minutes <= 59;
}

function refused(text: string, problem: string): Error {
  return new Error(`"${text}" ${problem}: ${ACCEPTED_FORMS}.`);
}

/**
 * `--limit`: how many rows a table shows. Refused, not quietly changed, when it is not a whole number or more than the
 * table can show, so a script never takes a cut-down table for the whole.
 */
export function parseLimitOption(text: string, max = Number.POSITIVE_INFINITY): number {
  const limit = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`--limit "${text}" is not a number of rows: give a whole number like 50.`);
  if (limit > max) throw new Error(`--limit ${text} is more than the table shows (${max} rows at most): use --json or --csv for everything, or narrow the filter.`);
  return limit;
}
