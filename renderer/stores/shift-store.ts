// The cashier's shift at the counter: picking a name (and saying yes before it ends someone else's shift), and the
// shift's summary on screen, so far or at its end, with its figures read again whenever the queue moves.
import { create } from 'zustand';
import { kaunter } from '../api.ts';
import type { CoreText } from '../common/core-text.ts';
import type { ShiftSummaryView } from '../types.ts';
import { useSaleStore } from './sale-store.ts';
import { useStatusStore } from './status-store.ts';

export interface ShiftState {
  /** A name picked while another cashier's shift is open: waits for a yes, since it ends that shift. */
  pendingCashier: string | null;
  /** The shift summary on screen instead of the sale (the open shift so far, or the one just ended). */
  summary: ShiftSummaryView | null;
  busy: boolean;
  problem: CoreText | null;
}

interface ShiftActions {
  pick: (cashier: string) => Promise<void>;
  confirmSwitch: () => Promise<void>;
  cancelSwitch: () => void;
  showSummary: () => Promise<void>;
  /** Reads the summary on screen again (its waiting and unknown counts follow the queue). */
  refresh: () => Promise<void>;
  end: () => Promise<void>;
  closeSummary: () => void;
}

export const initialShift: ShiftState = { pendingCashier: null, summary: null, busy: false, problem: null };

export const useShiftStore = create<ShiftState & ShiftActions>()((set, get) => ({
  ...initialShift,

  async pick(cashier) {
    const open = useStatusStore.getState().shift;
    if (open && open.cashier !== cashier) return set({ pendingCashier: cashier });
    set({ pendingCashier: null });
    await useStatusStore.getState().chooseCashier(cashier);
  },

  async confirmSwitch() {
    const cashier = get().pendingCashier;
    set({ pendingCashier: null });
    if (cashier) await useStatusStore.getState().chooseCashier(cashier);
  },

  cancelSwitch() {
    set({ pendingCashier: null });
  },

  async showSummary() {
    const open = useStatusStore.getState().shift;
    if (!open) return;
    set({ busy: true, problem: null });
    const result = await kaunter().shift.summary({ id: open.id });
    set(result.ok ? { busy: false, summary: result.value } : { busy: false, problem: result.error });
  },

  async refresh() {
    const shown = get().summary;
    if (!shown) return;
    const result = await kaunter().shift.summary({ id: shown.id });
    if (result.ok && get().summary?.id === shown.id) set({ summary: result.value });
  },

  async end() {
    if (get().busy) return;
    set({ busy: true, problem: null });
    const result = await kaunter().shift.end({});
    set(result.ok ? { busy: false, summary: result.value } : { busy: false, problem: result.error });
    // The next cashier starts with an empty sale, not the last one's amount and member.
    if (result.ok) useSaleStore.getState().startNextSale();
  },

  closeSummary() {
    set({ summary: null, problem: null });
  },
}));
