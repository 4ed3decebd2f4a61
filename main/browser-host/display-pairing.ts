// Pairing a customer display page with the browser host. A manager makes a code on the counter (6 digits, working once
// and for 2 minutes); it is typed on the display page, which gets a token of its own for its socket. Guessing is
// bounded: 5 wrong tries end the code, and past 10 wrong tries in a minute every try is refused without being checked,
// so a guesser gets about 5 chances in a million per code the manager makes. Time is a monotonic clock.
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { PairingCode } from '../../app/core/ports.ts';

export const PAIRING_CODE_MS = 2 * 60_000;
export const WRONG_PER_CODE = 5;
export const WRONG_PER_MINUTE = 10;
const MINUTE_MS = 60_000;
const DIGITS = 6;

export type PairingVerdict = { ok: true } | { ok: false; reason: 'wrong' | 'limited' };

export class PairingDoor {
  private code: { value: string; issuedAt: number; wrong: number } | null = null;
  private wrongAt: number[] = [];

  private readonly now: () => number;
  constructor(now: () => number = () => performance.now()) {
    this.now = now;
  }

  /** A new code; the one before it stops working. */
  issue(): PairingCode {
    const value = String(randomInt(0, 10 ** DIGITS)).padStart(DIGITS, '0');
    this.code = { value, issuedAt: this.now(), wrong: 0 };
    return { code: value, expiresInMs: PAIRING_CODE_MS };
  }

  /** Spends the code if `presented` is it, still fresh; otherwise counts a wrong try. */
  attempt(presented: string): PairingVerdict {
    const now = this.now();
    this.wrongAt = this.wrongAt.filter((at) => now - at < MINUTE_MS);
    if (this.wrongAt.length >= WRONG_PER_MINUTE) return { ok: false, reason: 'limited' };
    const code = this.code;
    if (code && now - code.issuedAt < PAIRING_CODE_MS && sameCode(presented, code.value)) {
      this.code = null;
      return { ok: true };
    }
    this.wrongAt.push(now);
    if (code) {
      code.wrong += 1;
      if (code.wrong >= WRONG_PER_CODE) this.code = null;
    }
    return { ok: false, reason: this.wrongAt.length >= WRONG_PER_MINUTE ? 'limited' : 'wrong' };
  }
}

function sameCode(presented: string, expected: string): boolean {
  const given = Buffer.from(presented);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
