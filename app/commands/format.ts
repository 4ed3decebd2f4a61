// How awards print on a terminal: one line each, ringgit at the edge, the member as staff say it.
import type { Award } from '../awards/award.ts';
import { describeMember } from '../member.ts';
import { formatRinggit } from '../money.ts';

export function awardLine(award: Award): string {
  const points = award.pointsPreview === null ? '' : ` (${award.pointsPreview} points)`;
  const when = new Date(award.createdAt).toISOString().replace('T', ' ').slice(0, 19);
  return `${award.state.padEnd(9)} RM ${formatRinggit(award.amountSen)} to ${describeMember(award.member)}${points}  ${when}Z  ${award.id}`;
}

export function parseDateOption(text: string, endOfDay: boolean): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    // A bare date is a Malaysian calendar day (UTC+8, no daylight saving).
    const start = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) - 8 * 3_600_000;
    return endOfDay ? start + 86_400_000 : start;
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`"${text}" is not a date: use YYYY-MM-DD or an ISO time like 2026-11-25T10:00:00+08:00.`);
  return ms;
}
