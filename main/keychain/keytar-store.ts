// The SecretStore over the OS keychain through @github/keytar (Secret Service on Linux, Keychain on macOS, Credential
// Manager on Windows). keytar is loaded on first use, so a missing libsecret becomes a status, not a crash at startup.
// There is deliberately no fallback: without a working keychain, secrets are refused, never written anywhere else.
import { randomBytes } from 'node:crypto';
import { withDeadline } from '../../app/common/deadline.ts';
import { adviceFor, isServiceLevel, keychainFailure } from './errors.ts';
import {
  isSecretName,
  keychainServiceName,
  SECRET_NAMES,
  SecretStoreError,
  type KeychainEnvironment,
  type SecretDelete,
  type SecretName,
  type SecretRead,
  type SecretReadOptions,
  type SecretStore,
  type SecretStoreStatus,
  type SecretWrite,
} from '../../app/secrets.ts';

/** The three keytar calls Kaunter uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export type KeytarLoader = () => Promise<KeytarApi>;

export const loadKeytar: KeytarLoader = async () => {
  const keytar = await import('@github/keytar');
  return keytar.default;
};

export interface KeychainOptions {
  environment: KeychainEnvironment;
  loader?: KeytarLoader;
  platform?: NodeJS.Platform;
  /** How long to wait for the keychain (an unlock prompt may be open): after that the call gives up. */
  timeoutMs?: number;
}

/** Windows Credential Manager refuses larger blobs (CRED_MAX_CREDENTIAL_BLOB_SIZE). */
export const WINDOWS_MAX_SECRET_BYTES = 2560;
const MAX_SECRET_CHARS = 64 * 1024;
const PROBE_ACCOUNT = 'kaunter-probe';
const DEFAULT_TIMEOUT_MS = 120_000;

const BACKENDS: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'Secret Service',
  darwin: 'macOS Keychain',
  win32: 'Windows Credential Manager',
};

class KeychainTimeout extends Error {}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: SecretStoreError };

class KeytarSecretStore implements SecretStore {
  readonly service: string;
  readonly #loader: KeytarLoader;
  readonly #platform: NodeJS.Platform;
  readonly #timeoutMs: number;
  #keytar: Promise<KeytarApi> | null = null;

  constructor(options: KeychainOptions) {
    this.service = keychainServiceName(options.environment);
    this.#loader = options.loader ?? loadKeytar;
    this.#platform = options.platform ?? process.platform;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async get(name: SecretName, options: SecretReadOptions = {}): Promise<SecretRead> {
    if (!isSecretName(name)) return { state: 'unavailable', error: invalidName(name) };
    const read = await this.#call((keytar) => keytar.getPassword(this.service, name), []);
    if (!read.ok) {
      if (isServiceLevel(read.error.code)) return { state: 'unavailable', error: read.error };
      return reprovision('entry-unreadable', name);
    }
    if (read.value !== null && read.value !== '') return { state: 'found', value: read.value };
    if (options.configured !== true) return { state: 'absent' };
    // A locked Secret Service answers "nothing here" rather than an error: probe before blaming the entry.
    const status = await this.status();
    if (status.state === 'unavailable') return { state: 'unavailable', error: status.error };
    return reprovision('entry-missing', name);
  }

  async set(name: SecretName, value: string): Promise<SecretWrite> {
    if (!isSecretName(name)) return { ok: false, error: invalidName(name) };
    const invalid = this.#checkValue(value);
    if (invalid !== null) return { ok: false, error: invalid };
    return this.#writeVerified(name, value);
  }

  async delete(name: SecretName): Promise<SecretDelete> {
    if (!isSecretName(name)) return { ok: false, error: invalidName(name) };
    const removed = await this.#call((keytar) => keytar.deletePassword(this.service, name), []);
    return removed.ok ? { ok: true, existed: removed.value } : removed;
  }

  async status(): Promise<SecretStoreStatus> {
    const probe = `probe-${randomBytes(8).toString('hex')}`;
    const written = await this.#writeVerified(PROBE_ACCOUNT, probe);
    await this.#call((keytar) => keytar.deletePassword(this.service, PROBE_ACCOUNT), []);
    if (!written.ok) return { state: 'unavailable', error: written.error };
    return { state: 'ready', backend: BACKENDS[this.#platform] ?? 'system keychain' };
  }

  async #writeVerified(account: string, value: string): Promise<SecretWrite> {
    const written = await this.#call((keytar) => keytar.setPassword(this.service, account, value), [value]);
    if (!written.ok) return written;
    const readBack = await this.#call((keytar) => keytar.getPassword(this.service, account), [value]);
    if (!readBack.ok) return readBack;
    if (readBack.value !== value) {
      const message = `The keychain accepted the secret but did not give it back when read. ${adviceFor('write-not-verified', this.#platform)}`;
      return { ok: false, error: new SecretStoreError('write-not-verified', message) };
    }
    return { ok: true };
  }

  #checkValue(value: unknown): SecretStoreError | null {
    if (typeof value !== 'string' || value.trim() === '') {
      return new SecretStoreError('invalid-secret', 'Nothing to store: the secret is empty. Paste or import it again.');
    }
    if (value.length > MAX_SECRET_CHARS) {
      return new SecretStoreError('invalid-secret', `This secret is ${value.length} characters long; Kaunter's secrets are far shorter. Check what was pasted.`);
    }
    if (this.#platform === 'win32' && Buffer.byteLength(value, 'utf8') > WINDOWS_MAX_SECRET_BYTES) {
      return new SecretStoreError('secret-too-large', adviceFor('secret-too-large', this.#platform));
    }
    return null;
  }

  async #call<T>(operation: (keytar: KeytarApi) => Promise<T>, secrets: readonly string[]): Promise<Attempt<T>> {
    const keytar = await this.#load();
    if (!keytar.ok) return keytar;
    try {
      return { ok: true, value: await withDeadline(operation(keytar.value), this.#timeoutMs, () => new KeychainTimeout()) };
    } catch (error) {
      if (error instanceof KeychainTimeout) return { ok: false, error: this.#timedOut() };
      return { ok: false, error: keychainFailure(error, this.#platform, secrets) };
    }
  }

  async #load(): Promise<Attempt<KeytarApi>> {
    this.#keytar ??= this.#loader();
    try {
      return { ok: true, value: await this.#keytar };
    } catch (error) {
      this.#keytar = null;
      const detail = error instanceof Error ? error.message.slice(0, 500) : null;
      return { ok: false, error: new SecretStoreError('keychain-module-missing', adviceFor('keychain-module-missing', this.#platform), detail) };
    }
  }

  #timedOut(): SecretStoreError {
    const seconds = Math.round(this.#timeoutMs / 1000);
    return new SecretStoreError(
      'timed-out',
      `The keychain did not answer within ${seconds} s. If an unlock window is open (perhaps behind Kaunter), answer it; otherwise restart the computer and try again.`,
    );
  }
}

function invalidName(name: unknown): SecretStoreError {
  return new SecretStoreError('invalid-name', `"${String(name)}" is not a secret Kaunter stores (${SECRET_NAMES.join(', ')}).`);
}

const REPROVISION_MESSAGES: Record<SecretName, string> = {
  privateKey: 'the private key that signs requests to Revenue Monster',
  clientSecret: 'the Revenue Monster client secret',
  refreshToken: 'the Revenue Monster sign-in (refresh token)',
  pinPepper: "the key mixed into the manager PIN's hash",
  hubCredential: "this terminal's head-office credential",
  trailMark: "the mark of how far this terminal's database had come",
};

function reprovision(reason: 'entry-missing' | 'entry-unreadable', name: SecretName): SecretRead {
  const what = REPROVISION_MESSAGES[name];
  const why =
    reason === 'entry-missing'
      ? 'is no longer in the keychain (the keyring was reset, or this is another OS user)'
      : 'is in the keychain but cannot be read';
  return {
    state: 'needs-reprovisioning',
    reason,
    message: `Kaunter was set up, but ${what} ${why}. Open Settings and enter the credentials again.`,
  };
}

export function createKeychain(options: KeychainOptions): SecretStore {
  return new KeytarSecretStore(options);
}
