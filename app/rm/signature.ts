// Revenue Monster request signatures (docs/revenue-monster.md, Signatures): RSASSA-PKCS1-v1_5 with SHA-256 over a fixed
// "string to sign".
import { randomBytes, sign, type KeyObject } from 'node:crypto';
import { canonicalBody } from './canonical.ts';

export const SIGN_TYPE = 'sha256';
const SIGNATURE_PREFIX = `${SIGN_TYPE} `;
const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const NONCE_LENGTH = 32;

export interface StringToSignParts {
  method: string;
  /** The full URL exactly as called: scheme, host, path and query, not re-encoded. */
  url: string;
  nonceStr: string;
  /** Unix time in seconds, as a decimal string. */
  timestamp: string;
  /** The canonical body, or null when the request carries none. */
  canonicalJson: string | null;
}

export function stringToSign(parts: StringToSignParts): string {
  const fields = [
    `method=${parts.method.toLowerCase()}`,
    `nonceStr=${parts.nonceStr}`,
    `requestUrl=${parts.url}`,
    `signType=${SIGN_TYPE}`,
    `timestamp=${parts.timestamp}`,
  ];
  if (parts.canonicalJson !== null) {
    fields.unshift(`data=${Buffer.from(parts.canonicalJson, 'utf8').toString('base64')}`);
  }
  return fields.join('&');
}

/** The X-Signature header value: `sha256 <base64>`. */
export function signPlainText(plainText: string, privateKey: KeyObject): string {
  return SIGNATURE_PREFIX + sign('sha256', Buffer.from(plainText, 'utf8'), privateKey).toString('base64');
}

// Random bytes are drawn from the OS in blocks: one call per nonce cost more than the rest of a nonce together.
const RANDOM_BLOCK = 4096;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

function randomByte(): number {
  if (randomOffset >= randomPool.length) {
    randomPool = randomBytes(RANDOM_BLOCK);
    randomOffset = 0;
  }
  return randomPool[randomOffset++] as number;
}

/** 32 characters of [A-Za-z0-9], unbiased (rejection sampling), as RM's SDKs send. */
export function newNonce(): string {
  const limit = 256 - (256 % NONCE_ALPHABET.length);
  let nonce = '';
  while (nonce.length < NONCE_LENGTH) {
    const byte = randomByte();
    if (byte < limit) nonce += NONCE_ALPHABET[byte % NONCE_ALPHABET.length];
  }
  return nonce;
}

export function unixSeconds(nowMs: number): string {
  return String(Math.floor(nowMs / 1000));
}

export interface SignedRequest {
  /** Exactly the bytes that were signed; send these and nothing else as the body. */
  body: string | null;
  plainText: string;
  nonceStr: string;
  timestamp: string;
  headers: Record<string, string>;
}

export interface SignRequestInput {
  method: string;
  url: string;
  body?: unknown;
  privateKey: KeyObject;
  accessToken: string;
  nowMs: number;
  /** Only for reproducing a published vector; every real attempt gets a fresh nonce. */
  nonceStr?: string;
}

export function signRequest(input: SignRequestInput): SignedRequest {
  const body = canonicalBody(input.body);
  const nonceStr = input.nonceStr ?? newNonce();
  const timestamp = unixSeconds(input.nowMs);
  const plainText = stringToSign({ method: input.method, url: input.url, nonceStr, timestamp, canonicalJson: body });
  return {
    body,
    plainText,
    nonceStr,
    timestamp,
    headers: {
      Authorization: `Bearer ${input.accessToken}`,
      'Content-Type': 'application/json',
      'X-Nonce-Str': nonceStr,
      'X-Timestamp': timestamp,
      'X-Signature': signPlainText(plainText, input.privateKey),
    },
  };
}
