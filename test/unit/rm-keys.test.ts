import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, KeyFormatError, loadPrivateKey, loadPublicKey, publicKeyFingerprint, publicKeyPem } from '../../app/rm/keys.ts';

describe('merchant keys', () => {
  it('generates a PKCS#1 private key and an SPKI public key that belong together', async () => {
    const pair = await generateKeyPair();
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(pair.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const privateKey = loadPrivateKey(pair.privateKeyPem);
    expect(privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(publicKeyPem(privateKey)).toBe(pair.publicKeyPem);
    expect(publicKeyFingerprint(privateKey)).toBe(publicKeyFingerprint(loadPublicKey(pair.publicKeyPem)));
    expect(publicKeyFingerprint(privateKey)).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('makes the pair off the thread that serves the counter: its timers keep running meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    try {
      await generateKeyPair();
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it('accepts PKCS#8 as well as PKCS#1', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(loadPrivateKey(pkcs8).asymmetricKeyType).toBe('rsa');
  });

  it('refuses garbage, encrypted keys, small keys and non-RSA keys with a message that says what to do', () => {
    expect(() => loadPrivateKey('hello')).toThrow(KeyFormatError);
    expect(() => loadPrivateKey('hello')).toThrow(/whole PEM/);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const encrypted = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' }).toString();
    expect(() => loadPrivateKey(encrypted)).toThrow(/passphrase/);
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(() => loadPrivateKey(small)).toThrow(/1024 bits/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadPrivateKey(ec)).toThrow(/needs an RSA key/);
  });

  it('never puts key material in its error messages', async () => {
    const pem = (await generateKeyPair()).privateKeyPem;
    const broken = pem.slice(0, 200);
    try {
      loadPrivateKey(broken);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain(broken.split('\n')[1]);
    }
  });
});
