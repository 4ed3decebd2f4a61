// The manager PIN over a real settings file: a slow salted hash, a growing lockout that survives a restart and cannot
// be dodged by guessing in parallel, and an auto-lock.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../app/core/failure.ts';
import { lockoutAfter } from '../../app/manager/pin.ts';
import { ManagerSession } from '../../app/manager/session.ts';
import { SettingsStore } from '../../app/settings.ts';

function session(dir = mkdtempSync(join(tmpdir(), 'kaunter-pin-')), autoLockMs = 60_000) {
  const locked: number[] = [];
  const store = new SettingsStore(dir);
  return { dir, store, locked, manager: new ManagerSession(store, Date.now, () => void locked.push(Date.now()), autoLockMs) };
}

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'none';
  } catch (error) {
    return error instanceof Refusal ? error.code : String(error);
  }
}

describe('the manager PIN', () => {
  it('is stored only as a salted scrypt hash', async () => {
    const { dir, manager } = session();
    await manager.setPin('2468', 'Siti');
    const file = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(file).not.toContain('2468');
    const pin = (JSON.parse(file) as { manager: { pin: { algorithm: string; salt: string; n: number } } }).manager.pin;
    expect(pin).toMatchObject({ algorithm: 'scrypt', n: 32768 });
    expect(Buffer.from(pin.salt, 'base64')).toHaveLength(16);
  });

  it('locks the pad for longer and longer after three wrong PINs, and the lockout survives a restart', async () => {
    const { dir, manager } = session();
    await manager.setPin('2468', 'Siti');
    manager.lock();
    expect(await refusal(manager.unlock('1111'))).toBe('PIN_WRONG');
    expect(await refusal(manager.unlock('1111'))).toBe('PIN_WRONG');
    expect(await refusal(manager.unlock('1111'))).toBe('PIN_LOCKED_OUT');
    expect(await refusal(manager.unlock('2468'))).toBe('PIN_LOCKED_OUT');
    const restarted = session(dir).manager;
    expect(restarted.status().lockedUntilMs).toBeGreaterThan(Date.now() + 20_000);
    expect(await refusal(restarted.unlock('2468'))).toBe('PIN_LOCKED_OUT');
    expect([lockoutAfter(2), lockoutAfter(3), lockoutAfter(4), lockoutAfter(5), lockoutAfter(20)]).toEqual([0, 30_000, 60_000, 120_000, 3_600_000]);
  });

  it('cannot be brute-forced by sending many guesses at once', async () => {
    const { manager } = session();
    await manager.setPin('2468', 'Siti');
    manager.lock();
    const guesses = Array.from({ length: 40 }, (_, i) => refusal(manager.unlock(String(1000 + i))));
    const answers = await Promise.all([...guesses, refusal(manager.unlock('2468'))]);
    expect(answers.filter((a) => a === 'PIN_WRONG')).toHaveLength(2);
    expect(answers.at(-1)).toBe('PIN_LOCKED_OUT');
    expect(manager.status().unlocked).toBe(false);
  });

  it('locks itself after inactivity and says so; a new PIN needs the old one', async () => {
    const { manager, locked } = session(undefined, 150);
    await manager.setPin('2468', 'Siti');
    expect(manager.status().unlocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(manager.status().unlocked).toBe(false);
    expect(locked).toHaveLength(1);
    expect(await refusal(manager.setPin('1357', 'Someone'))).toBe('LOCKED');
  });
});
