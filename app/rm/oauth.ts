// OAuth client credentials for RM (docs/revenue-monster.md, OAuth). One token serves every request; many callers
// needing a token at once share one fetch; the token is renewed a margin before `expiresIn` so a request is not sent
// with a token about to die.
import { z } from 'zod';
import type { RmError } from './errors.ts';
import { interpretOutcome } from './outcome.ts';
import { send, type SendOptions } from './transport.ts';

export interface TokenManagerOptions {
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  /** A refresh token saved from an earlier run (keychain), if any. */
  refreshToken?: string | null;
  /** Called with every new refresh token so the host can keep the newest one (in the keychain, never on disk). */
  onRefreshToken?: (refreshToken: string) => void;
  now?: () => number;
  sendOptions?: SendOptions;
}

export type TokenResult = { ok: true; accessToken: string } | { ok: false; error: RmError };

const tokenResponse = z.object({
  accessToken: z.string().min(1),
  expiresIn: z.number().positive(),
  refreshToken: z.string().min(1).optional(),
  refreshTokenExpiresIn: z.number().positive().optional(),
});
type TokenResponse = z.infer<typeof tokenResponse>;

const MAX_MARGIN_SECONDS = 300;

interface HeldToken {
  accessToken: string;
  renewAtMs: number;
}

interface HeldRefreshToken {
  value: string;
  expiresAtMs: number;
}

export class TokenManager {
  private token: HeldToken | null = null;
  private refresh: HeldRefreshToken | null;
  private inFlight: Promise<TokenResult> | null = null;
  private readonly now: () => number;

  private readonly options: TokenManagerOptions;
  constructor(options: TokenManagerOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.refresh = options.refreshToken ? { value: options.refreshToken, expiresAtMs: Number.POSITIVE_INFINITY } : null;
  }

  accessToken(): Promise<TokenResult> {
    if (this.token && this.now() < this.token.renewAtMs) {
      return Promise.resolve({ ok: true, accessToken: this.token.accessToken });
    }
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** RM refused this token (401 / TOKEN_*): forget it so the next caller fetches a new one. */
  invalidate(accessToken: string): void {
    if (this.token?.accessToken === accessToken) this.token = null;
  }

  private async fetchToken(): Promise<TokenResult> {
    if (this.refresh && this.now() < this.refresh.expiresAtMs) {
      const refreshed = await this.requestToken({ grantType: 'refresh_token', refreshToken: this.refresh.value });
      if (refreshed.ok || !isGrantError(refreshed.error)) return refreshed;
      this.refresh = null;
    }
    return this.requestToken({ grantType: 'client_credentials' });
  }

  private async requestToken(body: Record<string, string>): Promise<TokenResult> {
    const startedMs = this.now();
    const basic = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`, 'utf8').toString('base64');
    const outcome = await send(
      {
        method: 'POST',
        url: `${this.options.oauthUrl.replace(/\/+$/, '')}/v1/token`,
        headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        idempotent: true,
      },
      this.options.sendOptions,
    );
    const result = interpretOutcome(outcome, tokenResponse, 'oauth');
    if (result.kind !== 'success') {
      // A token request never awards anything: whatever happened, no award was applied with it.
      return { ok: false, error: { ...result.error, kind: 'notApplied' } };
    }
    this.hold(result.value, startedMs);
    return { ok: true, accessToken: result.value.accessToken };
  }

  private hold(response: TokenResponse, startedMs: number): void {
    // Counting from when the request started keeps a slow answer from stretching the token's life.
    const lifetimeMs = response.expiresIn * 1000;
    const marginMs = Math.min(MAX_MARGIN_SECONDS * 1000, lifetimeMs / 10);
    this.token = { accessToken: response.accessToken, renewAtMs: startedMs + lifetimeMs - marginMs };
    if (response.refreshToken) {
      const refreshLifetimeMs = (response.refreshTokenExpiresIn ?? Number.POSITIVE_INFINITY) * 1000;
      this.refresh = { value: response.refreshToken, expiresAtMs: startedMs + refreshLifetimeMs - marginMs };
      this.options.onRefreshToken?.(response.refreshToken);
    }
  }
}

function isGrantError(error: RmError): boolean {
  return error.code === 'INVALID_GRANT' || error.code === 'GRANT_TYPE_INVALID' || error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_INVALID';
}
