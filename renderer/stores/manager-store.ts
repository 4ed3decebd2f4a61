// The manager's lock: PIN status, unlocking (with the core's rate limit and lockout), locking, and main's auto-lock.
import { create } from 'zustand';
import { kaunter } from '../api.ts';
import type { CoreText } from '../common/core-text.ts';
import type { ManagerStatus } from '../types.ts';

export interface ManagerState {
  status: ManagerStatus | null;
  /**
   * When the status's lockout ends, on this page's monotonic clock (performance.now): the core times a lockout on one,
   * so the PC's clock set back during a lockout must not hold the pad shut for the difference (found in review).
   */
  lockoutEndsAt: number | null;
  unlocking: boolean;
  /** The core's words for the last refused PIN (wrong, or locked out until lockedUntilMs). */
  problem: CoreText | null;
  problemCode: 'PIN_WRONG' | 'PIN_LOCKED_OUT' | 'OTHER' | null;
  /** A recovery code the core just made, shown once until the owner says it is written down. */
  recoveryCode: string | null;
}

interface ManagerActions {
  load: () => Promise<void>;
  unlock: (pin: string) => Promise<boolean>;
  lock: () => Promise<void>;
  lockedByMain: () => void;
  setStatus: (status: ManagerStatus) => void;
  showRecoveryCode: (code: string) => void;
  dismissRecoveryCode: () => void;
}

/** A manager call refused because main locked the screens meanwhile: go back to the PIN pad. */
export function noteIfLocked(error: { code: string }): void {
  if (error.code === 'LOCKED') useManagerStore.getState().lockedByMain();
}

export const initialManager: ManagerState = { status: null, lockoutEndsAt: null, unlocking: false, problem: null, problemCode: null, recoveryCode: null };

/** A status from the core, with its lockout's end taken onto the monotonic clock as it arrives. */
function received(status: ManagerStatus): Pick<ManagerState, 'status' | 'lockoutEndsAt'> {
  const lockoutEndsAt = status.lockedUntilMs === null ? null : performance.now() + Math.max(0, status.lockedUntilMs - Date.now());
  return { status, lockoutEndsAt };
}

export const useManagerStore = create<ManagerState & ManagerActions>()((set, get) => ({
  ...initialManager,

  async load() {
    const result = await kaunter().manager.status({});
    if (result.ok) set(received(result.value));
    else set({ problem: result.error, problemCode: 'OTHER' });
  },

  async unlock(pin) {
    if (get().unlocking) return false;
    set({ unlocking: true, problem: null, problemCode: null });
    const result = await kaunter().manager.unlock({ pin: pin.slice(0, 8) });
    if (result.ok) {
      set({ unlocking: false, ...received(result.value) });
      return true;
    }
    const code = result.error.code === 'PIN_WRONG' || result.error.code === 'PIN_LOCKED_OUT' ? result.error.code : 'OTHER';
    set({ unlocking: false, problem: result.error, problemCode: code });
    await get().load();
    return false;
  },

  async lock() {
    const result = await kaunter().manager.lock({});
    if (result.ok) set({ ...received(result.value), problem: null, problemCode: null });
    else get().lockedByMain();
  },

  lockedByMain() {
    const status = get().status;
    if (status) set({ status: { ...status, unlocked: false } });
    void get().load();
  },

  setStatus(status) {
    set({ ...received(status), problem: null, problemCode: null });
  },

  showRecoveryCode(code) {
    set({ recoveryCode: code });
  },

  dismissRecoveryCode() {
    set({ recoveryCode: null });
  },
}));
