// Starting a sandbox with settings that cannot work fails at once with a message naming the setting; members files
// are checked entry by entry; apps can be replaced at run time; the spending rule's arithmetic is exact.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pointsFor } from '../../app/sandbox/spending-rule.ts';
import {
  MemberSeedError,
  SandboxOptionsError,
  loadMembersFile,
  startSandbox,
  type SandboxMemberSeed,
} from '../../app/sandbox/index.ts';
import { TEST_APP, fetchToken, tokenRequest } from '../fixtures/sandbox-client.ts';

const scratch = mkdtempSync(join(tmpdir(), 'kaunter-sandbox-options-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const GOOD: SandboxMemberSeed = { memberId: '9000000000000000001', countryCode: '60', phoneNumber: '111222333', name: 'Aminah' };

describe('startSandbox options', () => {
  it('refuses impossible settings with SandboxOptionsError naming the setting', async () => {
    const cases: [Parameters<typeof startSandbox>[0], RegExp][] = [
      [{ port: -1 }, /port/],
      [{ port: 70000 }, /port/],
      [{ pointsPerRinggit: 0 }, /pointsPerRinggit/],
      [{ pointsPerRinggit: 1.23456 }, /at most 4 decimals/],
      [{ tokenLifetimeSeconds: 0 }, /tokenLifetimeSeconds/],
      [{ refreshTokenLifetimeSeconds: 1.5 }, /refreshTokenLifetimeSeconds/],
      [{ apps: [{ clientId: 'a', clientSecret: 'b', publicKeyPem: 'not a key' }] }, /App a: This is not a readable public key/],
      [{ apps: [{ clientId: 'a:b', clientSecret: 'c', publicKeyPem: null }] }, /clientId/],
      [{ apps: [{ clientId: 'a', clientSecret: '', publicKeyPem: null }] }, /clientSecret/],
    ];
    for (const [options, message] of cases) {
      await expect(startSandbox(options), JSON.stringify(options)).rejects.toThrow(message);
      await expect(startSandbox(options)).rejects.toBeInstanceOf(SandboxOptionsError);
    }
  });

  it('says clearly when the port is taken', async () => {
    const first = await startSandbox();
    try {
      await expect(startSandbox({ port: first.port })).rejects.toThrow(`Port ${first.port} is already in use`);
    } finally {
      await first.close();
    }
  });

  it('registerApp replaces an app: the old secret stops working, the new one works', async () => {
    const sandbox = await startSandbox({ apps: [TEST_APP] });
    try {
      sandbox.registerApp({ ...TEST_APP, clientSecret: 'rotated' });
      expect((await tokenRequest(sandbox.url, { grantType: 'client_credentials' })).status).toBe(401);
      expect((await fetchToken(sandbox.url, { ...TEST_APP, clientSecret: 'rotated' })).tokenType).toBe('Bearer');
      expect(() => sandbox.setClockSkewSeconds(1.5)).toThrow(SandboxOptionsError);
    } finally {
      await sandbox.close();
    }
  });
});

describe('member seeds', () => {
  it('name the bad entry and say what is expected', async () => {
    const cases: [unknown, RegExp][] = [
      [{ not: 'an array' }, /must be a JSON array/],
      [[GOOD, 'text'], /members\[1\]: must be an object/],
      [[{ ...GOOD, memberId: 9000000001 }], /members\[0\]: memberId must be a string of digits/],
      [[{ ...GOOD, memberId: 'M-1' }], /members\[0\] \(memberId "M-1"\): memberId must be a string of digits/],
      [[{ ...GOOD, countryCode: '+60' }], /countryCode must be a string of 1 to 4 digits/],
      [[{ ...GOOD, phoneNumber: '0111222333' }], /phoneNumber "0111222333" must be the national number .* without the leading 0/],
      [[{ ...GOOD, phoneNumber: undefined }], /phoneNumber undefined must be/],
      [[{ ...GOOD, name: '  ' }], /name must be non-empty text/],
      [[{ ...GOOD, name: 'Line\nbreak' }], /name must be non-empty text/],
      [[{ ...GOOD, points: -1 }], /points, when given, must be a whole number/],
      [[GOOD, { ...GOOD, phoneNumber: '199999999' }], /members\[1\]: memberId "9000000000000000001" appears twice/],
      [[GOOD, { ...GOOD, memberId: '9000000000000000002' }], /members\[1\]: phone number \+60 111222333 appears twice/],
    ];
    for (const [members, message] of cases) {
      const attempt = startSandbox({ members: members as SandboxMemberSeed[] });
      await expect(attempt, JSON.stringify(members)).rejects.toThrow(message);
      await expect(startSandbox({ members: members as SandboxMemberSeed[] })).rejects.toBeInstanceOf(MemberSeedError);
    }
  });

  it('loadMembersFile reads a good file and explains a broken one', () => {
    const good = join(scratch, 'good.json');
    writeFileSync(good, JSON.stringify([GOOD]));
    expect(loadMembersFile(good)).toEqual([{ ...GOOD, points: undefined, email: undefined }]);
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, '[{"memberId": ');
    expect(() => loadMembersFile(broken)).toThrow(/broken\.json is not valid JSON .* must be an array of members/);
  });
});

describe('the spending rule', () => {
  it('is floor(amountSen * rate / 100) with exact arithmetic', () => {
    expect(pointsFor(2900, 1)).toBe(29);
    expect(pointsFor(29, 100)).toBe(29);
    expect(pointsFor(100, 0.29)).toBe(0);
    expect(pointsFor(10000, 0.29)).toBe(29);
    expect(pointsFor(99, 1)).toBe(0);
    expect(pointsFor(Number.MAX_SAFE_INTEGER, 1)).toBe(Math.floor(Number.MAX_SAFE_INTEGER / 100));
  });
});
