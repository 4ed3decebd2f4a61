// Signed calls to RM's Open API: a fresh nonce and timestamp for every attempt, and one token refresh-and-retry when RM
// says the token is bad. Every call ends in a typed outcome; nothing here throws for a network or RM failure.
import type { KeyObject } from 'node:crypto';
import type { z } from 'zod';
import { CanonicalFormError } from './canonical.ts';
import { isTokenError, rmError, TRANSPORT_CODES } from './errors.ts';
import type { TokenManager } from './oauth.ts';
import { failure, interpretOutcome, type RmOutcome } from './outcome.ts';
import { signRequest, type SignedRequest } from './signature.ts';
import { send, type SendOptions } from './transport.ts';

export interface RmClientOptions {
  apiUrl: string;
  tokens: TokenManager;
  privateKey: KeyObject;
  now?: () => number;
  sendOptions?: SendOptions;
}

export interface CallSpec<T> {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  idempotent: boolean;
  schema: z.ZodType<T>;
}

/** One signed attempt, as the outbox records it before anything leaves the machine. */
export interface Attempt {
  nonce: string;
  timestamp: string;
}

export interface CallHooks {
  /** Runs after signing and before the first byte is sent; the outbox commits the attempt here. */
  beforeSend?: (attempt: Attempt) => void;
  afterAttempt?: (attempt: Attempt, outcome: RmOutcome<unknown>) => void;
  onSlow?: () => void;
}

export class RmClient {
  private readonly now: () => number;

  private readonly options: RmClientOptions;
  constructor(options: RmClientOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  async call<T>(spec: CallSpec<T>, hooks: CallHooks = {}): Promise<RmOutcome<T>> {
    const first = await this.attempt(spec, hooks);
    if (first.outcome.kind === 'success' || !isTokenError(first.outcome.error) || first.token === null) return first.outcome;
    // RM refused the token before doing anything: renew it and try exactly once more, freshly signed.
    this.options.tokens.invalidate(first.token);
    return (await this.attempt(spec, hooks)).outcome;
  }

  private async attempt<T>(spec: CallSpec<T>, hooks: CallHooks): Promise<{ outcome: RmOutcome<T>; token: string | null }> {
    const token = await this.options.tokens.accessToken();
    if (!token.ok) return { outcome: failure(token.error), token: null };
    const url = this.url(spec);
    let signed: SignedRequest;
    try {
      signed = signRequest({ method: spec.method, url, body: spec.body, privateKey: this.options.privateKey, accessToken: token.accessToken, nowMs: this.now() });
    } catch (error) {
      if (!(error instanceof CanonicalFormError)) throw error;
      return { outcome: failure(rmError(TRANSPORT_CODES.badRequest, error.message)), token: null };
    }
    const attempt: Attempt = { nonce: signed.nonceStr, timestamp: signed.timestamp };
    hooks.beforeSend?.(attempt);
    const sendOptions = { ...this.options.sendOptions, ...(hooks.onSlow ? { onSlow: hooks.onSlow } : {}) };
    const http = await send({ method: spec.method, url, headers: signed.headers, body: signed.body, idempotent: spec.idempotent }, sendOptions);
    const outcome = interpretOutcome(http, spec.schema);
    hooks.afterAttempt?.(attempt, outcome);
    return { outcome, token: token.accessToken };
  }

  private url(spec: CallSpec<unknown>): string {
    const query = spec.query ? `?${new URLSearchParams(spec.query).toString()}` : '';
    return `${this.options.apiUrl.replace(/\/+$/, '')}${spec.path}${query}`;
  }
}
