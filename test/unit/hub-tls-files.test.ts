// The hub's certificate and key, made by openssl in a fresh folder: each wrong file is named by its option, in words,
// with none of OpenSSL's error text.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTlsFiles } from '../../hub/server/tls-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'kaunter-tls-files-'));
const file = (name: string) => join(dir, name);
// Unencrypted keys: not left behind in the temporary folder.
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function certificateAndKey(name: string, bits = 2048): void {
  execFileSync('openssl', ['req', '-x509', '-newkey', `rsa:${bits}`, '-nodes', '-keyout', file(`${name}-key.pem`), '-out', file(`${name}-cert.pem`), '-days', '1', '-subj', `/CN=${name}`], { stdio: 'ignore' });
}
certificateAndKey('hub');
certificateAndKey('other');
certificateAndKey('short', 1024);
execFileSync('openssl', ['pkey', '-in', file('hub-key.pem'), '-aes256', '-passout', 'pass:hunter2', '-out', file('locked-key.pem')]);
execFileSync('openssl', ['pkey', '-in', file('hub-key.pem'), '-pubout', '-out', file('public-key.pem')]);
writeFileSync(file('notes.txt'), 'not a certificate');
mkdirSync(file('a-folder'));

function refusal(certFile: string, keyFile: string): string {
  try {
    readTlsFiles({ certFile, keyFile });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${certFile} and ${keyFile} were taken`);
}

describe('the hub\'s TLS files', () => {
  it('takes a certificate with its own key', () => {
    const pair = readTlsFiles({ certFile: file('hub-cert.pem'), keyFile: file('hub-key.pem') });
    expect(pair.cert.toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(pair.key.toString()).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('names the wrong file and what to give instead, with no OpenSSL text', () => {
    const cases = [
      [file('notes.txt'), file('hub-key.pem'), `--tls-cert ${file('notes.txt')} is not a certificate in PEM: give the certificate chain file`],
      [file('hub-key.pem'), file('hub-cert.pem'), `--tls-cert ${file('hub-key.pem')} is not a certificate in PEM`],
      [file('hub-cert.pem'), file('hub-cert.pem'), `--tls-key ${file('hub-cert.pem')} is not a private key in PEM`],
      [file('hub-cert.pem'), file('public-key.pem'), `--tls-key ${file('public-key.pem')} is not a private key in PEM`],
      [file('hub-cert.pem'), file('other-key.pem'), `--tls-key ${file('other-key.pem')} is not the private key of the certificate in --tls-cert ${file('hub-cert.pem')}`],
      [file('hub-cert.pem'), file('locked-key.pem'), `--tls-key ${file('locked-key.pem')} is protected by a passphrase, which the hub cannot ask for`],
      [file('missing.pem'), file('hub-key.pem'), `--tls-cert ${file('missing.pem')} cannot be read: there is no such file.`],
      [file('hub-cert.pem'), file('a-folder'), `--tls-key ${file('a-folder')} cannot be read: it is a folder, not a file.`],
      [file('short-cert.pem'), file('short-key.pem'), `--tls-key ${file('short-key.pem')} is too short to serve with: make a 2048-bit key and its certificate.`],
    ] as const;
    for (const [certFile, keyFile, said] of cases) {
      const message = refusal(certFile, keyFile);
      expect(message, `${certFile} ${keyFile}`).toContain(said);
      expect(message).not.toMatch(/routines|error:|ERR_|hunter2/);
    }
  });
});
