// The network baseline: one bare node:http POST on a fresh connection (as the RM client sends every award), answered by
// the sandbox at once because its bearer token was never issued. Same route, same body, same header sizes as an award;
// no token cache, no signing, no signature check, no ledger.
import { request } from 'node:http';
import { newNonce, unixSeconds } from '../../../app/rm/signature.ts';

const SIGNATURE_BASE64_LENGTH = 344;

export interface BareResponse {
  status: number;
  body: string;
}

export function barePost(url: string, body: string): Promise<BareResponse> {
  const bytes = Buffer.from(body, 'utf8');
  const headers = {
    Authorization: `Bearer ${'x'.repeat(43)}`,
    'Content-Type': 'application/json',
    'Content-Length': String(bytes.length),
    'X-Nonce-Str': newNonce(),
    'X-Timestamp': unixSeconds(Date.now()),
    'X-Signature': `sha256 ${'A'.repeat(SIGNATURE_BASE64_LENGTH)}`,
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(bytes);
  });
}
