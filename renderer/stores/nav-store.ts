// Which screen and which manager tab are showing (a notice on the counter can send the manager to Settings).
import { create } from 'zustand';

export type Screen = 'counter' | 'manager';
export type ManagerTab = 'history' | 'review' | 'settings';

interface NavState {
  screen: Screen;
  managerTab: ManagerTab;
  show: (screen: Screen, managerTab?: ManagerTab) => void;
}

export const useNavStore = create<NavState>()((set) => ({
  screen: 'counter',
  managerTab: 'history',
  show(screen, managerTab) {
    set(managerTab ? { screen, managerTab } : { screen });
  },
}));
