// The history filter as the manager types it (days, states, cashier, member, receipt) -> the core's HistoryFilter.
import { DAY_MS, dayStartMs, parseShopDay } from '../../app/common/shop-time.ts';
import type { AwardState, HistoryFilter } from '../types.ts';

export const AWARD_STATE_NAMES: readonly AwardState[] = ['QUEUED', 'SENDING', 'AWARDED', 'REJECTED', 'UNKNOWN', 'VOIDED', 'CANCELLED'];

export interface FilterForm {
  fromDay: string;
  toDay: string;
  states: AwardState[];
  cashier: string;
  member: string;
  receipt: string;
}

export const EMPTY_FILTER_FORM: FilterForm = { fromDay: '', toDay: '', states: [], cashier: '', member: '', receipt: '' };

export type FilterProblem = 'badFrom' | 'badTo' | 'range' | 'memberShort';

export type BuiltFilter = { ok: true; filter: HistoryFilter } | { ok: false; problem: FilterProblem };

/** Days are whole Malaysian days, typed dd/mm/yyyy as the shop writes them: "to" includes the whole of its day. */
export function buildFilter(form: FilterForm): BuiltFilter {
  const filter: HistoryFilter = {};
  if (form.fromDay) {
    const fromMs = dayStartMs(parseShopDay(form.fromDay) ?? '');
    if (fromMs === null || fromMs < 0) return { ok: false, problem: 'badFrom' };
    filter.fromMs = fromMs;
  }
  if (form.toDay) {
    const toStart = dayStartMs(parseShopDay(form.toDay) ?? '');
    if (toStart === null || toStart < 0) return { ok: false, problem: 'badTo' };
    filter.toMs = toStart + DAY_MS;
  }
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.fromMs >= filter.toMs) return { ok: false, problem: 'range' };
  if (form.states.length > 0) filter.states = [...form.states];
  if (form.cashier.trim()) filter.cashier = form.cashier.trim();
  const member = form.member.trim();
  if (member) {
    if (/^\d{1,2}$/.test(member)) return { ok: false, problem: 'memberShort' };
    filter.member = member.slice(0, 64);
  }
  if (form.receipt.trim()) filter.receipt = form.receipt.trim().slice(0, 64);
  return { ok: true, filter };
}
