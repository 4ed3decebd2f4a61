// The counter's member look-ups are limited (the preview cannot be used to read the loyalty list), but reading back the
// new balance of the member the counter has just credited is part of the award, and never waits for the allowance.
import { describe, expect, it } from 'vitest';
import { LOOKUP_BURST, MemberLookups, type LookupOutcome } from '../../app/awards/member-lookups.ts';
import type { MemberIdentity } from '../../app/common/member.ts';

const found = (points: number): Promise<LookupOutcome> => Promise.resolve({ member: { name: 'Nurul A.', points }, problem: null });
const stranger = (i: number): MemberIdentity => ({ type: 'PHONENUMBER', countryCode: '60', phoneNumber: `1${String(i).padStart(8, '0')}` });

describe('member look-ups at the counter', () => {
  it('after a credit, the member\'s new balance is read even when the allowance is spent, once', async () => {
    const clock = 1_000;
    const lookups = new MemberLookups(() => clock);
    const nurul: MemberIdentity = { type: 'ID', memberId: '6190354873541245312' };
    expect((await lookups.lookUp(nurul, () => found(100))).member?.points).toBe(100);
    for (let i = 1; i < LOOKUP_BURST; i += 1) await lookups.lookUp(stranger(i), () => found(0));
    expect((await lookups.lookUp(stranger(99), () => found(0))).problem?.key).toBe('member.lookupsLimited');

    lookups.creditedTo('award-1', nurul);
    expect((await lookups.lookUp(nurul, () => found(112))).member?.points).toBe(112);
    // Once: a look-up of someone else still waits for the allowance.
    expect((await lookups.lookUp(stranger(98), () => found(0))).problem?.key).toBe('member.lookupsLimited');
  });
});
