// The browser host's door key. One valid token at a time; using it hands out the next (sent to that page for its
// reloads), so an address works once. And it is short-lived: a token nobody used within its lifetime is dead, so an
// address left in a terminal's scroll-back or a shell history opens nothing later. Open pages are handed a fresh token
// before theirs runs out (see server.ts).
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_LIFETIME_MS = 10 * 60_000;

/** What a socket's door decided: in, with the token its page keeps for its next connection; or refused, and why. */
export type Admission = { next: string } | { refused: string };
export type TokenAdmission = { next: string } | { refused: 'expired' | 'wrong' };

export class TokenChain {
  private token = newToken();
  private issuedAt: number;

  // Monotonic: a clock set forward, or an NTP step, must not kill the open page's token.
  private readonly now: () => number;
  readonly lifetimeMs: number;
  constructor(
    now: () => number = () => performance.now(),
    lifetimeMs: number = TOKEN_LIFETIME_MS,
  ) {
    this.now = now;
    this.lifetimeMs = lifetimeMs;
    this.issuedAt = now();
  }

  get current(): string {
    return this.token;
  }

  get expired(): boolean {
    return this.now() - this.issuedAt >= this.lifetimeMs;
  }

  /** Whether `presented` is the current token (compared in constant time), and whether it is still fresh. */
  verdict(presented: string | undefined): 'current' | 'expired' | 'wrong' {
    const expected = Buffer.from(this.token);
    const given = Buffer.from(presented ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'wrong';
    return this.expired ? 'expired' : 'current';
  }

  /**
   * Checks the presented token and, when it is the current one and fresh, spends it and returns the next: one step,
   * taken at the door before the socket is upgraded, so two sockets offering the same token can never both get in.
   */
  admit(presented: string | undefined): TokenAdmission {
    const verdict = this.verdict(presented);
    return verdict === 'current' ? { next: this.renew() } : { refused: verdict };
  }

  /** A new current token; the old one stops working. */
  renew(): string {
    this.token = newToken();
    this.issuedAt = this.now();
    return this.token;
  }
}

function newToken(): string {
  return randomBytes(24).toString('base64url');
}
