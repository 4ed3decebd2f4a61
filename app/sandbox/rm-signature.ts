// Revenue Monster's request signature as RM's server checks it, written from RM's signature document
// (docs/revenue-monster.md, Signatures) and its Go code, and on purpose sharing nothing with the client in app/rm (a
// lint rule keeps it so): a signing bug in the client must meet a verifier that does not have the same bug. The steps
// follow RM's Go server:
//   1. the body is decoded and encoded again as Go's encoding/json encodes a map: keys in byte order at every depth,
//      compact, `<` `>` `&` U+2028 U+2029 escaped as \u003c \u003e \u0026 \u2028 \u2029;
//   2. that text, base64 (standard alphabet, padded), is the `data` field; an empty body (`{}`) has no `data` field;
//   3. the fields are written `key=value` and sorted, joined with `&`;
//   4. X-Signature is split on " " into exactly two parts, `sha256` and the standard base64 of an RSASSA-PKCS1-v1_5
//      SHA-256 signature, checked with the app's uploaded public key.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export const SIGN_TYPE = 'sha256';

/** A body RM's form cannot carry faithfully, with the field it is in (e.g. `order.amount`). */
export class BodyFormError extends Error {
  readonly field: string;
  readonly problem: string;
  constructor(
    field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.field = field;
    this.problem = problem;
    this.name = 'BodyFormError';
  }
}

// Go writes these five as \u escapes when it encodes JSON for HTML safety.
const HTML_UNSAFE = new Map([
  [0x3c, '\\u003c'],
  [0x3e, '\\u003e'],
  [0x26, '\\u0026'],
  [0x2028, '\\u2028'],
  [0x2029, '\\u2029'],
]);

/** The body as RM's Go server re-encodes it (step 1). */
export function goJson(value: unknown, field = 'body'): string {
  if (typeof value === 'string') return goString(value, field);
  if (typeof value === 'number') return goNumber(value, field);
  if (typeof value === 'boolean') return String(value);
  if (value === null) throw new BodyFormError(field, 'null is not allowed; leave the field out instead');
  if (Array.isArray(value)) return `[${value.map((item, index) => goJson(item, `${field}[${index}]`)).join(',')}]`;
  if (typeof value === 'object') return goObject(value as Record<string, unknown>, field);
  throw new BodyFormError(field, `a ${typeof value} is not JSON`);
}

function goObject(object: Record<string, unknown>, field: string): string {
  const entries = Object.keys(object).map((key) => ({ key, bytes: Buffer.from(key, 'utf8') }));
  entries.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  const members = entries.map(({ key }) => {
    const inner = field === 'body' ? key : `${field}.${key}`;
    return `${goString(key, inner)}:${goJson(object[key], inner)}`;
  });
  return `{${members.join(',')}}`;
}

function goNumber(value: number, field: string): string {
  // RM's amounts and points are whole numbers; a fraction or a number beyond 2^53 would not survive Go's float64 and
  // JavaScript's number the same way, so the sandbox refuses it rather than fail the signature with no hint.
  if (!Number.isSafeInteger(value)) throw new BodyFormError(field, `${value} is not a whole number within the safe integer range`);
  return value.toString(10);
}

function goString(text: string, field: string): string {
  let out = '"';
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0x20) throw new BodyFormError(field, 'contains a control character (tab, newline or similar); remove it');
    if (unit >= 0xd800 && unit <= 0xdfff) {
      const next = text.charCodeAt(index + 1);
      const paired = unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
      if (!paired) throw new BodyFormError(field, 'contains a broken character (a lone UTF-16 surrogate)');
      out += text.slice(index, index + 2);
      index += 1;
      continue;
    }
    if (unit === 0x22 || unit === 0x5c) out += `\\${text.charAt(index)}`;
    else out += HTML_UNSAFE.get(unit) ?? text.charAt(index);
  }
  return `${out}"`;
}

export interface SignedFields {
  method: string;
  /** scheme, host, path and query exactly as the request addressed the server. */
  requestUrl: string;
  nonceStr: string;
  timestamp: string;
  /** The re-encoded body (step 1). */
  bodyJson: string;
}

/** Steps 2 and 3: the text RM signs. */
export function signedText(fields: SignedFields): string {
  const data = fields.bodyJson === '{}' ? '' : Buffer.from(fields.bodyJson, 'utf8').toString('base64');
  const pairs: Record<string, string> = {
    data,
    method: fields.method.toLowerCase(),
    nonceStr: fields.nonceStr,
    requestUrl: fields.requestUrl,
    signType: SIGN_TYPE,
    timestamp: fields.timestamp,
  };
  return Object.entries(pairs)
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('&');
}

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The signature bytes from an X-Signature header, or null when RM's Go server would refuse the header itself: it must
 * split on " " into exactly `sha256` and standard, padded base64 (so no second space, no trailing text, no missing =).
 */
export function signatureBytes(header: string): Buffer | null {
  const parts = header.split(' ');
  if (parts.length !== 2 || parts[0] !== SIGN_TYPE) return null;
  const encoded = parts[1] ?? '';
  return encoded !== '' && STANDARD_BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : null;
}

/** Step 4. */
export function signatureValid(text: string, header: string, publicKey: KeyObject): boolean {
  const signature = signatureBytes(header);
  if (signature === null) return false;
  try {
    return verify('RSA-SHA256', Buffer.from(text, 'utf8'), publicKey, signature);
  } catch {
    // OpenSSL refuses some malformed signatures (a wrong length) by throwing: still just a signature that does not match.
    return false;
  }
}

/** The public key a merchant uploads to RM's portal: a PEM `PUBLIC KEY` (PKIX) block holding an RSA key. */
export function readUploadedPublicKey(pem: string): KeyObject {
  const block = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/.exec(pem)?.[0];
  let key: KeyObject | null = null;
  try {
    key = block === undefined ? null : createPublicKey({ key: block, format: 'pem', type: 'spki' });
  } catch {
    key = null;
  }
  if (key === null) throw new Error('This is not a readable public key (PEM, "-----BEGIN PUBLIC KEY-----").');
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`Revenue Monster takes RSA public keys; this one is ${key.asymmetricKeyType ?? 'unknown'}.`);
  return key;
}
