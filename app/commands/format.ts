// How awards print on a terminal: one line each, ringgit at the edge, the member as staff say it, times in shop time.
import type { Award } from '../awards/award.ts';
import { formatRinggit } from '../common/money.ts';
import { DAY_MS, dayStartMs, formatShopTime, parseShopDay } from '../common/shop-time.ts';
import { describeMember } from '../common/member.ts';

/** "1 award", "2 awards": a count with its noun, singular for one. */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function awardLine(award: Award): string {
  // RM's own figure, or Kaunter's estimate said as one (as the screens and the CSV's "Points source" do).
  const points = award.pointsPreview === null ? '' : ` (${award.pointsPreview} points${award.pointsConfirmed ? '' : ', estimate'})`;
  return `${award.state.padEnd(9)} RM ${formatRinggit(award.amountSen)} to ${describeMember(award.member)}${points}  ${formatShopTime(award.createdAt)}  ${award.id}`;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DAY_LIKE = /^(\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2})$/;

/**
 * A day as the shop writes it (25/11/2026: day first, as in Malaysia), an ISO day (2026-11-25), both in shop time, or
 * an ISO time with its zone. Anything else is refused: 05/12/2026 must never quietly become 12 May.
 */
export function parseDateOption(text: string, endOfDay: boolean): number {
  if (DAY_LIKE.test(text)) {
    const day = parseShopDay(text);
    const start = day === null ? null : dayStartMs(day);
    if (start === null) throw new Error(`"${text}" is not a day of the calendar.`);
    return endOfDay ? start + DAY_MS : start;
  }
  if (ISO_TIME.test(text) && !Number.isNaN(Date.parse(text))) return Date.parse(text);
  throw new Error(`"${text}" is not a date Kaunter can read: use the day as 25/11/2026 or 2026-11-25 (shop time), or a time like 2026-11-25T10:00:00+08:00.`);
}
