// A key imported in Setup is kept in the keychain as the key alone, in RM's documented PKCS#1 form, whatever the file
// around it held: an `openssl pkcs12 -nodes` export of a .pfx carries "Bag Attributes" lines and the certificate too,
// which pushed an RSA-2048 key past the Windows Credential Manager's 2,560 bytes (found in review, stop 34).
import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveCredentials } from '../../app/core/credentials.ts';
import { Refusal } from '../../app/core/failure.ts';
import { generateKeyPair } from '../../app/rm/keys.ts';
import { SettingsStore } from '../../app/settings.ts';
import { createKeychain } from '../../main/keychain/keytar-store.ts';

function windowsKeychain() {
  const kept = new Map<string, string>();
  const keytar = {
    getPassword: (service: string, account: string) => Promise.resolve(kept.get(`${service}/${account}`) ?? null),
    setPassword: (service: string, account: string, value: string) => Promise.resolve(void kept.set(`${service}/${account}`, value)),
    deletePassword: (service: string, account: string) => Promise.resolve(kept.delete(`${service}/${account}`)),
  };
  return createKeychain({ environment: 'production', platform: 'win32', loader: () => Promise.resolve(keytar) });
}

/** The file `openssl pkcs12 -nodes` writes from a .pfx: bag attributes, the certificate, then the key as PKCS#8. */
function pfxExport(pkcs1Pem: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kaunter-key-'));
  const keyPath = join(dir, 'key.pem');
  writeFileSync(keyPath, pkcs1Pem);
  const certificate = execFileSync('openssl', ['req', '-x509', '-new', '-key', keyPath, '-subj', '/CN=Kedai Runcit Ah Kow', '-days', '365'], { encoding: 'utf8' });
  const pkcs8 = createPrivateKey(pkcs1Pem).export({ type: 'pkcs8', format: 'pem' }) as string;
  const bag = 'Bag Attributes\n    localKeyID: 9A A8 AE 47 1C 74 DC 9B F3 71 41 63 6C A3 CC AE DD C5 FB 1A\n';
  return `${bag}subject=CN = Kedai Runcit Ah Kow\nissuer=CN = Kedai Runcit Ah Kow\n${certificate}${bag}Key Attributes: <No Attributes>\n${pkcs8}`;
}

describe('a private key imported in Setup', () => {
  it('from a .pfx export with its certificate: kept as the key alone, PKCS#1, within what Windows can hold', async () => {
    const { privateKeyPem } = await generateKeyPair();
    const imported = pfxExport(privateKeyPem);
    expect(Buffer.byteLength(imported)).toBeGreaterThan(2_560);
    const keychain = windowsKeychain();
    await saveCredentials('production', { privateKeyPem: imported }, keychain, new SettingsStore(mkdtempSync(join(tmpdir(), 'kaunter-settings-'))));
    const kept = await keychain.get('privateKey');
    expect(kept).toEqual({ state: 'found', value: privateKeyPem });
  });

  it('a 4096-bit key, too large for Windows even alone: refused with the keychain\'s words, nothing kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaunter-key-'));
    const big = generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const keychain = windowsKeychain();
    const refusal = await saveCredentials('production', { privateKeyPem: big }, keychain, new SettingsStore(dir)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(Refusal);
    expect((refusal as Refusal).message).toMatch(/Windows Credential Manager.*2048 or 3072 bits/);
    expect(await keychain.get('privateKey')).toEqual({ state: 'absent' });
  });
});
