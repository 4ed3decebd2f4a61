// PostgreSQL keeps no U+0000 in text or jsonb, and no half of a UTF-16 surrogate pair in jsonb. A counter can hold
// either (a NUL in an error message RM sent, say), and refusing its batch would stop that counter's sync for good, so
// the hub keeps U+FFFD (the replacement character) in their place.
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `value` with every string in it made storable; everything else as it was. */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, storable(inner)])) as T;
  return value;
}
