// The manager PIN over a real settings file: a slow salted hash peppered with a key from the keychain, a growing
// lockout that survives a restart, cannot be dodged by guessing in parallel or by turning the PC's clock, and decays
// with quiet time; the owner's recovery code sets a new PIN whatever the pad's state; and an auto-lock.
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Refusal } from '../../app/core/failure.ts';
import { FAILURE_DECAY_MS, lockoutAfter, newRecoveryCode, pinMatches } from '../../app/manager/pin.ts';
import { ManagerSession } from '../../app/manager/session.ts';
import { SettingsStore, type PinHash } from '../../app/settings.ts';
import { makeCoreRig, MemorySecretStore } from '../fixtures/core-rig.ts';

/** The caller whose PIN pad these tests type on. */
const COUNTER = 'counter-1';

/** A clock the test moves by hand, standing in for the monotonic clock (which starts again with every process). */
class ManualClock {
  ms = 1_000;
  readonly read = (): number => this.ms;
}

interface Opened {
  dir: string;
  keychain: MemorySecretStore;
  /** The callers whose session closed by itself or by a lock, in order. */
  locked: string[];
  clock: ManualClock;
  wall: { ms: number };
  manager: ManagerSession;
}

function open(previous?: Partial<Opened>, autoLockMs = 60_000): Opened {
  const dir = previous?.dir ?? mkdtempSync(join(tmpdir(), 'kaunter-pin-'));
  const keychain = previous?.keychain ?? new MemorySecretStore();
  const clock = new ManualClock();
  const wall = { ms: Date.now() };
  const locked: string[] = [];
  const manager = new ManagerSession(new SettingsStore(dir), () => wall.ms, (callerId) => void locked.push(callerId), autoLockMs, clock.read);
  return { dir, keychain, locked, clock, wall, manager };
}

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'none';
  } catch (error) {
    return error instanceof Refusal ? error.code : String(error);
  }
}

function storedPin(dir: string): PinHash {
  return (JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { manager: { pin: PinHash } }).manager.pin;
}

/** Three wrong PINs: the pad is then locked for 30 s. */
async function lockOut(opened: Opened): Promise<void> {
  const { manager, keychain } = opened;
  for (const expected of ['PIN_WRONG', 'PIN_WRONG', 'PIN_LOCKED_OUT']) expect(await refusal(manager.unlock(COUNTER, '1111', keychain))).toBe(expected);
}

describe('the manager PIN', () => {
  it('is stored only as a salted scrypt hash peppered with a key from the keychain, so the file alone cannot be tried', async () => {
    const { dir, manager, keychain } = open();
    const set = await manager.setPin(COUNTER, '2468', 'Siti', undefined, keychain);
    expect(set).toMatchObject({ unlocked: true, recoveryCodeSet: true });
    const file = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(file).not.toContain('2468');
    const pin = storedPin(dir);
    expect(pin).toMatchObject({ algorithm: 'scrypt', peppered: true, n: 32768 });
    expect(Buffer.from(pin.salt, 'base64')).toHaveLength(16);
    // Someone with a copy of settings.json and no keychain: every PIN, tried without the pepper, fails; even the right one.
    expect(await pinMatches('2468', { ...pin, peppered: false }, null)).toBe(false);
    const pepper = await keychain.get('pinPepper');
    expect(pepper.state === 'found' && Buffer.from(pepper.value, 'base64')).toHaveLength(32);
    expect(pepper.state === 'found' && (await pinMatches('2468', pin, Buffer.from(pepper.value, 'base64')))).toBe(true);
  });

  it('a PIN hashed before the pepper (an older settings file) still unlocks, and is then hashed again with the pepper', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaunter-pin-'));
    const salt = randomBytes(16);
    const hash = scryptSync('2468', salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const olderPin = { algorithm: 'scrypt', salt: salt.toString('base64'), hash: hash.toString('base64'), n: 32768, r: 8, p: 1 };
    const older = { manager: { name: 'Siti', pin: olderPin, failedAttempts: 0, lockedUntilMs: null } };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(older));
    const { manager, keychain } = open({ dir });
    expect(manager.status(COUNTER)).toMatchObject({ pinSet: true, recoveryCodeSet: false });
    expect(await manager.unlock(COUNTER, '2468', keychain)).toMatchObject({ unlocked: true });
    expect(storedPin(dir).peppered).toBe(true);
    manager.lock(COUNTER);
    expect(await manager.unlock(COUNTER, '2468', keychain)).toMatchObject({ unlocked: true });
  });

  it('locks the pad for longer and longer after three wrong PINs, and the lockout survives a restart', async () => {
    const first = open();
    await first.manager.setPin(COUNTER, '2468', 'Siti', undefined, first.keychain);
    first.manager.lock(COUNTER);
    await lockOut(first);
    expect(await refusal(first.manager.unlock(COUNTER, '2468', first.keychain))).toBe('PIN_LOCKED_OUT');
    first.clock.ms += 20_000;
    first.manager.dispose();
    const restarted = open({ dir: first.dir, keychain: first.keychain });
    expect(restarted.manager.status(COUNTER).lockedUntilMs).toBeGreaterThan(restarted.wall.ms + 5_000);
    expect(await refusal(restarted.manager.unlock(COUNTER, '2468', restarted.keychain))).toBe('PIN_LOCKED_OUT');
    restarted.clock.ms += 10_001;
    expect(await restarted.manager.unlock(COUNTER, '2468', restarted.keychain)).toMatchObject({ unlocked: true });
    expect([lockoutAfter(2), lockoutAfter(3), lockoutAfter(4), lockoutAfter(5), lockoutAfter(20)]).toEqual([0, 30_000, 60_000, 120_000, 3_600_000]);
  });

  it('turning the PC clock forward does not open a locked pad: only time that passed on the monotonic clock counts', async () => {
    const opened = open();
    await opened.manager.setPin(COUNTER, '2468', 'Siti', undefined, opened.keychain);
    opened.manager.lock(COUNTER);
    await lockOut(opened);
    opened.wall.ms += 24 * 3_600_000;
    expect(await refusal(opened.manager.unlock(COUNTER, '2468', opened.keychain))).toBe('PIN_LOCKED_OUT');
    expect(opened.manager.status(COUNTER).lockedUntilMs).toBeGreaterThan(opened.wall.ms);
    opened.clock.ms += 30_000;
    expect(await opened.manager.unlock(COUNTER, '2468', opened.keychain)).toMatchObject({ unlocked: true });
  });

  it('wrong PINs are forgiven one per quarter hour without another, so a lockout does not grow for ever', async () => {
    const opened = open();
    await opened.manager.setPin(COUNTER, '2468', 'Siti', undefined, opened.keychain);
    opened.manager.lock(COUNTER);
    await lockOut(opened);
    opened.clock.ms += 30_000;
    expect(await refusal(opened.manager.unlock(COUNTER, '1111', opened.keychain))).toBe('PIN_LOCKED_OUT');
    expect(opened.manager.status(COUNTER).lockedUntilMs).toBe(opened.wall.ms + 60_000);
    // Two hours of quiet: the count is back to zero, and the next wrong PIN is a free one.
    opened.clock.ms += 2 * 60 * 60_000;
    expect(await refusal(opened.manager.unlock(COUNTER, '1111', opened.keychain))).toBe('PIN_WRONG');
    expect(opened.manager.status(COUNTER).lockedUntilMs).toBeNull();
    expect(FAILURE_DECAY_MS).toBe(15 * 60_000);
  });

  it('cannot be brute-forced by sending many guesses at once', async () => {
    const { manager, keychain } = open();
    await manager.setPin(COUNTER, '2468', 'Siti', undefined, keychain);
    manager.lock(COUNTER);
    const guesses = Array.from({ length: 40 }, (_, i) => refusal(manager.unlock(COUNTER, String(1000 + i), keychain)));
    const answers = await Promise.all([...guesses, refusal(manager.unlock(COUNTER, '2468', keychain))]);
    expect(answers.filter((a) => a === 'PIN_WRONG')).toHaveLength(2);
    expect(answers.at(-1)).toBe('PIN_LOCKED_OUT');
    expect(manager.status(COUNTER).unlocked).toBe(false);
  });

  it('locks itself after inactivity and says so; a new PIN needs the old one', async () => {
    const { manager, locked, keychain } = open(undefined, 150);
    await manager.setPin(COUNTER, '2468', 'Siti', undefined, keychain);
    expect(manager.status(COUNTER).unlocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(manager.status(COUNTER).unlocked).toBe(false);
    expect(locked).toHaveLength(1);
    expect(await refusal(manager.setPin(COUNTER, '1357', 'Someone', undefined, keychain))).toBe('INVALID_INPUT');
  });
});

describe('changing the PIN or the recovery code asks for the current PIN, even in an unlocked session', () => {
  it('a new PIN without the current one, or with a wrong one, is refused and the old PIN still works', async () => {
    const { manager, keychain } = open();
    await manager.setPin(COUNTER, '2468', 'Siti', undefined, keychain);
    expect(manager.status(COUNTER).unlocked).toBe(true);
    expect(await refusal(manager.setPin(COUNTER, '1357', 'Someone', undefined, keychain))).toBe('INVALID_INPUT');
    expect(await refusal(manager.setPin(COUNTER, '1357', 'Someone', '', keychain))).toBe('INVALID_INPUT');
    expect(await refusal(manager.setPin(COUNTER, '1357', 'Someone', '1111', keychain))).toBe('PIN_WRONG');
    expect(manager.status(COUNTER)).toMatchObject({ managerName: 'Siti', unlocked: true });
    manager.lock(COUNTER);
    expect(await manager.unlock(COUNTER, '2468', keychain)).toMatchObject({ unlocked: true });
    expect(await manager.setPin(COUNTER, '1357', 'Aminah', '2468', keychain)).toMatchObject({ managerName: 'Aminah', recoveryCode: null });
    manager.lock(COUNTER);
    expect(await refusal(manager.unlock(COUNTER, '2468', keychain))).toBe('PIN_WRONG');
    expect(await manager.unlock(COUNTER, '1357', keychain)).toMatchObject({ unlocked: true });
  });

  it('wrong current PINs count with the pad\'s: three lock both, and the lockout survives a restart', async () => {
    const first = open();
    await first.manager.setPin(COUNTER, '2468', 'Siti', undefined, first.keychain);
    for (const expected of ['PIN_WRONG', 'PIN_WRONG', 'PIN_LOCKED_OUT']) {
      expect(await refusal(first.manager.setPin(COUNTER, '1357', 'Siti', '1111', first.keychain))).toBe(expected);
    }
    expect(await refusal(first.manager.replaceRecoveryCode('2468', first.keychain))).toBe('PIN_LOCKED_OUT');
    first.manager.dispose();
    const restarted = open({ dir: first.dir, keychain: first.keychain });
    expect(await refusal(restarted.manager.setPin(COUNTER, '1357', 'Siti', '2468', restarted.keychain))).toBe('PIN_LOCKED_OUT');
    expect(await refusal(restarted.manager.unlock(COUNTER, '2468', restarted.keychain))).toBe('PIN_LOCKED_OUT');
    restarted.clock.ms += 30_000;
    expect(await restarted.manager.setPin(COUNTER, '1357', 'Siti', '2468', restarted.keychain)).toMatchObject({ unlocked: true, lockedUntilMs: null });
  });

  it('a new recovery code needs the current PIN: otherwise the old code still works and no new one is made', async () => {
    const opened = open();
    const set = await opened.manager.setPin(COUNTER, '2468', 'Siti', undefined, opened.keychain);
    expect(await refusal(opened.manager.replaceRecoveryCode('', opened.keychain))).toBe('INVALID_INPUT');
    expect(await refusal(opened.manager.replaceRecoveryCode('1357', opened.keychain))).toBe('PIN_WRONG');
    opened.manager.lock(COUNTER);
    expect(await opened.manager.recover(COUNTER, set.recoveryCode ?? '', '1111', undefined, opened.keychain)).toMatchObject({ unlocked: true });
  });

  it('the hashing runs off the event loop: timers keep firing while the current PIN and the new one are hashed', async () => {
    const { manager, keychain } = open();
    await manager.setPin(COUNTER, '2468', 'Siti', undefined, keychain);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    try {
      const started = performance.now();
      await manager.setPin(COUNTER, '1357', 'Siti', '2468', keychain);
      const tookMs = performance.now() - started;
      // Two scrypt runs of about 50-100 ms each: a blocked loop would let the 5 ms timer fire once at most.
      expect(tookMs).toBeGreaterThan(40);
      expect(ticks).toBeGreaterThanOrEqual(Math.floor(tookMs / 5 / 3));
    } finally {
      clearInterval(ticker);
    }
  });
});

describe('the manager session, per caller (issue 11 item 3)', () => {
  const OTHER = 'counter-2';
  afterEach(() => vi.useRealTimers());

  it('opens for the caller that typed the PIN and no other; a caller that goes loses its session, silently', async () => {
    const { manager, keychain, locked } = open();
    await manager.setPin(COUNTER, '2468', 'Siti', undefined, keychain);
    expect(manager.status(COUNTER).unlocked).toBe(true);
    expect(manager.status(OTHER).unlocked).toBe(false);
    await manager.unlock(OTHER, '2468', keychain);
    manager.end(COUNTER);
    expect(manager.status(COUNTER).unlocked).toBe(false);
    expect(manager.status(OTHER).unlocked).toBe(true);
    manager.lock(OTHER);
    expect(locked).toEqual([OTHER]);
  });

  it('a new PIN, set or recovered, closes every other caller\'s session: one opened with a leaked PIN ends with it', async () => {
    const opened = open();
    const { manager, keychain, locked } = opened;
    const first = await manager.setPin(COUNTER, '2468', 'Siti', undefined, keychain);
    await manager.unlock(OTHER, '2468', keychain);
    await manager.setPin(COUNTER, '1357', 'Siti', '2468', keychain);
    expect(locked).toEqual([OTHER]);
    expect(manager.status(OTHER).unlocked).toBe(false);
    expect(manager.status(COUNTER).unlocked).toBe(true);

    await manager.unlock(OTHER, '1357', keychain);
    await manager.recover('counter-3', first.recoveryCode ?? '', '9753', undefined, keychain);
    expect(locked).toEqual([OTHER, COUNTER, OTHER]);
    expect([COUNTER, OTHER, 'counter-3'].map((caller) => manager.status(caller).unlocked)).toEqual([false, false, true]);
  });

  it('counts wrong PINs for the terminal, whichever caller typed them', async () => {
    const opened = open();
    await opened.manager.setPin(COUNTER, '2468', 'Siti', undefined, opened.keychain);
    opened.manager.lock(COUNTER);
    expect(await refusal(opened.manager.unlock(COUNTER, '1111', opened.keychain))).toBe('PIN_WRONG');
    expect(await refusal(opened.manager.unlock(OTHER, '1111', opened.keychain))).toBe('PIN_WRONG');
    expect(await refusal(opened.manager.unlock(COUNTER, '1111', opened.keychain))).toBe('PIN_LOCKED_OUT');
    expect(await refusal(opened.manager.unlock(OTHER, '2468', opened.keychain))).toBe('PIN_LOCKED_OUT');
  });

  it('locks each caller after its own inactivity', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { manager, keychain, locked, wall } = open(undefined, 1_000);
    await manager.setPin(COUNTER, '2468', 'Siti', undefined, keychain);
    await manager.unlock(OTHER, '2468', keychain);
    const pass = (ms: number): void => {
      wall.ms += ms;
      vi.advanceTimersByTime(ms);
    };
    pass(600);
    manager.touch(OTHER);
    pass(500);
    expect(locked).toEqual([COUNTER]);
    expect(manager.status(COUNTER).unlocked).toBe(false);
    expect(manager.status(OTHER).unlocked).toBe(true);
    pass(600);
    expect(locked).toEqual([COUNTER, OTHER]);
  });
});

describe('the recovery code', () => {
  it('is made once with the first PIN, opens a locked pad with a new PIN, and is then spent and replaced', async () => {
    const opened = open();
    const { manager, keychain } = opened;
    const first = await manager.setPin(COUNTER, '2468', 'Siti', undefined, keychain);
    expect(first.recoveryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(readFileSync(join(opened.dir, 'settings.json'), 'utf8')).not.toContain(first.recoveryCode?.replace(/-/g, '').slice(0, 8));
    expect((await manager.setPin(COUNTER, '1357', 'Siti', '2468', keychain)).recoveryCode).toBeNull();
    manager.lock(COUNTER);
    await lockOut(opened);

    expect(await refusal(manager.recover(COUNTER, 'AAAA-AAAA-AAAA-AAAA', '9753', undefined, keychain))).toBe('PIN_WRONG');
    const typed = (first.recoveryCode ?? '').toLowerCase().replace(/-/g, ' ');
    const recovered = await manager.recover(COUNTER, typed, '9753', 'Aminah', keychain);
    expect(recovered).toMatchObject({ unlocked: true, managerName: 'Aminah', lockedUntilMs: null });
    expect(recovered.recoveryCode).not.toBe(first.recoveryCode);
    manager.lock(COUNTER);
    expect(await manager.unlock(COUNTER, '9753', keychain)).toMatchObject({ unlocked: true });
    manager.lock(COUNTER);
    expect(await refusal(manager.recover(COUNTER, first.recoveryCode ?? '', '1111', undefined, keychain))).toBe('PIN_WRONG');
  });

  it('wrong codes are not throttled, by design: 80 random bits are beyond guessing, and a lockout would let anyone shut the owner out', async () => {
    const codes = new Set(Array.from({ length: 500 }, () => newRecoveryCode()));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    // 16 characters of a 32-letter alphabet: 80 bits, about 6e23 tries on average, at about 0.1 s each.
    expect(16 * Math.log2(32)).toBe(80);

    const opened = open();
    const set = await opened.manager.setPin(COUNTER, '2468', 'Siti', undefined, opened.keychain);
    opened.manager.lock(COUNTER);
    const wrong = await Promise.all(Array.from({ length: 8 }, () => refusal(opened.manager.recover(COUNTER, newRecoveryCode(), '1111', undefined, opened.keychain))));
    expect(wrong).toEqual(Array.from({ length: 8 }, () => 'PIN_WRONG'));
    expect(opened.manager.status(COUNTER).lockedUntilMs).toBeNull();
    expect(await opened.manager.recover(COUNTER, set.recoveryCode ?? '', '9753', undefined, opened.keychain)).toMatchObject({ unlocked: true });
  });

  it('still works when the keychain lost the PIN\'s pepper (the PIN itself then cannot be checked)', async () => {
    const opened = open();
    const set = await opened.manager.setPin(COUNTER, '2468', 'Siti', undefined, opened.keychain);
    opened.manager.dispose();
    const newKeyring = open({ dir: opened.dir, keychain: new MemorySecretStore() });
    const unlock = newKeyring.manager.unlock(COUNTER, '2468', newKeyring.keychain);
    await expect(unlock).rejects.toThrow(/recovery code/);
    expect(await refusal(newKeyring.manager.unlock(COUNTER, '2468', newKeyring.keychain))).toBe('KEYCHAIN');
    const recovered = await newKeyring.manager.recover(COUNTER, set.recoveryCode ?? '', '4321', undefined, newKeyring.keychain);
    expect(recovered).toMatchObject({ unlocked: true, managerName: 'Siti' });
    newKeyring.manager.lock(COUNTER);
    expect(await newKeyring.manager.unlock(COUNTER, '4321', newKeyring.keychain)).toMatchObject({ unlocked: true });
  });

  it('a manager can make a new one; the old one then no longer works', async () => {
    const opened = open();
    const set = await opened.manager.setPin(COUNTER, '2468', 'Siti', undefined, opened.keychain);
    const replaced = await opened.manager.replaceRecoveryCode('2468', opened.keychain);
    expect(replaced.recoveryCode).not.toBe(set.recoveryCode);
    opened.manager.lock(COUNTER);
    expect(await refusal(opened.manager.recover(COUNTER, set.recoveryCode ?? '', '1111', undefined, opened.keychain))).toBe('PIN_WRONG');
    expect(await opened.manager.recover(COUNTER, replaced.recoveryCode, '1111', undefined, opened.keychain)).toMatchObject({ unlocked: true });
  });
});

describe('through the contract', () => {
  it('the pepper is kept through CorePorts.secrets("terminal"), and a counter can recover a locked-out terminal', async () => {
    const keychains = new Map<string, MemorySecretStore>();
    const secrets = (scope: string): MemorySecretStore => keychains.get(scope) ?? keychains.set(scope, new MemorySecretStore()).get(scope)!;
    const rig = await makeCoreRig({ secrets });
    try {
      const set = await rig.dispatch('manager.setPin', { pin: '2468', managerName: 'Siti' });
      expect(set).toMatchObject({ ok: true, value: { unlocked: true, recoveryCodeSet: true, recoveryCode: expect.any(String) as string } });
      expect((await secrets('terminal').get('pinPepper')).state).toBe('found');
      expect([...keychains.keys()]).toEqual(['terminal']);
      await rig.dispatch('settings.update', { setupComplete: true });
      await rig.dispatch('manager.lock', {});
      for (const pin of ['1111', '2222', '3333']) await rig.dispatch('manager.unlock', { pin });
      expect(await rig.dispatch('manager.unlock', { pin: '2468' })).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED_OUT' } });
      expect(await rig.dispatch('history.page', { filter: {}, cursor: null, limit: 5 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
      expect(await rig.dispatch('manager.newRecoveryCode', { currentPin: '2468' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });

      const code = set.ok ? (set.value as { recoveryCode: string }).recoveryCode : '';
      const recovered = await rig.dispatch('manager.recover', { recoveryCode: code, pin: '8642' });
      expect(recovered).toMatchObject({ ok: true, value: { unlocked: true, lockedUntilMs: null, recoveryCode: expect.any(String) as string } });
      expect(await rig.dispatch('history.page', { filter: {}, cursor: null, limit: 5 })).toMatchObject({ ok: true });
    } finally {
      await rig.close();
    }
  });
});
