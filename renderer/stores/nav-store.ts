// Which screen and which manager tab are showing (a notice on the counter can send the manager to Settings), and the
// shift whose awards the history shows when a manager chose one in Shifts.
import { create } from 'zustand';
import type { ShiftSummaryView } from '../types.ts';

export type Screen = 'counter' | 'manager';
export type ManagerTab = 'history' | 'shifts' | 'review' | 'settings';

interface NavState {
  screen: Screen;
  managerTab: ManagerTab;
  /** History narrowed to this shift's awards (its own filter, from the core); null: the manager's own filter. */
  historyShift: ShiftSummaryView | null;
  show: (screen: Screen, managerTab?: ManagerTab) => void;
  showShiftAwards: (shift: ShiftSummaryView) => void;
  clearHistoryShift: () => void;
}

export const useNavStore = create<NavState>()((set) => ({
  screen: 'counter',
  managerTab: 'history',
  historyShift: null,
  show(screen, managerTab) {
    set(managerTab ? { screen, managerTab } : { screen });
  },
  showShiftAwards(shift) {
    set({ screen: 'manager', managerTab: 'history', historyShift: shift });
  },
  clearHistoryShift() {
    set({ historyShift: null });
  },
}));
