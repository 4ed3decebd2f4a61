// `kaunter sign`: show exactly what Kaunter signs for a request, to compare with RM's INVALID_REQUEST_SIGNATURE debug.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { canonicalBody } from '../rm/canonical.ts';
import { loadPrivateKey } from '../rm/keys.ts';
import { signPlainText, stringToSign } from '../rm/signature.ts';
import { readKeyFile } from './rm-options.ts';

interface SignOptions {
  key: string;
  method: string;
  url: string;
  nonce: string;
  timestamp: string;
  body?: string;
  json?: boolean;
}

export function registerSignCommand(program: Command): void {
  program
    .command('sign')
    .description('Print the canonical JSON, the string to sign and the X-Signature for one RM request.')
    .requiredOption('--key <file>', 'PEM private key')
    .requiredOption('--method <method>', 'HTTP method, e.g. POST')
    .requiredOption('--url <url>', 'the full URL as called, with query')
    .requiredOption('--nonce <nonce>', 'X-Nonce-Str value')
    .requiredOption('--timestamp <seconds>', 'X-Timestamp value (Unix seconds)')
    .option('--body <file>', 'JSON body file ("-" reads standard input)')
    .option('--json', 'print one JSON object {canonicalJson, plainText, signature}')
    .action((options: SignOptions) => {
      if (!/^\d+$/.test(options.timestamp)) throw new Error('--timestamp must be Unix time in whole seconds, like 1591946239.');
      const canonicalJson = canonicalBody(options.body === undefined ? undefined : readJsonBody(options.body));
      const plainText = stringToSign({ method: options.method, url: options.url, nonceStr: options.nonce, timestamp: options.timestamp, canonicalJson });
      const signature = signPlainText(plainText, loadPrivateKey(readKeyFile(options.key)));
      if (options.json) {
        console.log(JSON.stringify({ canonicalJson, plainText, signature }));
        return;
      }
      console.log(`canonical JSON: ${canonicalJson ?? '(none: no data part)'}`);
      console.log(`string to sign: ${plainText}`);
      console.log(`X-Signature: ${signature}`);
    });
}

function readJsonBody(path: string): unknown {
  const text = readFileSync(path === '-' ? 0 : path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`The body in ${path} is not valid JSON: ${(error as Error).message}`);
  }
}
