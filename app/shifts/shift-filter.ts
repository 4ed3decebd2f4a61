// Which shifts to list: those that started in a period (so a month's shifts add up without counting one twice), and one
// cashier's. Pure, for the contract.
import type { z } from 'zod';
import { sharedHistoryFilterSchema } from '../awards/history-filter.ts';

export const shiftFilterSchema = sharedHistoryFilterSchema.pick({ fromMs: true, toMs: true, cashier: true });
export type ShiftFilter = z.infer<typeof shiftFilterSchema>;
