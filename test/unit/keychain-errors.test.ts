import { describe, expect, it } from 'vitest';
import { adviceFor, classifyMessage, keychainFailure, redactSecrets } from '../../main/keychain/errors.ts';

describe('redactSecrets', () => {
  it('removes the whole secret, its JSON-escaped form and each PEM line', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    const text = `a ${pem} b ${JSON.stringify(pem)} c MIIEvQIBADANBgkqhkiG9w0BAQEFAASC`;
    const redacted = redactSecrets(text, [pem]);
    expect(redacted).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(redacted).not.toContain('BEGIN PRIVATE KEY');
    expect(redacted).toContain('[redacted]');
  });

  it('leaves other text alone and ignores very short fragments', () => {
    expect(redactSecrets('Could not connect: No such file', ['abc'])).toBe('Could not connect: No such file');
  });
});

describe('classifyMessage', () => {
  it('does not mistake a missing login collection for a missing Secret Service', () => {
    expect(classifyMessage('Object does not exist at path “/org/freedesktop/secrets/collection/login”')).toBe('no-default-keyring');
    expect(classifyMessage('The name org.freedesktop.secrets was not provided by any .service files')).toBe('no-secret-service');
  });

  it('calls anything unknown a generic keychain failure', () => {
    expect(classifyMessage('Something odd happened')).toBe('keychain-failed');
  });
});

describe('adviceFor', () => {
  it('gives Linux users the exact fix', () => {
    expect(adviceFor('no-secret-service', 'linux')).toMatch(/gnome-keyring.*KWallet/);
    expect(adviceFor('no-session-bus', 'linux')).toMatch(/desktop session/);
  });

  it('does not tell a Mac or Windows user to apt install anything', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(adviceFor('keychain-module-missing', platform)).not.toContain('apt');
      expect(adviceFor('no-secret-service', platform)).not.toContain('gnome');
    }
  });
});

describe('keychainFailure', () => {
  it('quotes the keychain for unknown failures, without the secret', () => {
    const error = keychainFailure(new Error('boom while saving hunter2-secret'), 'linux', ['hunter2-secret']);
    expect(error.code).toBe('keychain-failed');
    expect(error.message).toContain('boom while saving [redacted]');
    expect(error.detail).toBe('boom while saving [redacted]');
  });

  it('accepts non-Error throws', () => {
    expect(keychainFailure('Cannot create an item in a locked collection', 'linux', []).code).toBe('keyring-locked');
    expect(keychainFailure(undefined, 'linux', []).code).toBe('keychain-failed');
  });
});
