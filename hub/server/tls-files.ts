// The hub's certificate and private key, read and checked as a pair before anything else starts, so that a wrong file
// is named by the option that gave it, in words, rather than by OpenSSL's error when the server is made.
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { whyUnreadable } from '../../app/common/file-errors.ts';

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export interface TlsPair {
  cert: Buffer;
  key: Buffer;
}

export function readTlsFiles(files: TlsFiles): TlsPair {
  const pair = { cert: readNamed('--tls-cert', files.certFile), key: readNamed('--tls-key', files.keyFile) };
  const certificate = parseCertificate(pair.cert, files.certFile);
  if (!certificate.checkPrivateKey(parseKey(pair.key, files.keyFile))) {
    throw new Error(`--tls-key ${files.keyFile} is not the private key of the certificate in --tls-cert ${files.certFile}: give the key that was made with that certificate.`);
  }
  try {
    createSecureContext(pair);
  } catch (error) {
    // Each part was checked above: what is left is OpenSSL's security level (a key or signature too weak to serve)
    // or a broken certificate later in the chain.
    const code = (error as { code?: string }).code;
    if (code === 'ERR_SSL_EE_KEY_TOO_SMALL') throw new Error(`--tls-key ${files.keyFile} is too short to serve with: make a 2048-bit key and its certificate.`);
    if (code === 'ERR_SSL_CA_MD_TOO_WEAK') throw new Error(`--tls-cert ${files.certFile} is signed with an outdated digest: make it again with SHA-256.`);
    throw new Error(`--tls-cert ${files.certFile} cannot be served with --tls-key ${files.keyFile}: check that every certificate in the chain is whole.`);
  }
  return pair;
}

function readNamed(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`${option} ${file} cannot be read: ${whyUnreadable(error)}.`);
  }
}

function parseCertificate(cert: Buffer, file: string): X509Certificate {
  try {
    return new X509Certificate(cert);
  } catch {
    throw new Error(`--tls-cert ${file} is not a certificate in PEM: give the certificate chain file (its first line says BEGIN CERTIFICATE).`);
  }
}

function parseKey(key: Buffer, file: string): KeyObject {
  // OpenSSL says a key that needs a passphrase as "interrupted or cancelled": its PEM header says it plainly.
  if (/^-----BEGIN ENCRYPTED PRIVATE KEY|^Proc-Type: 4,ENCRYPTED/m.test(key.toString('latin1'))) {
    throw new Error(`--tls-key ${file} is protected by a passphrase, which the hub cannot ask for: export the key without one (openssl pkey -in ${file} -out key.pem).`);
  }
  try {
    return createPrivateKey(key);
  } catch {
    throw new Error(`--tls-key ${file} is not a private key in PEM: give the key file made with the certificate (its first line says BEGIN PRIVATE KEY, or BEGIN RSA PRIVATE KEY).`);
  }
}
