// Canonical JSON as Revenue Monster's Go server produces it: keys sorted at every depth, compact, with Go's HTML-safe
// escapes. Anything the form cannot carry faithfully is refused with the path of the offending field, because a body
// that a Go server would re-encode differently fails signature checks with no hint of why.
import { hasControlCharacter } from '../common/text.ts';

export class CanonicalFormError extends Error {
  readonly path: string;
  readonly reason: string;
  constructor(
    path: string,
    reason: string,
  ) {
    super(`${path || 'body'}: ${reason}`);
    this.path = path;
    this.reason = reason;
    this.name = 'CanonicalFormError';
  }
}

// Go's encoding/json escapes these five for HTML safety; JSON.stringify leaves them raw.
const GO_HTML_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
const GO_HTML_ESCAPE_PATTERN = /[<>&\u2028\u2029]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The canonical body for a request, or null when nothing is sent (no body, or an empty object). */
export function canonicalBody(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  const json = canonicalJson(body);
  return json === '{}' ? null : json;
}

export function canonicalJson(value: unknown): string {
  return encode(value, '');
}

function encode(value: unknown, path: string): string {
  if (typeof value === 'string') return encodeString(value, path);
  if (typeof value === 'number') return encodeNumber(value, path);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) throw new CanonicalFormError(path, 'null is not allowed; leave the field out instead');
  if (Array.isArray(value)) return encodeArray(value, path);
  if (isPlainObject(value)) return encodeObject(value, path);
  throw new CanonicalFormError(path, `a ${describe(value)} cannot be sent as JSON`);
}

function encodeString(text: string, path: string): string {
  // JSON encoders disagree on some control characters (\b, \f), and none belongs in a member field or a note.
  if (hasControlCharacter(text)) {
    throw new CanonicalFormError(path, 'contains a control character (tab, newline or similar); remove it');
  }
  if (LONE_SURROGATE.test(text)) {
    throw new CanonicalFormError(path, 'contains a broken character (a lone UTF-16 surrogate)');
  }
  return JSON.stringify(text).replace(GO_HTML_ESCAPE_PATTERN, (ch) => GO_HTML_ESCAPES[ch] ?? ch);
}

function encodeNumber(n: number, path: string): string {
  // Fractions and huge numbers print differently in Go and JavaScript; RM amounts and points are whole numbers.
  if (!Number.isSafeInteger(n)) {
    throw new CanonicalFormError(path, `${n} is not a whole number within the safe integer range`);
  }
  return String(n);
}

function encodeArray(items: readonly unknown[], path: string): string {
  const parts = items.map((item, index) => {
    const itemPath = `${path}[${index}]`;
    if (item === undefined) throw new CanonicalFormError(itemPath, 'an array cannot hold an empty slot');
    return encode(item, itemPath);
  });
  return `[${parts.join(',')}]`;
}

function encodeObject(object: Record<string, unknown>, path: string): string {
  const keys = Object.keys(object).filter((key) => object[key] !== undefined);
  const parts = keys.sort(compareUtf8).map((key) => {
    const keyPath = path ? `${path}.${key}` : key;
    return `${encodeString(key, keyPath)}:${encode(object[key], keyPath)}`;
  });
  return `{${parts.join(',')}}`;
}

/**
 * Go sorts map keys by their UTF-8 bytes. JavaScript's default sort compares UTF-16 code units, which disagrees for
 * characters beyond U+FFFF, and object insertion order puts integer-like keys first; so compare the bytes explicitly.
 */
export function compareUtf8(a: string, b: string): number {
  // Without surrogates, UTF-16 code unit order is code point order, which is UTF-8 byte order: compare directly.
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const SURROGATE = /[\ud800-\udfff]/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return typeof value;
}
