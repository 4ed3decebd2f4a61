// The keytar-backed SecretStore against a stand-in keytar that reproduces what the real one answers in each situation
// (messages recorded from @github/keytar 7.10.6 with libsecret on Debian 12, and from its macOS and Windows builds).
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createKeychain, WINDOWS_MAX_SECRET_BYTES, type KeytarApi } from '../../main/keychain/keytar-store.ts';
import { keychainServiceName, SECRET_NAMES, type SecretName, type SecretStoreErrorCode } from '../../app/secrets.ts';

const PRIVATE_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAwJ4nQ2oK7uQ0VgXn2f8b1p6mZq3rA9sT5yU7wE1dF3hJ8kL0',
  'zX4cV6bN9mQ2wE5rT8yU1iO3pA6sD9fG2hJ5kL8zX1cV4bN7mQ0wE3rT6yU9iO2p',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

type Mode =
  | { kind: 'works' }
  | { kind: 'fails'; message: string }
  /** A locked Secret Service: reads answer null, writes fail. */
  | { kind: 'locked' }
  | { kind: 'echoes-secret' }
  | { kind: 'stores-something-else' }
  | { kind: 'hangs' };

class StandInKeytar implements KeytarApi {
  readonly entries = new Map<string, string>();
  mode: Mode = { kind: 'works' };

  getPassword(service: string, account: string): Promise<string | null> {
    if (this.mode.kind === 'fails') return Promise.reject(new Error(this.mode.message));
    if (this.mode.kind === 'locked') return Promise.resolve(null);
    if (this.mode.kind === 'hangs') return new Promise(() => {});
    return Promise.resolve(this.entries.get(`${service}/${account}`) ?? null);
  }

  setPassword(service: string, account: string, password: string): Promise<void> {
    switch (this.mode.kind) {
      case 'fails':
        return Promise.reject(new Error(this.mode.message));
      case 'locked':
        return Promise.reject(new Error('Cannot create an item in a locked collection'));
      case 'echoes-secret':
        return Promise.reject(new Error(`Failed to store "${password}" (${JSON.stringify(password)}) in ${service}`));
      case 'hangs':
        return new Promise(() => {});
      case 'stores-something-else':
        this.entries.set(`${service}/${account}`, `${password.slice(0, 10)}`);
        return Promise.resolve();
      case 'works':
        this.entries.set(`${service}/${account}`, password);
        return Promise.resolve();
    }
  }

  deletePassword(service: string, account: string): Promise<boolean> {
    if (this.mode.kind === 'fails') return Promise.reject(new Error(this.mode.message));
    if (this.mode.kind === 'locked') return Promise.resolve(false);
    return Promise.resolve(this.entries.delete(`${service}/${account}`));
  }
}

function setup(platform: NodeJS.Platform = 'linux', timeoutMs = 1_000) {
  const keytar = new StandInKeytar();
  let loads = 0;
  const store = createKeychain({
    environment: 'production',
    platform,
    timeoutMs,
    loader: () => {
      loads += 1;
      return Promise.resolve(keytar);
    },
  });
  return { keytar, store, loads: () => loads };
}

/** Everything a caller could log or send: message, detail, stack, inspect and JSON forms. */
function everythingSaid(value: unknown): string {
  const error = (value as { error?: Error }).error;
  return [inspect(value, { depth: 10 }), JSON.stringify(value), error?.stack ?? '', error?.message ?? '', String(error)].join('\n');
}

function expectNoSecret(value: unknown, secret = PRIVATE_KEY): void {
  const said = everythingSaid(value);
  expect(said).not.toContain(secret);
  for (const line of secret.split('\n')) expect(said).not.toContain(line);
}

const REAL_FAILURES: [string, SecretStoreErrorCode][] = [
  ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-session-bus'],
  ['Could not connect: No such file or directory', 'no-session-bus'],
  ['Error spawning command line “dbus-launch --autolaunch=3d12 --binary-syntax --close-stderr”: Child process exited with code 1', 'no-session-bus'],
  ['The name org.freedesktop.secrets was not provided by any .service files', 'no-secret-service'],
  ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'no-default-keyring'],
  ['Cannot create an item in a locked collection', 'keyring-locked'],
];

describe('the keychain service names', () => {
  it('has one service per environment and one account per secret', async () => {
    expect(keychainServiceName('training')).toBe('Kaunter (training)');
    expect(keychainServiceName('sandbox')).toBe('Kaunter (sandbox)');
    expect(keychainServiceName('production')).toBe('Kaunter (production)');
    expect(keychainServiceName('terminal')).toBe('Kaunter (terminal)');
    const { keytar, store } = setup();
    expect(store.service).toBe('Kaunter (production)');
    for (const name of SECRET_NAMES) expect(await store.set(name, `value of ${name}`)).toEqual({ ok: true });
    expect([...keytar.entries.keys()].sort()).toEqual([
      'Kaunter (production)/clientSecret',
      'Kaunter (production)/hubCredential',
      'Kaunter (production)/pinPepper',
      'Kaunter (production)/privateKey',
      'Kaunter (production)/refreshToken',
      'Kaunter (production)/trailMark',
    ]);
  });
});

describe('a working keychain', () => {
  it('stores, reads back and deletes', async () => {
    const { store } = setup();
    expect(await store.set('privateKey', PRIVATE_KEY)).toEqual({ ok: true });
    expect(await store.get('privateKey')).toEqual({ state: 'found', value: PRIVATE_KEY });
    expect(await store.delete('privateKey')).toEqual({ ok: true, existed: true });
    expect(await store.delete('privateKey')).toEqual({ ok: true, existed: false });
    expect(await store.get('privateKey')).toEqual({ state: 'absent' });
  });

  it('reports ready after a probe that leaves nothing behind', async () => {
    const { keytar, store } = setup();
    expect(await store.status()).toEqual({ state: 'ready', backend: 'Secret Service' });
    expect(keytar.entries.size).toBe(0);
  });

  it('loads keytar once, on first use', async () => {
    const { store, loads } = setup();
    expect(loads()).toBe(0);
    await store.get('clientSecret');
    await store.get('refreshToken');
    expect(loads()).toBe(1);
  });
});

describe('re-provisioning', () => {
  it('says "needs re-provisioning" when settings say configured but the entry is gone', async () => {
    const { store } = setup();
    const read = await store.get('privateKey', { configured: true });
    expect(read).toMatchObject({ state: 'needs-reprovisioning', reason: 'entry-missing' });
    if (read.state === 'needs-reprovisioning') expect(read.message).toMatch(/private key.*enter the credentials again/);
  });

  it('says "needs re-provisioning" when the entry exists but cannot be read', async () => {
    const { keytar, store } = setup('darwin');
    keytar.mode = { kind: 'fails', message: 'The specified item is no longer valid. It may have been deleted from the keychain.' };
    expect(await store.get('clientSecret', { configured: true })).toMatchObject({ state: 'needs-reprovisioning', reason: 'entry-unreadable' });
  });

  it('blames the locked keyring, not the entry, when a locked Secret Service answers "nothing here"', async () => {
    const { keytar, store } = setup();
    await store.set('privateKey', PRIVATE_KEY);
    keytar.mode = { kind: 'locked' };
    const read = await store.get('privateKey', { configured: true });
    expect(read.state).toBe('unavailable');
    if (read.state === 'unavailable') {
      expect(read.error.code).toBe('keyring-locked');
      expect(read.error.message).toMatch(/Unlock the "login" keyring/);
    }
  });
});

describe('a keychain that cannot be used', () => {
  for (const [message, code] of REAL_FAILURES) {
    it(`"${message.slice(0, 50)}..." -> ${code}, with advice, on every operation`, async () => {
      const { keytar, store } = setup();
      keytar.mode = { kind: 'fails', message };
      const write = await store.set('privateKey', PRIVATE_KEY);
      expect(write.ok).toBe(false);
      if (!write.ok) {
        expect(write.error.code).toBe(code);
        expect(write.error.message).toMatch(/try again|restart|start Kaunter from there/);
        expect(write.error.message).toContain('never keeps these secrets in a plain file');
        expect(write.error.detail).toBe(message);
      }
      expect(await store.get('privateKey', { configured: true })).toMatchObject({ state: 'unavailable', error: { code } });
      expect(await store.get('privateKey')).toMatchObject({ state: 'unavailable', error: { code } });
      expect(await store.delete('privateKey')).toMatchObject({ ok: false, error: { code } });
      expect(await store.status()).toMatchObject({ state: 'unavailable', error: { code } });
      expectNoSecret(write);
    });
  }

  it('turns a keytar that will not load (no libsecret) into a status, and tries again later', async () => {
    let attempts = 0;
    const store = createKeychain({
      environment: 'sandbox',
      platform: 'linux',
      loader: () => {
        attempts += 1;
        return Promise.reject(new Error('Failed to load keytar native addon, checked ["../build/Release"] on prebuilds/linux-x64'));
      },
    });
    const status = await store.status();
    expect(status).toMatchObject({ state: 'unavailable', error: { code: 'keychain-module-missing' } });
    if (status.state === 'unavailable') expect(status.error.message).toContain('sudo apt install libsecret-1-0');
    expect(await store.set('refreshToken', 'token')).toMatchObject({ ok: false, error: { code: 'keychain-module-missing' } });
    expect(attempts).toBeGreaterThanOrEqual(2);
  });

  it('gives up on a keychain that never answers', async () => {
    const { keytar, store } = setup('linux', 50);
    keytar.mode = { kind: 'hangs' };
    const write = await store.set('privateKey', PRIVATE_KEY);
    expect(write).toMatchObject({ ok: false, error: { code: 'timed-out' } });
    expectNoSecret(write);
    expect(await store.get('privateKey')).toMatchObject({ state: 'unavailable', error: { code: 'timed-out' } });
  });

  it('refuses a write it cannot read back', async () => {
    const { keytar, store } = setup();
    keytar.mode = { kind: 'stores-something-else' };
    const write = await store.set('privateKey', PRIVATE_KEY);
    expect(write).toMatchObject({ ok: false, error: { code: 'write-not-verified' } });
    expectNoSecret(write);
  });

  it('maps the macOS and Windows refusals', async () => {
    const cases: [NodeJS.Platform, string, SecretStoreErrorCode][] = [
      ['darwin', 'User canceled the operation.', 'access-denied'],
      ['darwin', 'User interaction is not allowed.', 'keyring-locked'],
      ['win32', 'The stub received bad data.', 'secret-too-large'],
    ];
    for (const [platform, message, code] of cases) {
      const { keytar, store } = setup(platform);
      keytar.mode = { kind: 'fails', message };
      expect(await store.set('clientSecret', 'secret-value-123'), message).toMatchObject({ ok: false, error: { code } });
    }
  });
});

describe('secrets never appear in what the store says', () => {
  it('cuts the secret out of a keychain error that repeats it', async () => {
    const { keytar, store } = setup();
    keytar.mode = { kind: 'echoes-secret' };
    for (const secret of [PRIVATE_KEY, 'cs_live_8f3a9c2e71d04b6a', 'rt.2b7e151628aed2a6abf7158809cf4f3c']) {
      const write = await store.set('clientSecret', secret);
      expect(write).toMatchObject({ ok: false, error: { code: 'keychain-failed' } });
      if (!write.ok) expect(write.error.message).toContain('[redacted]');
      expectNoSecret(write, secret);
    }
  });

  it('says nothing of the value in the errors of a failing write', async () => {
    const { keytar, store } = setup('win32');
    for (const [message] of REAL_FAILURES) {
      keytar.mode = { kind: 'fails', message };
      expectNoSecret(await store.set('privateKey', PRIVATE_KEY));
    }
  });
});

describe('bad input', () => {
  it('refuses empty and non-string secrets before touching the keychain', async () => {
    const { keytar, store } = setup();
    for (const value of ['', '   ', undefined, null, 42]) {
      expect(await store.set('clientSecret', value as unknown as string)).toMatchObject({ ok: false, error: { code: 'invalid-secret' } });
    }
    expect(keytar.entries.size).toBe(0);
  });

  it('refuses names it does not keep', async () => {
    const { store } = setup();
    const name = 'password' as SecretName;
    expect(await store.set(name, 'x')).toMatchObject({ ok: false, error: { code: 'invalid-name' } });
    expect(await store.get(name)).toMatchObject({ state: 'unavailable', error: { code: 'invalid-name' } });
    expect(await store.delete(name)).toMatchObject({ ok: false, error: { code: 'invalid-name' } });
  });

  it("refuses on Windows a secret larger than the Credential Manager's limit, saying why", async () => {
    const { store } = setup('win32');
    const write = await store.set('privateKey', 'k'.repeat(WINDOWS_MAX_SECRET_BYTES + 1));
    expect(write).toMatchObject({ ok: false, error: { code: 'secret-too-large' } });
    if (!write.ok) expect(write.error.message).toContain('2048 or 3072 bits');
    expect(await store.set('privateKey', 'k'.repeat(WINDOWS_MAX_SECRET_BYTES))).toEqual({ ok: true });
  });
});
