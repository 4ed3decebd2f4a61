// The manager's unlocked session: the PIN opens it, inactivity closes it. Wrong PINs lock the pad for longer and longer,
// and the count survives a restart (it is in the settings file).
import type { ManagerStatus } from '../contract.ts';
import type { SettingsStore } from '../settings.ts';
import { Refusal } from '../core/failure.ts';
import { hashPin, lockoutAfter, pinMatches } from './pin.ts';

export const AUTO_LOCK_MS = 5 * 60_000;

export class ManagerSession {
  private unlockedUntilMs = 0;
  private timer: NodeJS.Timeout | null = null;
  /**
   * PIN checks run one at a time. Each reads the failure count, hashes (slow, async), then writes the count; run in
   * parallel, every guess would see the same old count and the lockout would never start (found in review).
   */
  private pinChecks: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: SettingsStore,
    private readonly now: () => number,
    private readonly onLocked: () => void,
    private readonly autoLockMs: number = AUTO_LOCK_MS,
  ) {}

  get unlocked(): boolean {
    return this.now() < this.unlockedUntilMs;
  }

  /** First-run setup: until it is finished, setup steps need no PIN (there may be none yet). */
  get inSetup(): boolean {
    return !this.settings.value.setupComplete;
  }

  status(): ManagerStatus {
    const manager = this.settings.value.manager;
    const lockedUntil = manager.lockedUntilMs !== null && manager.lockedUntilMs > this.now() ? manager.lockedUntilMs : null;
    return { pinSet: manager.pin !== null, unlocked: this.unlocked, managerName: manager.name, lockedUntilMs: lockedUntil, autoLockMs: this.autoLockMs };
  }

  setPin(pin: string, managerName: string): Promise<ManagerStatus> {
    return this.oneAtATime(() => this.setPinNow(pin, managerName));
  }

  unlock(pin: string): Promise<ManagerStatus> {
    return this.oneAtATime(() => this.unlockNow(pin));
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const next = this.pinChecks.then(work);
    this.pinChecks = next.catch(() => undefined);
    return next;
  }

  private async setPinNow(pin: string, managerName: string): Promise<ManagerStatus> {
    if (this.settings.value.manager.pin !== null && !this.unlocked) throw new Refusal('LOCKED', 'Unlock with the current PIN first.');
    const hash = await hashPin(pin);
    this.settings.update((s) => ({ ...s, manager: { ...s.manager, pin: hash, name: managerName, failedAttempts: 0, lockedUntilMs: null } }));
    this.open();
    return this.status();
  }

  private async unlockNow(pin: string): Promise<ManagerStatus> {
    const manager = this.settings.value.manager;
    if (manager.pin === null) throw new Refusal('NOT_CONFIGURED', 'No manager PIN is set yet. Finish the setup first.');
    const now = this.now();
    if (manager.lockedUntilMs !== null && manager.lockedUntilMs > now) {
      throw new Refusal('PIN_LOCKED_OUT', `Too many wrong PINs. Try again in ${Math.ceil((manager.lockedUntilMs - now) / 1000)} seconds.`);
    }
    if (await pinMatches(pin, manager.pin)) {
      this.settings.update((s) => ({ ...s, manager: { ...s.manager, failedAttempts: 0, lockedUntilMs: null } }));
      this.open();
      return this.status();
    }
    const failed = manager.failedAttempts + 1;
    const lockMs = lockoutAfter(failed);
    this.settings.update((s) => ({ ...s, manager: { ...s.manager, failedAttempts: failed, lockedUntilMs: lockMs > 0 ? now + lockMs : null } }));
    throw new Refusal(
      lockMs > 0 ? 'PIN_LOCKED_OUT' : 'PIN_WRONG',
      lockMs > 0 ? `Wrong PIN. The PIN pad is locked for ${Math.ceil(lockMs / 1000)} seconds.` : 'Wrong PIN. Try again.',
    );
  }

  /** Every manager action keeps the session open for another AUTO_LOCK_MS. */
  touch(): void {
    if (this.unlocked) this.open();
  }

  lock(): ManagerStatus {
    // Opened at some point and not yet locked: the auto-lock timer fires at (or just after) the expiry time itself.
    const wasUnlocked = this.unlockedUntilMs > 0;
    this.unlockedUntilMs = 0;
    this.clearTimer();
    if (wasUnlocked) this.onLocked();
    return this.status();
  }

  dispose(): void {
    this.clearTimer();
  }

  private open(): void {
    this.unlockedUntilMs = this.now() + this.autoLockMs;
    this.clearTimer();
    this.timer = setTimeout(() => this.lock(), this.autoLockMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
