import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBody, canonicalJson, CanonicalFormError, compareUtf8 } from '../../app/rm/canonical.ts';
import { loadPrivateKey } from '../../app/rm/keys.ts';
import { signRequest, stringToSign } from '../../app/rm/signature.ts';
import { signatureValid } from '../../app/sandbox/rm-signature.ts';

// Text that exercises every escape rule: Go's HTML escapes, line separators, non-ASCII, astral characters.
const trickyChar = fc.constantFrom('&', '<', '>', '\u2028', '\u2029', '/', '"', '\\', 'é', '中', '😀', 'a', 'Z', '0', ' ');
const trickyString = fc.array(trickyChar, { maxLength: 12 }).map((chars) => chars.join(''));
const trickyKey = fc.oneof(trickyString, fc.integer({ min: 0, max: 1000 }).map(String));
const jsonBody = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    trickyString,
    fc.integer({ min: -1e12, max: 1e12 }),
    fc.boolean(),
    fc.array(tie('value'), { maxLength: 4 }),
    tie('object'),
  ),
  object: fc.dictionary(trickyKey, tie('value'), { maxKeys: 5 }),
})).object;

/** What a server does with the bytes it receives: parse, then canonicalise. The result must be the same bytes. */
function isFixedPoint(json: string): boolean {
  return canonicalJson(JSON.parse(json)) === json;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth, including objects inside arrays, keeping array order', () => {
    const json = canonicalJson({ b: 1, a: [{ d: 1, c: 2 }, { f: [{ h: 1, g: 2 }], e: 3 }] });
    expect(json).toBe('{"a":[{"c":2,"d":1},{"e":3,"f":[{"g":2,"h":1}]}],"b":1}');
  });

  it('sorts integer-like keys as text, not in JavaScript insertion order', () => {
    expect(canonicalJson({ b: 1, 10: 1, 9: 1, a: 1 })).toBe('{"10":1,"9":1,"a":1,"b":1}');
  });

  it('escapes exactly the five HTML-unsafe characters, lowercase hex, and leaves "/" and non-ASCII raw', () => {
    expect(canonicalJson({ s: 'a&b<c>d\u2028e\u2029f/g é中😀' })).toBe('{"s":"a\\u0026b\\u003cc\\u003ed\\u2028e\\u2029f/g é中😀"}');
  });

  it('sorts keys by UTF-8 bytes as Go does (astral characters after U+FFFF-range BMP characters)', () => {
    expect(compareUtf8('\uffff', '😀')).toBeLessThan(0);
    expect(canonicalJson({ '😀': 1, '\uffff': 2 })).toBe('{"\uffff":2,"😀":1}');
  });

  it('drops undefined optional fields and sends no data for an empty body', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalBody({})).toBeNull();
    expect(canonicalBody({ gone: undefined })).toBeNull();
    expect(canonicalBody(undefined)).toBeNull();
    expect(stringToSign({ method: 'GET', url: 'https://x/y', nonceStr: 'n', timestamp: '1', canonicalJson: null })).toBe(
      'method=get&nonceStr=n&requestUrl=https://x/y&signType=sha256&timestamp=1',
    );
  });

  it('is a fixed point: canonicalising the parsed canonical form gives the same bytes (random bodies)', () => {
    fc.assert(
      fc.property(jsonBody, (body) => {
        const json = canonicalJson(body);
        expect(isFixedPoint(json)).toBe(true);
        expect(json).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(body)));
      }),
      { numRuns: 500 },
    );
  });

  describe('refuses what it cannot carry faithfully, naming the field', () => {
    const cases: Array<[string, unknown, string]> = [
      ['a control character', { member: { name: 'a\u0007b' } }, 'member.name'],
      ['a newline', { note: 'a\nb' }, 'note'],
      ['DEL', { note: 'a\u007f' }, 'note'],
      ['a lone high surrogate', { name: 'x\ud83d' }, 'name'],
      ['a lone low surrogate', { name: '\ude00x' }, 'name'],
      ['a fractional amount', { amount: 12.5 }, 'amount'],
      ['an unsafe integer', { amount: 2 ** 53 }, 'amount'],
      ['NaN', { amount: Number.NaN }, 'amount'],
      ['Infinity', { amount: Number.POSITIVE_INFINITY }, 'amount'],
      ['null for an optional field', { memberId: null }, 'memberId'],
      ['a Date', { at: new Date(0) }, 'at'],
      ['an undefined array slot', { list: [1, undefined] }, 'list[1]'],
      ['a control character in a key', { 'a\u0001': 1 }, 'a\u0001'],
    ];
    for (const [what, body, path] of cases) {
      it(what, () => {
        let caught: unknown;
        try {
          canonicalJson(body);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(CanonicalFormError);
        expect((caught as CanonicalFormError).path).toBe(path);
        expect((caught as CanonicalFormError).message).toContain(path);
      });
    }
  });
});

describe('sign then verify (random bodies, PKCS#1 and PKCS#8 keys)', () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs1 = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKey = createPublicKey(pair.privateKey);

  for (const [label, pem] of [['PKCS#1', pkcs1], ['PKCS#8', pkcs8]] as const) {
    it(`${label}: a server re-canonicalising the received body verifies the signature`, () => {
      const privateKey = loadPrivateKey(pem);
      fc.assert(
        fc.property(jsonBody, fc.constantFrom('POST', 'GET', 'DELETE'), (body, method) => {
          const signed = signRequest({ method, url: 'https://sb-open.revenuemonster.my/v3/x?a=1&b=%20', body, privateKey, accessToken: 't', nowMs: 1_700_000_000_123 });
          // What a server does: parse the bytes it received, canonicalise, rebuild the string to sign.
          const received = signed.body === null ? null : canonicalBody(JSON.parse(signed.body));
          const plain = stringToSign({ method, url: 'https://sb-open.revenuemonster.my/v3/x?a=1&b=%20', nonceStr: signed.nonceStr, timestamp: signed.timestamp, canonicalJson: received });
          expect(plain).toBe(signed.plainText);
          expect(signatureValid(plain, signed.headers['X-Signature'] ?? '', publicKey)).toBe(true);
          expect(signatureValid(`${plain}&x`, signed.headers['X-Signature'] ?? '', publicKey)).toBe(false);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('uses a fresh 32-character alphanumeric nonce and whole seconds for every attempt', () => {
    const privateKey = loadPrivateKey(pkcs1);
    const nonces = new Set<string>();
    for (let i = 0; i < 50; i += 1) {
      const signed = signRequest({ method: 'POST', url: 'https://x/y', body: { a: i }, privateKey, accessToken: 't', nowMs: 1_700_000_000_999 });
      expect(signed.nonceStr).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(signed.timestamp).toBe('1700000000');
      nonces.add(signed.nonceStr);
    }
    expect(nonces.size).toBe(50);
  });
});
