// The hub counts a name's wrong passwords from one address as the counter's PIN pad counts wrong PINs: 3 free, then
// 30 s doubling to an hour, each wrong password finding the count faded by the quiet before it (one per 15 minutes).
import { describe, expect, it } from 'vitest';
import { lockEndsAt } from '../../hub/people.ts';
import { addressBlock } from '../../hub/address-block.ts';

const MINUTE = 60_000;

describe('when a hub sign-in lock ends', () => {
  it('is never for no wrong passwords, nor for fewer than three', () => {
    expect(lockEndsAt([])).toBe(0);
    expect(lockEndsAt([0, 1_000])).toBe(1_000);
  });

  it('locks 30 s after the third, a minute after the fourth, up to an hour', () => {
    expect(lockEndsAt([0, 1_000, 2_000])).toBe(2_000 + 30_000);
    expect(lockEndsAt([0, 1_000, 2_000, 40_000])).toBe(40_000 + 60_000);
    const twelve = Array.from({ length: 12 }, (_, i) => i * 1_000);
    expect(lockEndsAt(twelve)).toBe(11_000 + 60 * MINUTE);
  });

  it('counts the quiet before each one: ten long ago and one typo now lock nothing', () => {
    const ten = Array.from({ length: 10 }, (_, i) => i * 1_000);
    // 2 h 15 min of quiet fades nine of the ten; the typo makes two.
    expect(lockEndsAt([...ten, 9_000 + 135 * MINUTE])).toBe(9_000 + 135 * MINUTE);
  });
});

describe('the block sign-in limits count an address by', () => {
  it('is an IPv4 address itself, and an IPv6 address its /64, however it is written', () => {
    expect(addressBlock('203.0.113.9')).toBe('203.0.113.9');
    for (const written of ['2001:db8::1', '2001:DB8:0:0:ffff::5', '2001:0db8:0000:0000:1:2:3:4', '2001:db8::1%eth0']) {
      expect(addressBlock(written), written).toBe('2001:0db8:0000:0000::/64');
    }
    expect(addressBlock('2001:db8:1:2:3:4:5:6')).toBe('2001:0db8:0001:0002::/64');
    expect(addressBlock('::1')).toBe('0000:0000:0000:0000::/64');
    expect(addressBlock('64:ff9b::1.2.3.4')).toBe('0064:ff9b:0000:0000::/64');
    expect(addressBlock('2001:db8:a:b::')).toBe('2001:0db8:000a:000b::/64');
  });
});
