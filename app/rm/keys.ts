// The merchant's RSA key pair: loading what a merchant pastes or imports, and making a new pair to upload to RM.
import { createHash, createPrivateKey, createPublicKey, generateKeyPair as generateRsaKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { say, type MessageParams } from '../messages.ts';

export class KeyFormatError extends Error {
  readonly key: string;
  readonly params: MessageParams;
  constructor(
    key: string,
    params: MessageParams = {},
  ) {
    super(say(key, params));
    this.key = key;
    this.params = params;
    this.name = 'KeyFormatError';
  }
}

const MIN_MODULUS_BITS = 2048;

/** Accepts PKCS#1 (`BEGIN RSA PRIVATE KEY`, what RM's docs use) and PKCS#8 (`BEGIN PRIVATE KEY`) PEM. */
export function loadPrivateKey(pem: string): KeyObject {
  if (/ENCRYPTED/.test(pem)) {
    throw new KeyFormatError('key.passphrase');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new KeyFormatError('key.unreadablePrivate');
  }
  assertRsa(key);
  return key;
}

export function loadPublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new KeyFormatError('key.unreadablePublic');
  }
  assertRsa(key);
  return key;
}

function assertRsa(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'rsa') {
    throw new KeyFormatError('key.notRsa', { type: key.asymmetricKeyType ?? 'unknown' });
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_BITS) {
    throw new KeyFormatError('key.tooShort', { bits, min: MIN_MODULUS_BITS });
  }
}

/** SPKI PEM (`BEGIN PUBLIC KEY`), the form RM's Merchant Portal takes. */
export function publicKeyPem(key: KeyObject): string {
  return publicPart(key).export({ type: 'spki', format: 'pem' }).toString();
}

/** SHA-256 of the DER public key as colon-separated hex, so a person can compare it with what the portal shows. */
export function publicKeyFingerprint(key: KeyObject): string {
  const der = publicPart(key).export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  return hex.match(/../g)?.join(':') ?? hex;
}

function publicPart(key: KeyObject): KeyObject {
  return key.type === 'public' ? key : createPublicKey(key);
}

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * RSA-2048, private key as PKCS#1 (RM's documented form), public key as SPKI. Asynchronous: finding two 1024-bit primes
 * takes 50-500 ms, which the thread serving the counter must not wait through.
 */
export async function generateKeyPair(): Promise<KeyPairPem> {
  const { privateKey, publicKey } = await promisify(generateRsaKeyPair)('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}
