// Everything needed to talk to RM as one merchant application, assembled in one place for every host of the core.
import { RmClient } from './client.ts';
import { loadPrivateKey } from './keys.ts';
import { LoyaltyApi } from './loyalty.ts';
import { TokenManager } from './oauth.ts';
import type { SendOptions } from './transport.ts';
import type { RmHosts } from './hosts.ts';

export interface RmCredentials {
  clientId: string;
  clientSecret: string;
  privateKeyPem: string;
  refreshToken?: string | null;
}

export interface RmConnectionOptions {
  hosts: RmHosts;
  credentials: RmCredentials;
  onRefreshToken?: (refreshToken: string) => void;
  sendOptions?: SendOptions;
  now?: () => number;
}

export interface RmConnection {
  loyalty: LoyaltyApi;
  tokens: TokenManager;
}

export function connectToRm(options: RmConnectionOptions): RmConnection {
  const now = options.now ?? Date.now;
  const tokens = new TokenManager({
    oauthUrl: options.hosts.oauthUrl,
    clientId: options.credentials.clientId,
    clientSecret: options.credentials.clientSecret,
    refreshToken: options.credentials.refreshToken ?? null,
    now,
    ...(options.onRefreshToken ? { onRefreshToken: options.onRefreshToken } : {}),
    ...(options.sendOptions ? { sendOptions: options.sendOptions } : {}),
  });
  const client = new RmClient({
    apiUrl: options.hosts.apiUrl,
    tokens,
    privateKey: loadPrivateKey(options.credentials.privateKeyPem),
    now,
    ...(options.sendOptions ? { sendOptions: options.sendOptions } : {}),
  });
  return { loyalty: new LoyaltyApi(client), tokens };
}
