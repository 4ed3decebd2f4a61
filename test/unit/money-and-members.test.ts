import { describe, expect, it } from 'vitest';
import { formatRinggit, MAX_AMOUNT_SEN, parseRinggit } from '../../app/money.ts';
import { describeMember, memberIdentitySchema, parsePhone } from '../../app/member.ts';

describe('ringgit at the edges, sen inside', () => {
  it.each([
    ['12.50', 1250],
    ['12.5', 1250],
    ['12', 1200],
    ['0.01', 1],
    ['RM 12.50', 1250],
    ['rm12.50', 1250],
    ['1,234.50', 123450],
    [' 7.05 ', 705],
  ])('%s is %i sen', (text, sen) => {
    expect(parseRinggit(text)).toEqual({ ok: true, sen });
  });

  it.each(['', 'abc', '12.505', '-1', '0', '0.00', '1e3', '12,5', '.5', 'NaN', '1000000.01', '12.50.1'])('refuses "%s" with a message', (text) => {
    const parsed = parseRinggit(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(10);
  });

  it('formats sen as ringgit with two decimals', () => {
    expect(formatRinggit(1250)).toBe('12.50');
    expect(formatRinggit(5)).toBe('0.05');
    expect(formatRinggit(-705)).toBe('-7.05');
    expect(formatRinggit(MAX_AMOUNT_SEN)).toBe('1000000.00');
  });

  it('round-trips every sen value through text', () => {
    for (let sen = 1; sen < 20_000; sen += 7) expect(parseRinggit(formatRinggit(sen))).toEqual({ ok: true, sen });
  });
});

describe('phone numbers as customers say them', () => {
  it.each([
    ['0172826990', '172826990'],
    ['017-282 6990', '172826990'],
    ['172826990', '172826990'],
    ['60172826990', '172826990'],
    ['+60 17-282 6990', '172826990'],
    ['011-1234 5678', '1112345678'],
    ['+601112345678', '1112345678'],
  ])('%s -> 60 %s', (text, national) => {
    expect(parsePhone(text)).toEqual({ ok: true, countryCode: '60', phoneNumber: national });
  });

  it.each(['', '12345', '0312345678', '+65 9123 4567', '017282699', '01728269901234', 'phone', '017\u0000282'])('refuses "%s"', (text) => {
    expect(parsePhone(text).ok).toBe(false);
  });

  it('validates identities with a message naming the problem', () => {
    expect(memberIdentitySchema.safeParse({ type: 'ID', memberId: '2777058682717858418' }).success).toBe(true);
    expect(memberIdentitySchema.safeParse({ type: 'ID', memberId: '' }).success).toBe(false);
    const badPhone = memberIdentitySchema.safeParse({ type: 'PHONENUMBER', countryCode: '60', phoneNumber: '0172826990' });
    expect(badPhone.success).toBe(false);
    expect(badPhone.error?.issues[0]?.path).toEqual(['phoneNumber']);
    expect(memberIdentitySchema.safeParse({ type: 'QRCODE' }).success).toBe(true);
    expect(describeMember({ type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' })).toBe('+60 172826990');
  });
});
