// OAuth tokens as RM's OAuth server hands them out: a bearer access token and a refresh token, both opaque here.
// Refreshing issues a new pair and retires the refresh token that was used, so a client must keep the newest one.
import { RmRefusal } from './errors.ts';
import { newToken } from './ids.ts';

export interface TokenGrant {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresIn: number;
}

export interface TokenLifetimes {
  accessSeconds: number;
  refreshSeconds: number;
}

interface Issued {
  clientId: string;
  expiresAtMs: number;
}

// Expired tokens are kept this long so a late caller hears TOKEN_EXPIRED rather than TOKEN_INVALID.
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;
const BEARER = /^Bearer\s+(\S+)$/i;

export class TokenStore {
  private readonly accessTokens = new Map<string, Issued>();
  private readonly refreshTokens = new Map<string, Issued>();

  private readonly lifetimes: TokenLifetimes;
  constructor(lifetimes: TokenLifetimes) {
    this.lifetimes = lifetimes;
  }

  issue(clientId: string, nowMs: number): TokenGrant {
    this.forgetLongExpired(nowMs);
    const grant: TokenGrant = {
      accessToken: newToken(),
      tokenType: 'Bearer',
      expiresIn: this.lifetimes.accessSeconds,
      refreshToken: newToken(),
      refreshTokenExpiresIn: this.lifetimes.refreshSeconds,
    };
    this.accessTokens.set(grant.accessToken, { clientId, expiresAtMs: nowMs + grant.expiresIn * 1000 });
    this.refreshTokens.set(grant.refreshToken, { clientId, expiresAtMs: nowMs + grant.refreshTokenExpiresIn * 1000 });
    return grant;
  }

  rotate(clientId: string, refreshToken: string, nowMs: number): TokenGrant {
    const issued = this.refreshTokens.get(refreshToken);
    if (!issued || issued.clientId !== clientId) {
      throw invalidGrant('This refresh token is unknown, was already used, or belongs to another client.');
    }
    this.refreshTokens.delete(refreshToken);
    if (nowMs >= issued.expiresAtMs) {
      throw invalidGrant('This refresh token has expired; ask for a new token with grantType client_credentials.');
    }
    return this.issue(clientId, nowMs);
  }

  /** The client id behind an `Authorization: Bearer ...` header. */
  authenticate(authorization: string | undefined, nowMs: number): string {
    const token = BEARER.exec(authorization ?? '')?.[1];
    if (!token) throw new RmRefusal(401, 'TOKEN_INVALID', 'Send "Authorization: Bearer <accessToken>".');
    const issued = this.accessTokens.get(token);
    if (!issued) throw new RmRefusal(401, 'TOKEN_INVALID', 'This access token is not one the sandbox issued.');
    if (nowMs >= issued.expiresAtMs) {
      throw new RmRefusal(401, 'TOKEN_EXPIRED', 'This access token has expired; refresh it and sign the request again.');
    }
    return issued.clientId;
  }

  private forgetLongExpired(nowMs: number): void {
    for (const store of [this.accessTokens, this.refreshTokens]) {
      for (const [token, issued] of store) {
        if (nowMs - issued.expiresAtMs > KEEP_EXPIRED_MS) store.delete(token);
      }
    }
  }
}

function invalidGrant(message: string): RmRefusal {
  return new RmRefusal(400, 'INVALID_GRANT', message);
}
