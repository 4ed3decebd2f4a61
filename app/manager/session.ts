// The manager's unlocked sessions, one per caller (a window, a browser socket): the PIN opens the session of the caller
// that typed it and no other, inactivity or the caller going away closes it. Wrong PINs lock the pad for longer and longer;
// the count survives a restart (it is in the settings file) and decays with quiet time, and the owner's recovery code
// sets a new PIN whatever the pad's state, so nobody at the counter can keep the manager out for good. Changing the PIN
// or the recovery code asks for the current PIN again, even in an open session: a screen left unlocked must not let a
// passer-by shut the manager out (a new recovery code would do that too, as it sets a new PIN). Those wrong PINs
// count with the pad's, so the question cannot be used to guess the PIN either.
//
// Lockout and decay are measured on a monotonic clock, which turning the PC's clock does not move. Such a clock starts
// again with each process, so what is left of them is saved (at each PIN event and once a minute while any is running)
// and counted on from there after a restart: a restart can lengthen a lockout by at most a minute, never shorten it.
import type { ManagerStatus } from '../contract.ts';
import type { SecretStore } from '../secrets.ts';
import type { Settings, SettingsStore } from '../settings.ts';
import { Refusal } from '../core/failure.ts';
import { pepperForNewPin, storedPepper } from './pin-pepper.ts';
import {
  FAILURE_DECAY_MS,
  failuresAfterQuiet,
  hashPin,
  hashRecoveryCode,
  lockoutAfter,
  newRecoveryCode,
  pinMatches,
  recoveryCodeMatches,
} from './pin.ts';

export const AUTO_LOCK_MS = 5 * 60_000;
const PROGRESS_SAVE_MS = 60_000;

/** After a PIN is set: the status, and the new recovery code when one was made (shown once, never stored in clear). */
export type PinSet = ManagerStatus & { recoveryCode: string | null };

type ManagerSettings = Settings['manager'];

/** One caller's open session: until when, and the auto-lock's timer. */
interface OpenSession {
  untilMs: number;
  timer: NodeJS.Timeout;
}

export class ManagerSession {
  /** By caller id. The failure count and the lockout are the terminal's, not a caller's: they are about the PIN. */
  private readonly sessions = new Map<string, OpenSession>();
  private progressTimer: NodeJS.Timeout | null = null;
  /** The monotonic time at which the saved lockoutLeftMs and quietMs were true. */
  private savedAt: number;
  private pepper: Buffer | null = null;
  private disposed = false;
  /**
   * PIN checks run one at a time. Each reads the failure count, hashes (slow, async), then writes the count; run in
   * parallel, every guess would see the same old count and the lockout would never start (found in review).
   */
  private pinChecks: Promise<unknown> = Promise.resolve();

  private readonly settings: SettingsStore;
  /** Wall-clock time, only to tell the screen when a lockout ends. */
  private readonly now: () => number;
  /** A caller's session closed by itself or by a lock: that caller's screen must show the PIN pad. */
  private readonly onLocked: (callerId: string) => void;
  private readonly autoLockMs: number;
  private readonly clock: () => number;
  constructor(
    settings: SettingsStore,
    now: () => number,
    onLocked: (callerId: string) => void,
    autoLockMs: number = AUTO_LOCK_MS,
    clock: () => number = () => performance.now(),
  ) {
    this.settings = settings;
    this.now = now;
    this.onLocked = onLocked;
    this.autoLockMs = autoLockMs;
    this.clock = clock;
    this.savedAt = clock();
    this.watchProgress();
  }

  unlocked(callerId: string): boolean {
    const session = this.sessions.get(callerId);
    return session !== undefined && this.now() < session.untilMs;
  }

  /** First-run setup: until it is finished, setup steps need no PIN (there may be none yet). */
  get inSetup(): boolean {
    return !this.settings.value.setupComplete;
  }

  status(callerId: string): ManagerStatus {
    const manager = this.settings.value.manager;
    const left = this.lockoutLeft();
    return {
      pinSet: manager.pin !== null,
      unlocked: this.unlocked(callerId),
      managerName: manager.name,
      lockedUntilMs: left > 0 ? this.now() + left : null,
      autoLockMs: this.autoLockMs,
      recoveryCodeSet: manager.recovery !== null,
    };
  }

  /** `currentPin` is needed once a PIN is set; the first PIN needs none. */
  setPin(callerId: string, pin: string, managerName: string, currentPin: string | undefined, keychain: SecretStore): Promise<PinSet> {
    return this.oneAtATime(() => this.setPinNow(callerId, pin, managerName, currentPin, keychain));
  }

  unlock(callerId: string, pin: string, keychain: SecretStore): Promise<ManagerStatus> {
    return this.oneAtATime(() => this.unlockNow(callerId, pin, keychain));
  }

  /** The owner's way back in: the recovery code sets a new PIN, ends any lockout, and is replaced by a new code. */
  recover(callerId: string, recoveryCode: string, pin: string, managerName: string | undefined, keychain: SecretStore): Promise<PinSet> {
    return this.oneAtATime(() => this.recoverNow(callerId, recoveryCode, pin, managerName, keychain));
  }

  /** A new recovery code for an unlocked manager who types the PIN again (the paper was lost, or there never was one). */
  replaceRecoveryCode(currentPin: string, keychain: SecretStore): Promise<{ recoveryCode: string }> {
    return this.oneAtATime(async () => {
      await this.proveCurrentPin(currentPin, keychain);
      const recoveryCode = newRecoveryCode();
      const recovery = await hashRecoveryCode(recoveryCode);
      this.save({ recovery });
      return { recoveryCode };
    });
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const next = this.pinChecks.then(work);
    this.pinChecks = next.catch(() => undefined);
    return next;
  }

  private async setPinNow(callerId: string, pin: string, managerName: string, currentPin: string | undefined, keychain: SecretStore): Promise<PinSet> {
    if (this.settings.value.manager.pin !== null) await this.proveCurrentPin(currentPin, keychain);
    return this.replacePin(callerId, pin, managerName, keychain, this.settings.value.manager.recovery === null);
  }

  private async unlockNow(callerId: string, pin: string, keychain: SecretStore): Promise<ManagerStatus> {
    await this.checkPin(pin, keychain);
    this.open(callerId);
    return this.status(callerId);
  }

  /** Before the PIN or the recovery code is changed. A field left empty is not a guess: it is not counted. */
  private async proveCurrentPin(currentPin: string | undefined, keychain: SecretStore): Promise<void> {
    if (currentPin === undefined || currentPin === '') throw Refusal.say('INVALID_INPUT', 'manager.currentPinNeeded', {}, { field: 'currentPin' });
    await this.checkPin(currentPin, keychain);
  }

  /** Returns when `pin` is the PIN and the pad is not locked out; a wrong one is counted and may start a lockout. */
  private async checkPin(pin: string, keychain: SecretStore): Promise<void> {
    const manager = this.settings.value.manager;
    if (manager.pin === null) throw Refusal.say('NOT_CONFIGURED', 'manager.noPin');
    const left = this.lockoutLeft();
    if (left > 0) throw Refusal.say('PIN_LOCKED_OUT', 'manager.lockedOutFor', { seconds: Math.ceil(left / 1000) });
    const pepper = manager.pin.peppered ? await this.pepperFrom(keychain) : null;
    if (await pinMatches(pin, manager.pin, pepper)) {
      this.save({ pin: manager.pin.peppered ? manager.pin : await this.pepperedIfPossible(pin, keychain), failedAttempts: 0, lockoutLeftMs: 0, quietMs: 0 });
      return;
    }
    const failed = this.failures() + 1;
    const lockMs = lockoutAfter(failed);
    this.save({ failedAttempts: failed, lockoutLeftMs: lockMs, quietMs: 0 });
    throw lockMs > 0 ? Refusal.say('PIN_LOCKED_OUT', 'manager.wrongPinLocked', { seconds: Math.ceil(lockMs / 1000) }) : Refusal.say('PIN_WRONG', 'error.PIN_WRONG');
  }

  private async recoverNow(callerId: string, recoveryCode: string, pin: string, managerName: string | undefined, keychain: SecretStore): Promise<PinSet> {
    const recovery = this.settings.value.manager.recovery;
    if (recovery === null) throw Refusal.say('NOT_CONFIGURED', 'manager.noRecoveryCode');
    if (!(await recoveryCodeMatches(recoveryCode, recovery))) throw Refusal.say('PIN_WRONG', 'manager.recoveryWrong');
    return this.replacePin(callerId, pin, managerName ?? this.settings.value.manager.name ?? 'manager', keychain, true);
  }

  private async replacePin(callerId: string, pin: string, managerName: string, keychain: SecretStore, newCode: boolean): Promise<PinSet> {
    this.pepper = await pepperForNewPin(keychain);
    const hash = await hashPin(pin, this.pepper);
    const recoveryCode = newCode ? newRecoveryCode() : null;
    const recovery = recoveryCode === null ? this.settings.value.manager.recovery : await hashRecoveryCode(recoveryCode);
    this.save({ pin: hash, name: managerName, recovery, failedAttempts: 0, lockoutLeftMs: 0, quietMs: 0 });
    // A new PIN is most often made because the old one leaked: a session opened with it must not outlive it.
    for (const other of [...this.sessions.keys()]) if (other !== callerId) this.lock(other);
    this.open(callerId);
    return { ...this.status(callerId), recoveryCode };
  }

  private async pepperFrom(keychain: SecretStore): Promise<Buffer> {
    this.pepper ??= await storedPepper(keychain);
    return this.pepper;
  }

  /** A PIN hashed before the pepper existed is hashed again with it once the PIN is known to be right. */
  private async pepperedIfPossible(pin: string, keychain: SecretStore): Promise<ManagerSettings['pin']> {
    try {
      this.pepper = await pepperForNewPin(keychain);
      return await hashPin(pin, this.pepper);
    } catch (error) {
      if (error instanceof Refusal) return this.settings.value.manager.pin;
      throw error;
    }
  }

  private elapsed(): number {
    return Math.max(0, this.clock() - this.savedAt);
  }

  private lockoutLeft(): number {
    return Math.max(0, this.settings.value.manager.lockoutLeftMs - this.elapsed());
  }

  private failures(): number {
    const manager = this.settings.value.manager;
    return failuresAfterQuiet(manager.failedAttempts, manager.quietMs + this.elapsed());
  }

  /** Writes the lockout's and the decay's progress so far, with `change` on top. */
  private save(change: Partial<ManagerSettings>): void {
    const quiet = this.settings.value.manager.quietMs + this.elapsed();
    const progress = {
      failedAttempts: this.failures(),
      lockoutLeftMs: Math.round(this.lockoutLeft()),
      quietMs: Math.round(quiet % FAILURE_DECAY_MS),
    };
    this.settings.update((s) => ({ ...s, manager: { ...s.manager, ...progress, ...change } }));
    this.savedAt = this.clock();
    this.watchProgress();
  }

  /** While a lockout runs or wrong PINs are still counted, their progress is saved once a minute. */
  private watchProgress(): void {
    const { failedAttempts, lockoutLeftMs } = this.settings.value.manager;
    const pending = !this.disposed && (failedAttempts > 0 || lockoutLeftMs > 0);
    if (pending && !this.progressTimer) {
      this.progressTimer = setInterval(() => this.save({}), PROGRESS_SAVE_MS);
      this.progressTimer.unref();
    } else if (!pending && this.progressTimer) {
      clearInterval(this.progressTimer);
      this.progressTimer = null;
    }
  }

  /** Every manager action keeps the caller's session open for another AUTO_LOCK_MS. */
  touch(callerId: string): void {
    if (this.unlocked(callerId)) this.open(callerId);
  }

  lock(callerId: string): ManagerStatus {
    // Opened at some point and not yet locked: the auto-lock timer fires at (or just after) the expiry time itself.
    const session = this.sessions.get(callerId);
    if (session) {
      clearTimeout(session.timer);
      this.sessions.delete(callerId);
      this.onLocked(callerId);
    }
    return this.status(callerId);
  }

  /** The caller went away (its window closed, its socket dropped): its session ends with it, and nobody is told. */
  end(callerId: string): void {
    const session = this.sessions.get(callerId);
    if (session) clearTimeout(session.timer);
    this.sessions.delete(callerId);
  }

  /** Stops the timers; progress still running is saved one last time. */
  dispose(): void {
    for (const session of this.sessions.values()) clearTimeout(session.timer);
    this.sessions.clear();
    const pending = this.progressTimer !== null;
    this.disposed = true;
    this.watchProgress();
    if (pending) this.save({});
  }

  private open(callerId: string): void {
    const previous = this.sessions.get(callerId);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => this.lock(callerId), this.autoLockMs);
    timer.unref();
    this.sessions.set(callerId, { untilMs: this.now() + this.autoLockMs, timer });
  }
}
