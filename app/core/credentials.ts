// Setting up the merchant's RM credentials. Secrets go into the keychain and never come back out: what the UI can learn
// is whether each is set, the client id, and the public half of the key (to paste into RM's Merchant Portal).
import type { KeyObject } from 'node:crypto';
import { generateKeyPair, KeyFormatError, loadPrivateKey, publicKeyFingerprint, publicKeyPem } from '../rm/keys.ts';
import type { SecretName, SecretStore } from '../secrets.ts';
import type { SettingsStore } from '../settings.ts';
import { Refusal } from './failure.ts';

export interface CredentialsInput {
  clientId?: string;
  clientSecret?: string;
  privateKeyPem?: string;
}

type RealEnvironment = 'sandbox' | 'production';

export async function saveCredentials(environment: RealEnvironment, input: CredentialsInput, store: SecretStore, settings: SettingsStore): Promise<void> {
  let key: { fingerprint: string; publicKeyPem: string } | null = null;
  if (input.privateKeyPem !== undefined) {
    let loaded: KeyObject;
    try {
      loaded = loadPrivateKey(input.privateKeyPem);
    } catch (error) {
      if (error instanceof KeyFormatError) throw Refusal.say('INVALID_INPUT', error.key, error.params, { field: 'privateKeyPem' });
      throw error;
    }
    key = { fingerprint: publicKeyFingerprint(loaded), publicKeyPem: publicKeyPem(loaded) };
    // The key alone, as RM documents it: what the file held around it (a .pfx export's certificate and attributes)
    // is not secret, and it pushed a 2048-bit key past the 2,560 bytes Windows' Credential Manager can hold.
    await storeSecret(store, 'privateKey', loaded.export({ type: 'pkcs1', format: 'pem' }) as string);
  }
  if (input.clientSecret !== undefined) await storeSecret(store, 'clientSecret', input.clientSecret);
  // A new client or key makes the saved refresh token meaningless.
  if (input.clientId !== undefined || key) await store.delete('refreshToken');
  settings.update((s) => {
    const app = s.rm[environment];
    if (input.clientId !== undefined) app.clientId = input.clientId;
    if (input.clientSecret !== undefined) app.secretSet = true;
    if (key) {
      app.keyFingerprint = key.fingerprint;
      app.publicKeyPem = key.publicKeyPem;
    }
    return s;
  });
}

/** A new RSA-2048 pair: the private half straight into the keychain, the public half returned for the portal. */
export async function generateAndSaveKey(environment: RealEnvironment, store: SecretStore, settings: SettingsStore): Promise<void> {
  const pair = await generateKeyPair();
  await saveCredentials(environment, { privateKeyPem: pair.privateKeyPem }, store, settings);
}

export async function deleteCredentials(environment: RealEnvironment, store: SecretStore, settings: SettingsStore): Promise<void> {
  for (const name of ['privateKey', 'clientSecret', 'refreshToken'] as const) {
    const result = await store.delete(name);
    if (!result.ok) throw Refusal.keychain(result.error);
  }
  settings.update((s) => {
    s.rm[environment] = { clientId: null, keyFingerprint: null, publicKeyPem: null, secretSet: false };
    return s;
  });
}

async function storeSecret(store: SecretStore, name: SecretName, value: string): Promise<void> {
  const result = await store.set(name, value);
  if (!result.ok) throw Refusal.keychain(result.error);
}
