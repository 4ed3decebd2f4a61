// The sandbox's signature verifier is RM's, written on its own from RM's signature document: it reproduces RM's
// published examples with nothing of app/rm, reads X-Signature as strictly as RM's Go code, and a lint rule keeps it
// from ever importing the client's code.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { goJson, signatureBytes, signatureValid, signedText } from '../../app/sandbox/rm-signature.ts';
import { SIGNATURE_VECTORS, type SignatureVector as Vector } from '../fixtures/signature-vectors.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const vectors = SIGNATURE_VECTORS;
const publicKey = createPublicKey(createPrivateKey(vectors.testPrivateKeyPem));

function textOf(vector: Vector): string {
  const bodyJson = vector.body === null ? '{}' : goJson(vector.body);
  return signedText({ method: vector.method, requestUrl: vector.url, nonceStr: vector.nonceStr, timestamp: vector.timestamp, bodyJson });
}

describe("the sandbox's own verifier", () => {
  it('reproduces every published vector: the re-encoded body, the string to sign, and the signature checks', () => {
    expect(vectors.vectors.filter((vector) => vector.kind === 'official').length).toBeGreaterThanOrEqual(2);
    for (const vector of vectors.vectors) {
      if (vector.expectedCanonicalJson !== null) expect(goJson(vector.body), vector.name).toBe(vector.expectedCanonicalJson);
      expect(textOf(vector), vector.name).toBe(vector.expectedPlainText);
      if (vector.expectedSignature === null) continue;
      expect(signatureValid(vector.expectedPlainText, vector.expectedSignature, publicKey), vector.name).toBe(true);
      const otherText = vector.expectedPlainText.replace(`timestamp=${vector.timestamp}`, `timestamp=${Number(vector.timestamp) + 1}`);
      expect(signatureValid(otherText, vector.expectedSignature, publicKey), vector.name).toBe(false);
    }
  });

  it("encodes as Go's encoding/json: keys in byte order at every depth, arrays in order, HTML characters escaped", () => {
    expect(goJson({ b: 1, a: [{ z: true, y: 'x' }], '\u{1F600}': 2, '\uFFFD': 3, B: 4 })).toBe(
      '{"B":4,"a":[{"y":"x","z":true}],"b":1,"\uFFFD":3,"\u{1F600}":2}',
    );
    expect(goJson({ note: '<a href="x">&</a>\u2028\\' })).toBe('{"note":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028\\\\"}');
    expect(() => goJson({ amount: 3.5 })).toThrow(/^amount:/);
    expect(() => goJson({ order: { id: null } })).toThrow(/^order\.id:/);
    expect(() => goJson({ memberId: '1\t2' })).toThrow(/control character/);
  });

  it('reads X-Signature as RM\'s Go code does: exactly "sha256", one space, standard padded base64', () => {
    const good = vectors.vectors.find((vector) => vector.expectedSignature !== null)?.expectedSignature ?? '';
    const encoded = good.slice('sha256 '.length);
    expect(signatureBytes(good)?.length).toBe(256);
    for (const malformed of [
      `sha256  ${encoded}`,
      `sha256 ${encoded} `,
      `sha256 ${encoded}junk`,
      `sha256 ${encoded}!`,
      `sha256 ${encoded.replace(/=+$/, '')}`,
      `SHA256 ${encoded}`,
      `sha256\t${encoded}`,
      encoded,
      'sha256 ',
    ]) {
      expect(signatureBytes(malformed), JSON.stringify(malformed.slice(0, 12) + '…' + malformed.slice(-6))).toBeNull();
    }
  });
});

describe('independence from the client', () => {
  it('a sandbox file that imports app/rm (or anything outside app/sandbox) fails lint; the same import elsewhere in app/ does not', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const code = "import { stringToSign } from '../rm/signature.ts';\nexport const reused = stringToSign;\n";
    const [inSandbox] = await eslint.lintText(code, { filePath: `${ROOT}app/sandbox/verify.ts` });
    expect(inSandbox?.messages.map((message) => message.ruleId)).toContain('no-restricted-imports');
    expect(inSandbox?.messages.find((message) => message.ruleId === 'no-restricted-imports')?.message).toContain('app/rm');
    const [inAwards] = await eslint.lintText(code, { filePath: `${ROOT}app/awards/relay.ts` });
    expect(inAwards?.messages.map((message) => message.ruleId)).not.toContain('no-restricted-imports');
  });
});
