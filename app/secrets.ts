// Where Kaunter keeps the merchant's private key, client secret and refresh token, and the head-office hub's terminal
// credential once joined: the operating system's keychain, one service per environment, one account per secret. The
// store never throws and never puts a secret value in an error: every outcome is a value the caller can show (see
// SecretStoreError.message) or act on.

// Besides an environment's RM secrets (and its head-office credential), the "terminal" service holds what belongs to
// the terminal whatever the environment: the pepper mixed into the manager PIN's hash, so a copied settings.json
// cannot be tried offline.
// An environment's service also holds one entry that is not secret: the trail mark (app/core/trail-mark.ts), kept in the
// keychain because it must live outside the data folder that a backup copies.
export const SECRET_NAMES = Object.freeze(['privateKey', 'clientSecret', 'refreshToken', 'hubCredential', 'pinPepper', 'trailMark'] as const);
export type SecretName = (typeof SECRET_NAMES)[number];

/**
 * Whether a log must never show the entry's value. The trail mark is rewritten as awards are sent: remembering each
 * value would grow the redactor's list without end, and there is nothing in it to hide.
 */
export function holdsSecret(name: SecretName): boolean {
  return name !== 'trailMark';
}

export const KEYCHAIN_ENVIRONMENTS = Object.freeze(['training', 'sandbox', 'production', 'terminal'] as const);
export type KeychainEnvironment = (typeof KEYCHAIN_ENVIRONMENTS)[number];
/** The keychain services the core reaches through CorePorts.secrets: training never touches the keychain. */
export type KeychainScope = Exclude<KeychainEnvironment, 'training'>;

export function isSecretName(name: unknown): name is SecretName {
  return typeof name === 'string' && (SECRET_NAMES as readonly string[]).includes(name);
}

/** The keychain "service" of an environment, e.g. "Kaunter (production)" or "Kaunter (terminal)"; the "account" is the secret's name. */
export function keychainServiceName(environment: KeychainEnvironment): string {
  return `Kaunter (${environment})`;
}

export const SECRET_STORE_ERROR_CODES = Object.freeze([
  'no-session-bus',
  'no-secret-service',
  'keyring-locked',
  'no-default-keyring',
  'access-denied',
  'keychain-module-missing',
  'timed-out',
  'write-not-verified',
  'secret-too-large',
  'invalid-secret',
  'invalid-name',
  'keychain-failed',
] as const);
export type SecretStoreErrorCode = (typeof SECRET_STORE_ERROR_CODES)[number];

/** A keychain problem. `message` says what is wrong and what to do; `detail` is the OS's own words, secrets removed. */
export class SecretStoreError extends Error {
  readonly code: SecretStoreErrorCode;
  readonly detail: string | null;

  constructor(code: SecretStoreErrorCode, message: string, detail: string | null = null) {
    super(message);
    this.name = 'SecretStoreError';
    this.code = code;
    this.detail = detail;
  }
}

export type ReprovisionReason = 'entry-missing' | 'entry-unreadable';

export type SecretRead =
  | { readonly state: 'found'; readonly value: string }
  /** Nothing stored, and the caller did not expect anything (a terminal not set up yet). */
  | { readonly state: 'absent' }
  /** The keychain works but this secret is gone or unreadable (keyring reset, new OS user): set it up again. */
  | { readonly state: 'needs-reprovisioning'; readonly reason: ReprovisionReason; readonly message: string }
  /** The keychain itself cannot be used now (no Secret Service, locked, ...): fix that, do not re-provision. */
  | { readonly state: 'unavailable'; readonly error: SecretStoreError };

export type SecretWrite = { readonly ok: true } | { readonly ok: false; readonly error: SecretStoreError };

export type SecretDelete =
  | { readonly ok: true; readonly existed: boolean }
  | { readonly ok: false; readonly error: SecretStoreError };

export type SecretStoreStatus =
  | { readonly state: 'ready'; readonly backend: string }
  | { readonly state: 'unavailable'; readonly error: SecretStoreError };

export interface SecretReadOptions {
  /** Settings say this secret was provisioned: a missing entry then means "needs re-provisioning", not "absent". */
  readonly configured?: boolean;
}

export interface SecretStore {
  /** e.g. "Kaunter (production)". */
  readonly service: string;
  get(name: SecretName, options?: SecretReadOptions): Promise<SecretRead>;
  set(name: SecretName, value: string): Promise<SecretWrite>;
  delete(name: SecretName): Promise<SecretDelete>;
  /** Whether a secret could be stored right now (a harmless probe entry is written, read back and removed). */
  status(): Promise<SecretStoreStatus>;
}
