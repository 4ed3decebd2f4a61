import { describe, expect, it } from 'vitest';
import { canonicalBody } from '../../app/rm/canonical.ts';
import { loadPrivateKey } from '../../app/rm/keys.ts';
import { signPlainText, signRequest, stringToSign } from '../../app/rm/signature.ts';
import { signatureValid } from '../../app/sandbox/rm-signature.ts';
import { createPublicKey } from 'node:crypto';
import { SIGNATURE_VECTORS } from '../fixtures/signature-vectors.ts';

const fixture = SIGNATURE_VECTORS;
const privateKey = loadPrivateKey(fixture.testPrivateKeyPem);

describe('Revenue Monster signature vectors', () => {
  it('has the official vectors', () => {
    expect(fixture.vectors.filter((v) => v.kind === 'official').length).toBeGreaterThanOrEqual(2);
  });

  for (const vector of fixture.vectors) {
    describe(`${vector.kind}: ${vector.name}`, () => {
      const canonical = canonicalBody(vector.body);

      if (vector.expectedCanonicalJson !== null) {
        it('canonicalises the body byte for byte', () => {
          expect(canonical).toBe(vector.expectedCanonicalJson);
        });
      }

      it('builds the string to sign byte for byte', () => {
        const plain = stringToSign({ ...vector, canonicalJson: canonical });
        expect(plain).toBe(vector.expectedPlainText);
      });

      if (vector.expectedSignature !== null) {
        const expected = vector.expectedSignature;
        it('signs to the published signature', () => {
          expect(signPlainText(vector.expectedPlainText, privateKey)).toBe(expected);
        });

        it('verifies the published signature with the public key', () => {
          expect(signatureValid(vector.expectedPlainText, expected, createPublicKey(privateKey))).toBe(true);
          expect(signatureValid(`${vector.expectedPlainText}x`, expected, createPublicKey(privateKey))).toBe(false);
        });

        it('signRequest produces the same headers given the same nonce and time', () => {
          const signed = signRequest({
            method: vector.method,
            url: vector.url,
            body: vector.body,
            privateKey,
            accessToken: 'token',
            nowMs: Number(vector.timestamp) * 1000 + 999,
            nonceStr: vector.nonceStr,
          });
          expect(signed.headers['X-Signature']).toBe(expected);
          expect(signed.headers['X-Timestamp']).toBe(vector.timestamp);
          expect(signed.body).toBe(canonical);
        });
      }
    });
  }
});
