// Signing throughput: what `signRequest` costs on top of the RSA signature itself (canonical JSON, base64, the string to
// sign, a fresh nonce). Baseline: a bare crypto.sign over the same string's bytes with the same KeyObject.
//   node test/bench/signing.bench.ts [--quick] [--out-dir <dir>]
import { createPublicKey, sign } from 'node:crypto';
import { canonicalJson } from '../../app/rm/canonical.ts';
import { generateKeyPair, loadPrivateKey } from '../../app/rm/keys.ts';
import { RM_HOSTS } from '../../app/rm/hosts.ts';
import { spendingRewardBody } from '../../app/rm/loyalty.ts';
import { newNonce, signRequest } from '../../app/rm/signature.ts';
import { signatureValid } from '../../app/sandbox/rm-signature.ts';
import { runSizedBenchmark } from './lib/report.ts';
import { compareThroughput } from './lib/timing.ts';

const SPENDING_REWARD_URL = `${RM_HOSTS.production.apiUrl}/v3/loyalty/spending-reward`;
const ACCESS_TOKEN = 'a'.repeat(43);

runSizedBenchmark('signing', { rounds: [3, 7], roundMs: [100, 1_000] }, async ({ report, sizes: { rounds, roundMs } }) => {

  const privateKey = loadPrivateKey((await generateKeyPair()).privateKeyPem);
  const body = spendingRewardBody(12_345, { type: 'ID', memberId: '6190354873541245312' });
  const signOne = () => signRequest({ method: 'POST', url: SPENDING_REWARD_URL, body, privateKey, accessToken: ACCESS_TOKEN, nowMs: Date.now() });
  const sample = signOne();
  report.check('signRequest output verifies with the public key', true, signatureValid(sample.plainText, sample.headers['X-Signature'] ?? '', createPublicKey(privateKey)));
  const plainBytes = Buffer.from(sample.plainText, 'utf8');
  report.detail('body', sample.body);
  report.detail('stringToSignBytes', plainBytes.length);
  console.log(`body ${sample.body} (${Buffer.byteLength(sample.body ?? '')} bytes), string to sign ${plainBytes.length} bytes`);

  const signing = compareThroughput(
    [
      { name: 'signRequest', work: signOne },
      { name: 'crypto.sign', work: () => sign('sha256', plainBytes, privateKey) },
    ],
    rounds,
    roundMs,
  );
  report.figure('signRequest ops/s', signing.get('signRequest') ?? Number.NaN, 'ops/s');
  report.figure('raw crypto.sign ops/s (baseline)', signing.get('crypto.sign') ?? Number.NaN, 'ops/s');

  const parts = compareThroughput(
    [
      { name: 'canonicalJson', work: () => canonicalJson(body) },
      { name: 'JSON.stringify', work: () => JSON.stringify(body) },
      { name: 'newNonce', work: newNonce },
    ],
    rounds,
    roundMs / 2,
  );
  report.figure('canonicalJson (canonicalisation alone) ops/s', parts.get('canonicalJson') ?? Number.NaN, 'ops/s');
  report.figure('JSON.stringify of the same body ops/s', parts.get('JSON.stringify') ?? Number.NaN, 'ops/s');
  report.figure('newNonce ops/s', parts.get('newNonce') ?? Number.NaN, 'ops/s');

  const overheadUs = 1e6 / report.figureValue('signRequest ops/s') - 1e6 / report.figureValue('raw crypto.sign ops/s (baseline)');
  report.detail('signRequestOverheadMicroseconds', overheadUs);
  report.ratio('signRequest / raw crypto.sign', 'signRequest ops/s', 'raw crypto.sign ops/s (baseline)', { atLeast: 0.9 });
  report.ratio('canonicalJson / JSON.stringify', 'canonicalJson (canonicalisation alone) ops/s', 'JSON.stringify of the same body ops/s');
  report.note(
    `Throughput is the median of ${rounds} alternating rounds of ${roundMs} ms per candidate on one core (signing is synchronous on the relay's thread).`,
  );
  report.note(`signRequest adds about ${overheadUs.toFixed(1)} µs per call to the RSA signature (noise can make this slightly negative).`);
  report.note('The baseline signs the string to sign as bytes (crypto.sign takes a buffer): the RSA-2048 PKCS#1 v1.5 SHA-256 cost alone.');
  report.finish();
});
