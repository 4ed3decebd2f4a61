// The manager PIN and the owner's recovery code: stored only as slow salted hashes (scrypt), compared in constant time.
// The PIN is also peppered: HMAC-SHA256 with a random key kept in the OS keychain goes into scrypt, so a copied
// settings.json alone cannot be tried offline (4 digits at ~350 ms each would take about an hour). The recovery code
// is not peppered: it carries 80 random bits, beyond guessing without any pepper, and it must still work when the
// keychain has lost the pepper. Wrong PINs lock the pad for longer and longer, and the count decays with quiet time.
import { createHmac, randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PinHash } from '../settings.ts';

type ScryptParams = { n: number; r: number; p: number };
// About 50-100 ms per check on a counter PC: nothing for a manager, slow for someone trying every 4-digit PIN.
const SCRYPT_PARAMS: ScryptParams = { n: 2 ** 15, r: 8, p: 1 };
// A hub password has no keychain pepper behind it, and the hub's database is the thing an attacker would copy: three
// times the work (p = 3) in the same 32 MiB, which OWASP's password storage advice gives as a minimum for scrypt
// beside N = 2^17 with p = 1 (four times the memory, for each of the sign-ins the hub checks at once).
const PASSWORD_SCRYPT_PARAMS: ScryptParams = { n: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
const FREE_ATTEMPTS = 3;
const FIRST_LOCKOUT_MS = 30_000;
const MAX_LOCKOUT_MS = 60 * 60_000;
/** One wrong PIN is forgiven per this much time without another (while Kaunter runs). */
export const FAILURE_DECAY_MS = 15 * 60_000;

// Crockford's base32: no I, L, O or U, so a code copied by hand is not misread.
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECOVERY_GROUPS = 4;
const RECOVERY_GROUP_LENGTH = 4;

function derive(secret: string | Buffer, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.n, r: params.r, p: params.p, maxmem: 128 * params.n * params.r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function pinSecret(pin: string, pepper: Buffer | null): string | Buffer {
  const normalised = pin.normalize('NFKC');
  return pepper === null ? normalised : createHmac('sha256', pepper).update(normalised, 'utf8').digest();
}

async function hashSecret(secret: string | Buffer, peppered: boolean, params = SCRYPT_PARAMS): Promise<PinHash> {
  const salt = randomBytes(16);
  const hash = await derive(secret, salt, params);
  return { algorithm: 'scrypt', peppered, salt: salt.toString('base64'), hash: hash.toString('base64'), ...params };
}

async function matches(secret: string | Buffer, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(secret, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function hashPin(pin: string, pepper: Buffer): Promise<PinHash> {
  return hashSecret(pinSecret(pin, pepper), true);
}

/** A person's password where there is no keychain to keep a pepper (the hub's users): a slower salted scrypt. */
export function hashPassword(password: string): Promise<PinHash> {
  return hashSecret(pinSecret(password, null), false, PASSWORD_SCRYPT_PARAMS);
}

/** A password hash made with less work than a new one gets (before the hub's passwords had p = 3): re-made at sign-in. */
export function passwordNeedsRehash(stored: PinHash): boolean {
  const work = ({ n, r, p }: ScryptParams) => n * r * p;
  return work(stored) < work(PASSWORD_SCRYPT_PARAMS);
}

export async function passwordMatches(password: string, stored: PinHash): Promise<boolean> {
  const secret = pinSecret(password, null);
  const matched = await matches(secret, stored);
  await topUpWork(secret, stored);
  return matched;
}

/**
 * A hash made with less work is checked with the rest of a new one's work after it, thrown away: the hub checks an
 * unknown name against a new hash, and a name whose hash is older must not answer faster than one nobody has.
 */
async function topUpWork(secret: string | Buffer, stored: PinHash): Promise<void> {
  const missing = PASSWORD_SCRYPT_PARAMS.p - stored.p;
  if (missing > 0 && stored.n === PASSWORD_SCRYPT_PARAMS.n && stored.r === PASSWORD_SCRYPT_PARAMS.r) {
    await derive(secret, randomBytes(16), { ...PASSWORD_SCRYPT_PARAMS, p: missing });
  }
}

/** `pepper` must be the keychain's pepper when the stored hash is peppered; hashes from before the pepper have none. */
export function pinMatches(pin: string, stored: PinHash, pepper: Buffer | null): Promise<boolean> {
  return matches(pinSecret(pin, stored.peppered ? pepper : null), stored);
}

/** 16 characters in four groups, e.g. "7KQ2-M9XA-3HDT-VW4E": 80 random bits. */
export function newRecoveryCode(): string {
  const groups = Array.from({ length: RECOVERY_GROUPS }, () =>
    Array.from({ length: RECOVERY_GROUP_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

/** As typed: any case, with or without dashes and spaces, O for 0 and I or L for 1. */
function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function hashRecoveryCode(code: string): Promise<PinHash> {
  return hashSecret(normaliseRecoveryCode(code), false);
}

export function recoveryCodeMatches(code: string, stored: PinHash): Promise<boolean> {
  return matches(normaliseRecoveryCode(code), stored);
}

/** How long the PIN pad stays shut after this many wrong PINs in a row: 3 free, then 30 s, 60 s, 120 s ... up to 1 h. */
export function lockoutAfter(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** (failedAttempts - FREE_ATTEMPTS));
}

/** Wrong PINs still counted after `quietMs` without another. */
export function failuresAfterQuiet(failedAttempts: number, quietMs: number): number {
  return Math.max(0, failedAttempts - Math.floor(quietMs / FAILURE_DECAY_MS));
}
