// Throwaway credentials for a training sandbox: a random client id and secret, and a fresh RSA key pair whose
// private key is written to a new private temp folder for the RM client under training to sign with.
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxApp } from './apps.ts';

export interface TrainingCredentials {
  app: SandboxApp;
  folder: string;
  privateKeyPath: string;
  publicKeyPath: string;
}

export function createTrainingCredentials(): TrainingCredentials {
  const pair = keyPair();
  const folder = mkdtempSync(join(tmpdir(), 'kaunter-sandbox-'));
  const privateKeyPath = join(folder, 'private_key.pem');
  const publicKeyPath = join(folder, 'public_key.pem');
  writeFileSync(privateKeyPath, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(publicKeyPath, pair.publicKeyPem);
  return {
    app: { clientId: numericId(), clientSecret: randomBytes(24).toString('base64url'), publicKeyPem: pair.publicKeyPem },
    folder,
    privateKeyPath,
    publicKeyPath,
  };
}

export function removeTrainingCredentials(credentials: TrainingCredentials): void {
  rmSync(credentials.folder, { recursive: true, force: true });
}

/** RSA-2048 as RM's docs show it: the private key PKCS#1, the public key SPKI (what the portal takes). */
function keyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** 19 digits, the shape of RM's client ids. */
function numericId(): string {
  let id = String(randomInt(1, 10));
  while (id.length < 19) id += String(randomInt(0, 10));
  return id;
}
