// Which awards a manager asks for: the history's filter, apart from the queries that use it, so the contract (which
// Electron main loads to check calls) does not load the history's SQL.
import { z } from 'zod';
import { AWARD_STATES } from './award.ts';

// Members and receipts are stored folded to ASCII (full-width digits from a Chinese IME become "0".."9"), so what a
// manager types to find them is folded the same way.
function foldedSearch() {
  return z
    .string()
    .overwrite((text) => text.normalize('NFKC'))
    .trim()
    .min(1)
    .max(64);
}

/** The filters the counter and the hub share (the hub adds outlet and terminal by name: hub/history.ts). */
export const sharedHistoryFilterSchema = z.object({
  fromMs: z.number().int().nonnegative().optional(),
  toMs: z.number().int().nonnegative().optional(),
  states: z.array(z.enum(AWARD_STATES)).max(AWARD_STATES.length).optional(),
  cashier: z.string().trim().min(1).max(60).optional(),
  /** A member ID, or the last digits of a phone number (at least 3). */
  member: foldedSearch().optional(),
  receipt: foldedSearch().optional(),
});

/**
 * Which refusals the counter's refused news counted (app/awards/refused-lately.ts), as queue.refused answered: History
 * lists them by the count's own condition. A list of every refusal made since the earliest of them would also hold one
 * said on the counter's screen while the customer stood there, or one the manager had already seen.
 */
export const refusedNewsSchema = z
  .object({
    /** Refused at or after this time: where the counter's window starts (the shift before the latest). */
    refusedFromMs: z.number().int().nonnegative(),
    /** Refused more than this long after the sale: a sooner answer was the submit's, said at the counter. */
    toldWithinMs: z.number().int().nonnegative(),
    /** The award's newest event is after the manager's mark... */
    afterEvent: z.number().int().nonnegative(),
    /** ...and no later than the newest the count took: what came after it was not yet told. */
    upToEvent: z.number().int().nonnegative(),
  })
  .strict();
export type RefusedNews = z.infer<typeof refusedNewsSchema>;

/** The counter's: also one terminal by its id, for a shift's awards (a database may hold the command line's too). */
export const historyFilterSchema = sharedHistoryFilterSchema.extend({
  terminalId: z.string().trim().min(1).max(100).optional(),
  /** The awards made in this shift; null: those that record no shift (made outside one, or before awards recorded it). */
  shiftId: z.number().int().positive().nullable().optional(),
  refusedNews: refusedNewsSchema.optional(),
});
export type HistoryFilter = z.infer<typeof historyFilterSchema>;
