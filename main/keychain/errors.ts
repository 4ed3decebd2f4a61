// Turns what keytar (libsecret, macOS Keychain, Windows Credential Manager) throws into a SecretStoreError that says
// what is wrong and how to fix it. The OS's own words are kept as `detail`, with every secret value cut out first.
import { say } from '../../app/messages.ts';
import { SecretStoreError, type SecretStoreErrorCode } from '../../app/secrets.ts';

const NO_PLAIN_FILE = 'Kaunter never keeps these secrets in a plain file instead.';

/** Each pattern is a message seen from keytar 7.10 on that platform; the first match wins. */
const PATTERNS: readonly (readonly [SecretStoreErrorCode, RegExp])[] = [
  ['no-session-bus', /autolaunch D-Bus|dbus-launch|Could not connect|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket/i],
  ['no-secret-service', /org\.freedesktop\.secrets|ServiceUnknown|not provided by any \.service files/i],
  ['no-default-keyring', /Object does not exist at path|\/collection\/login|no such secret collection/i],
  ['keyring-locked', /locked collection|is locked|cannot unlock|dismissed|User interaction is not allowed/i],
  ['access-denied', /user cancel+ed|access (is )?denied|not authori[sz]ed|passphrase you entered is not correct/i],
  ['secret-too-large', /stub received bad data|RPC_X_BAD_STUB_DATA/i],
];

/** Codes meaning the keychain as a whole is unusable now (as opposed to one entry being bad). */
const SERVICE_LEVEL_CODES: ReadonlySet<SecretStoreErrorCode> = new Set<SecretStoreErrorCode>([
  'no-session-bus',
  'no-secret-service',
  'no-default-keyring',
  'keyring-locked',
  'access-denied',
  'keychain-module-missing',
  'timed-out',
]);

export function isServiceLevel(code: SecretStoreErrorCode): boolean {
  return SERVICE_LEVEL_CODES.has(code);
}

const LINUX_ADVICE: Partial<Record<SecretStoreErrorCode, string>> = {
  'no-session-bus': `Kaunter cannot reach a keyring: there is no D-Bus session (Kaunter was started outside a desktop session). Log in to a desktop session (GNOME, KDE, Xfce...) and start Kaunter from there. ${NO_PLAIN_FILE}`,
  'no-secret-service': `No keyring service is running (nothing provides org.freedesktop.secrets). Install and start GNOME Keyring (sudo apt install gnome-keyring) or KWallet with its Secret Service enabled, log out and back in, then try again. ${NO_PLAIN_FILE}`,
  'no-default-keyring': `The keyring has no default ("login") keyring to store secrets in. Open "Passwords and Keys" (Seahorse), create a keyring named "login" and make it the default, then try again. ${NO_PLAIN_FILE}`,
  'keyring-locked': `The keyring is locked and Kaunter could not ask you to unlock it. Unlock the "login" keyring (open "Passwords and Keys", or log out and log in with your password), then try again. ${NO_PLAIN_FILE}`,
  'keychain-module-missing': 'The keyring library could not be loaded. Install libsecret and a keyring (sudo apt install libsecret-1-0 gnome-keyring), then restart Kaunter.',
};

export function adviceFor(code: SecretStoreErrorCode, platform: NodeJS.Platform): string {
  return (platform === 'linux' ? LINUX_ADVICE[code] : undefined) ?? say(`keychain.${code}`);
}

function escapedForms(secret: string): string[] {
  const lines = secret.split(/\r?\n/).map((line) => line.trim());
  return [secret, JSON.stringify(secret).slice(1, -1), ...lines].filter((form) => form.length >= 6);
}

/** Removes every secret (whole, JSON-escaped, and line by line for PEM keys) from a text meant for people. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = secrets.flatMap(escapedForms).sort((a, b) => b.length - a.length);
  return forms.reduce((redacted, form) => redacted.split(form).join('[redacted]'), text);
}

function rawMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

export function classifyMessage(message: string): SecretStoreErrorCode {
  return PATTERNS.find(([, pattern]) => pattern.test(message))?.[0] ?? 'keychain-failed';
}

/** A keytar failure as a SecretStoreError; `secrets` are the values in play, cut out of the kept detail. */
export function keychainFailure(error: unknown, platform: NodeJS.Platform, secrets: readonly string[]): SecretStoreError {
  const detail = redactSecrets(rawMessage(error), secrets).slice(0, 500);
  const code = classifyMessage(detail);
  const advice = adviceFor(code, platform);
  const message = code === 'keychain-failed' ? `${advice} (The keychain said: ${detail})` : advice;
  return new SecretStoreError(code, message, detail);
}
