// Head office as the counter sees it: where this terminal stands with its hub (the core pushes every change).
import { create } from 'zustand';
import { kaunter } from '../api.ts';
import type { HubStatus, MethodOutput, Result } from '../types.ts';

interface HubState {
  status: HubStatus | null;
  load: () => Promise<void>;
  set: (status: HubStatus) => void;
  /** Brings a counter put back from a backup copy back in step (hub.merge), then asks where it stands now. */
  merge: () => Promise<Result<MethodOutput<'hub.merge'>>>;
}

export const useHubStore = create<HubState>()((set, get) => ({
  status: null,
  async load() {
    const result = await kaunter().hub.status({});
    if (result.ok) set({ status: result.value });
  },
  set(status) {
    set({ status });
  },
  async merge() {
    const result = await kaunter().hub.merge({});
    await get().load();
    return result;
  },
}));

/** Keeps the store current for the life of the component that calls it (the status bar). */
export function watchHubStatus(): () => void {
  void useHubStore.getState().load();
  return kaunter().on('hub.status', (status) => useHubStore.getState().set(status));
}
