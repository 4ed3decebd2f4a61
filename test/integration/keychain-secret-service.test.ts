// The keychain against the real Secret Service that `npm test` starts (a private dbus + unlocked gnome-keyring, flagged
// by KAUNTER_TEST_SECRET_SERVICE=1), and the real keytar failing to load its native addon.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeychain, loadKeytar, type KeytarApi } from '../../main/keychain/keytar-store.ts';
import { KEYCHAIN_ENVIRONMENTS, SECRET_NAMES, type SecretStore } from '../../app/secrets.ts';

const hasSecretService = process.env.KAUNTER_TEST_SECRET_SERVICE === '1';
if (!hasSecretService) {
  console.log(
    'Skipping the real Secret Service tests: KAUNTER_TEST_SECRET_SERVICE is not 1. Run `npm test` (it starts a private ' +
      'gnome-keyring), or see test/integration/keychain-scenarios.test.ts for the private-session checks.',
  );
}

// Not sandbox's or the terminal's services: secrets-never-leak.test.ts, which runs beside this file, keeps its secrets
// there in the same Secret Service, and this file writes and deletes every secret of the services it tests.
const SHARED_WITH_THE_LEAK_TEST: readonly string[] = ['sandbox', 'terminal'];
const stores: SecretStore[] = KEYCHAIN_ENVIRONMENTS.filter((environment) => !SHARED_WITH_THE_LEAK_TEST.includes(environment)).map((environment) => createKeychain({ environment }));

describe.skipIf(!hasSecretService)('the real Secret Service', () => {
  afterAll(async () => {
    for (const store of stores) for (const name of SECRET_NAMES) await store.delete(name);
  });

  it('is ready', async () => {
    for (const store of stores) expect(await store.status()).toEqual({ state: 'ready', backend: 'Secret Service' });
  });

  it('keeps each secret of each environment apart', async () => {
    for (const store of stores) {
      for (const name of SECRET_NAMES) expect(await store.set(name, `${store.service} ${name} ✓ секрет`)).toEqual({ ok: true });
    }
    for (const store of stores) {
      for (const name of SECRET_NAMES) {
        expect(await store.get(name, { configured: true })).toEqual({ state: 'found', value: `${store.service} ${name} ✓ секрет` });
      }
    }
  });

  it('replaces a secret in place', async () => {
    const [training] = stores;
    await training!.set('refreshToken', 'first-token-value');
    await training!.set('refreshToken', 'second-token-value');
    expect(await training!.get('refreshToken')).toEqual({ state: 'found', value: 'second-token-value' });
  });

  it('notices an entry removed behind its back (a keyring reset) and asks for re-provisioning', async () => {
    const production = createKeychain({ environment: 'production' });
    await production.set('clientSecret', 'client-secret-to-lose');
    const keytar: KeytarApi = await loadKeytar();
    expect(await keytar.deletePassword('Kaunter (production)', 'clientSecret')).toBe(true);
    expect(await production.get('clientSecret', { configured: true })).toMatchObject({ state: 'needs-reprovisioning', reason: 'entry-missing' });
    expect(await production.get('clientSecret')).toEqual({ state: 'absent' });
  });
});

describe('a keytar whose native addon cannot be loaded', () => {
  const copy = mkdtempSync(join(tmpdir(), 'kaunter-keytar-without-addon-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('becomes a status with the fix, not a crash', async () => {
    const installed = createRequire(import.meta.url).resolve('@github/keytar/package.json');
    mkdirSync(join(copy, 'lib'));
    copyFileSync(join(installed, '..', 'lib', 'keytar.js'), join(copy, 'lib', 'keytar.js'));
    copyFileSync(installed, join(copy, 'package.json'));
    const store = createKeychain({
      environment: 'production',
      platform: 'linux',
      loader: () => Promise.resolve().then(() => createRequire(join(copy, 'package.json'))('./lib/keytar.js') as KeytarApi),
    });
    const status = await store.status();
    expect(status.state).toBe('unavailable');
    if (status.state === 'unavailable') {
      expect(status.error.code).toBe('keychain-module-missing');
      expect(status.error.detail).toContain('Failed to load keytar native addon');
      expect(status.error.message).toContain('libsecret');
    }
    expect(await store.get('privateKey', { configured: true })).toMatchObject({ state: 'unavailable', error: { code: 'keychain-module-missing' } });
  });
});
