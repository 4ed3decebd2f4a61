// What a shift did, read from the history: its figures are history's own totals for the shift's awards (those that
// record it), and how many of them are, right now, still waiting to be sent or waiting for a manager to settle.
import type { HistoryFilter } from '../awards/history-filter.ts';
import { countHistory, totalsByCashier } from '../awards/history.ts';
import { NO_TOTALS, type Totals } from '../common/totals.ts';
import type { Db } from '../store/database.ts';
import { ownsItsAwards, type Shift } from './shifts.ts';

export interface ShiftFigures extends Totals {
  /** Queued or being sent: not with RM yet. */
  waiting: number;
  /** Outcome unknown: a manager must settle them in Review. */
  unknown: number;
}

export interface ShiftSummary extends Shift {
  figures: ShiftFigures;
  /** When the figures were read: the waiting and unknown counts change as awards are sent and settled. */
  asOf: number;
  /** The history filter that shows exactly this shift's awards. */
  historyFilter: HistoryFilter;
}

/**
 * A shift's awards: those that record it. A shift that ended before awards recorded their shift keeps what it always
 * showed: its terminal's awards by its cashier from its first to its last millisecond, of those that record no shift.
 */
export function shiftHistoryFilter(shift: Shift, ownsAwards: boolean): HistoryFilter {
  if (ownsAwards) return { shiftId: shift.id };
  return {
    terminalId: shift.terminalId,
    cashier: shift.cashier,
    fromMs: shift.startedAt,
    ...(shift.endedAt === null ? {} : { toMs: shift.endedAt + 1 }),
    shiftId: null,
  };
}

export function summariseShift(db: Db, shift: Shift, now: number): ShiftSummary {
  const historyFilter = shiftHistoryFilter(shift, ownsItsAwards(db, shift.id));
  const { cashier: _cashier, ...totals } = totalsByCashier(db, historyFilter)[0] ?? { cashier: shift.cashier, ...NO_TOTALS };
  const figures = {
    ...totals,
    waiting: countHistory(db, { ...historyFilter, states: ['QUEUED', 'SENDING'] }),
    unknown: countHistory(db, { ...historyFilter, states: ['UNKNOWN'] }),
  };
  return { ...shift, figures, asOf: now, historyFilter };
}

/** Each shift's summary as it is read (a month of them for a CSV never sits in memory at once). */
export function* summariseShifts(db: Db, shifts: Iterable<Shift>, now: number): Generator<ShiftSummary> {
  for (const shift of shifts) yield summariseShift(db, shift, now);
}
