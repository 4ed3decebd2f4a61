// The hub's passwords: scrypt with p = 3. A hash an older hub made with p = 1 still matches, and a wrong password
// against it takes as long as against a new hash: the hub checks an unknown name against a new one (a decoy), so an
// older hash answering three times faster would tell which names exist.
import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordMatches, passwordNeedsRehash } from '../../app/manager/pin.ts';
import type { PinHash } from '../../app/settings.ts';

const PASSWORD = 'correct horse battery';

function olderHash(password: string): PinHash {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 2 ** 26 });
  return { algorithm: 'scrypt', peppered: false, salt: salt.toString('base64'), hash: hash.toString('base64'), n: 2 ** 15, r: 8, p: 1 };
}

/**
 * The CPU time a refusal takes, every thread of this process (scrypt runs in libuv's pool): the work an attacker's
 * clock would see, without the time other programs on a busy machine take from it (wall-clock medians of five went
 * from 1.0 to 0.61 with two busy loops on this 2-core machine; the top-up's absence gives 0.42).
 */
async function cpuMsToRefuse(stored: PinHash): Promise<number> {
  const started = process.cpuUsage();
  expect(await passwordMatches('not the password', stored)).toBe(false);
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe("the hub's password hashes", () => {
  it('are made with p = 3; an older p = 1 hash still matches and is due to be made again', async () => {
    const current = await hashPassword(PASSWORD);
    expect(current).toMatchObject({ n: 2 ** 15, r: 8, p: 3 });
    expect(passwordNeedsRehash(current)).toBe(false);
    const older = olderHash(PASSWORD);
    expect(await passwordMatches(PASSWORD, older)).toBe(true);
    expect(passwordNeedsRehash(older)).toBe(true);
  });

  it('refuse a wrong password against an older hash no faster than against a new one', async () => {
    const current = await hashPassword(PASSWORD);
    const older = olderHash(PASSWORD);
    const currentMs: number[] = [];
    const olderMs: number[] = [];
    // Taken in turns, so whatever else the process does meets both alike. Without the top-up the ratio is about 1/3.
    for (let round = 0; round < 5; round += 1) {
      currentMs.push(await cpuMsToRefuse(current));
      olderMs.push(await cpuMsToRefuse(older));
    }
    expect(median(olderMs) / median(currentMs)).toBeGreaterThan(0.7);
  });
});
