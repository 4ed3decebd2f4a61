// Keychain outcomes as they cross from the host (which holds the keychain) to the core's process: plain data out,
// parsed and turned back into the SecretStore's own values on arrival. A SecretStoreError travels as its code, its
// message and its (already redacted) detail; the secret values themselves only ever travel in a `found` read.
import { z } from 'zod';
import {
  SECRET_STORE_ERROR_CODES,
  SecretStoreError,
  type SecretDelete,
  type SecretRead,
  type SecretStoreStatus,
  type SecretWrite,
} from '../secrets.ts';

const errorWire = z.object({ code: z.enum(SECRET_STORE_ERROR_CODES), message: z.string(), detail: z.string().nullable() });
type ErrorWire = z.infer<typeof errorWire>;

const readWire = z.discriminatedUnion('state', [
  z.object({ state: z.literal('found'), value: z.string() }),
  z.object({ state: z.literal('absent') }),
  z.object({ state: z.literal('needs-reprovisioning'), reason: z.enum(['entry-missing', 'entry-unreadable']), message: z.string() }),
  z.object({ state: z.literal('unavailable'), error: errorWire }),
]);
const writeWire = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: errorWire })]);
const deleteWire = z.union([z.object({ ok: z.literal(true), existed: z.boolean() }), z.object({ ok: z.literal(false), error: errorWire })]);
const statusWire = z.union([z.object({ state: z.literal('ready'), backend: z.string() }), z.object({ state: z.literal('unavailable'), error: errorWire })]);

function errorToWire(error: SecretStoreError): ErrorWire {
  return { code: error.code, message: error.message, detail: error.detail };
}

function errorFromWire(error: ErrorWire): SecretStoreError {
  return new SecretStoreError(error.code, error.message, error.detail);
}

/** On the host: any keychain outcome, as plain data. */
export function secretOutcomeToWire(outcome: SecretRead | SecretWrite | SecretDelete | SecretStoreStatus): unknown {
  return 'error' in outcome ? { ...outcome, error: errorToWire(outcome.error) } : outcome;
}

/** A keychain that the host could not even ask: the core sees it as unavailable, with the reason. */
export function unreachableKeychain(message: string): SecretStoreError {
  return new SecretStoreError('keychain-failed', `The keychain could not be reached: ${message}`);
}

export function secretReadFromWire(value: unknown): SecretRead {
  const read = readWire.parse(value);
  return read.state === 'unavailable' ? { state: 'unavailable', error: errorFromWire(read.error) } : read;
}

export function secretWriteFromWire(value: unknown): SecretWrite {
  const write = writeWire.parse(value);
  return write.ok ? write : { ok: false, error: errorFromWire(write.error) };
}

export function secretDeleteFromWire(value: unknown): SecretDelete {
  const deleted = deleteWire.parse(value);
  return deleted.ok ? deleted : { ok: false, error: errorFromWire(deleted.error) };
}

export function secretStatusFromWire(value: unknown): SecretStoreStatus {
  const status = statusWire.parse(value);
  return status.state === 'ready' ? status : { state: 'unavailable', error: errorFromWire(status.error) };
}
