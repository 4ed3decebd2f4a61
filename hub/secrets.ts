// Random secrets the hub hands out (enrolment codes, terminal credentials, session tokens) and how it keeps them: only
// a SHA-256, which is enough for long random values (there is nothing to guess), compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper cannot be mistaken.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time enrolment code: 16 characters (80 bits) in four groups, like 7KQ2-M9XD-4T0B-HVW3. */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((byte) => CODE_ALPHABET[byte & 31]).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/** What a person may have typed (lower case, spaces, no dashes, O for 0) as the stored form. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
