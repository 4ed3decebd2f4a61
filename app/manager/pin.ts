// The manager PIN: stored only as a slow salted hash (scrypt), compared in constant time, with a growing lockout after
// wrong guesses that survives a restart (it is kept in the settings file, not in memory).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PinHash } from '../settings.ts';

// About 50-100 ms per check on a counter PC: nothing for a manager, slow for someone trying every 4-digit PIN.
const SCRYPT_PARAMS = { n: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const FREE_ATTEMPTS = 3;
const FIRST_LOCKOUT_MS = 30_000;
const MAX_LOCKOUT_MS = 60 * 60_000;

function derive(pin: string, salt: Buffer, params: { n: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: params.n, r: params.r, p: params.p, maxmem: 128 * params.n * params.r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string): Promise<PinHash> {
  const salt = randomBytes(16);
  const hash = await derive(pin, salt, SCRYPT_PARAMS);
  return { algorithm: 'scrypt', salt: salt.toString('base64'), hash: hash.toString('base64'), ...SCRYPT_PARAMS };
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(pin, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** How long the PIN pad stays shut after this many wrong PINs in a row: 3 free, then 30 s, 60 s, 120 s ... up to 1 h. */
export function lockoutAfter(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** (failedAttempts - FREE_ATTEMPTS));
}
