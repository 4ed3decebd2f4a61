// Head office as the counter sees it: where this terminal stands with its hub (the core pushes every change).
import { create } from 'zustand';
import { kaunter } from '../api.ts';
import type { HubStatus } from '../types.ts';

interface HubState {
  status: HubStatus | null;
  load: () => Promise<void>;
  set: (status: HubStatus) => void;
}

export const useHubStore = create<HubState>()((set) => ({
  status: null,
  async load() {
    const result = await kaunter().hub.status({});
    if (result.ok) set({ status: result.value });
  },
  set(status) {
    set({ status });
  },
}));

/** Keeps the store current for the life of the component that calls it (the status bar). */
export function watchHubStatus(): () => void {
  void useHubStore.getState().load();
  return kaunter().on('hub.status', (status) => useHubStore.getState().set(status));
}
