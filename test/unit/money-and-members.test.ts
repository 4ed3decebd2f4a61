import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRinggit, MAX_AMOUNT_SEN, parseRinggit } from '../../app/common/money.ts';
import { describeMember, memberText, parseMemberId, parsePhone } from '../../app/common/member.ts';
import { memberIdentitySchema } from '../../app/member.ts';

describe('ringgit at the edges, sen inside: one grammar for the counter, the CLI and the sandbox', () => {
  it.each([
    ['12.50', 1250],
    ['12.5', 1250],
    ['12', 1200],
    ['12.', 1200],
    ['.5', 50],
    ['0.01', 1],
    [' 0.29 ', 29],
    ['0.07', 7],
    ['RM 12.50', 1250],
    ['rm12.50', 1250],
    ['1,234.50', 123450],
    ['1,000,000.00', MAX_AMOUNT_SEN],
    ['1000000', MAX_AMOUNT_SEN],
    [' 7.05 ', 705],
  ])('%s is %i sen', (text, sen) => {
    expect(parseRinggit(text)).toEqual({ ok: true, sen });
  });

  it.each([
    ['', 'empty'],
    ['RM ', 'empty'],
    ['abc', 'format'],
    ['.', 'format'],
    ['-1', 'format'],
    ['1e3', 'format'],
    ['12,5', 'format'],
    ['1,2345', 'format'],
    ['NaN', 'format'],
    ['12.50.1', 'format'],
    ['12a', 'format'],
    ['12.505', 'decimals'],
    ['0', 'zero'],
    ['0.00', 'zero'],
    ['1000000.01', 'tooLarge'],
    ['99999999999', 'tooLarge'],
  ] as const)('refuses "%s" as %s, with a sentence that says so', (text, problem) => {
    const parsed = parseRinggit(text);
    expect(parsed).toMatchObject({ ok: false, problem });
    if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(10);
  });

  // A Chinese IME in full-width mode, and in Chinese punctuation mode (the ideographic full stop for ".").
  it.each([
    ['１２.５０', 1250],
    ['１２．５０', 1250],
    ['ＲＭ　１２．５０', 1250],
    ['１，２３４．５０', 123450],
    ['12。50', 1250],
    ['１２。５', 1250],
    ['12｡50', 1250],
  ])('full-width %s is %i sen', (text, sen) => {
    expect(parseRinggit(text)).toEqual({ ok: true, sen });
  });

  // NFKC leaves other scripts' digits alone: read as they stand, they are not an amount Kaunter guesses at.
  it.each([
    ['١٢٫٥٠', 'format'],
    ['۱۲.۵۰', 'format'],
    ['१२.५०', 'format'],
    ['１２ａ', 'format'],
    ['１２．５０５', 'decimals'],
    ['12、50', 'format'],
  ])('refuses %s (%s)', (text, problem) => {
    expect(parseRinggit(text)).toMatchObject({ ok: false, problem });
  });

  it('formats sen as ringgit with two decimals', () => {
    expect(formatRinggit(1250)).toBe('12.50');
    expect(formatRinggit(5)).toBe('0.05');
    expect(formatRinggit(-705)).toBe('-7.05');
    expect(formatRinggit(MAX_AMOUNT_SEN)).toBe('1000000.00');
  });

  it('gives back exactly the sen it was written from, for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_SEN }), (sen) => {
        expect(parseRinggit(formatRinggit(sen))).toEqual({ ok: true, sen });
      }),
    );
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

  it.each([
    ['０１２－３４５　６７８９', '123456789'],
    ['＋６０１２３４５６７８９', '123456789'],
    ['１７２８２６９９０', '172826990'],
  ])('full-width %s -> 60 %s, the ASCII digits RM and the core take', (text, national) => {
    const parsed = parsePhone(text);
    expect(parsed).toEqual({ ok: true, countryCode: '60', phoneNumber: national });
    expect(memberIdentitySchema.safeParse({ type: 'PHONENUMBER', ...parsed }).success).toBe(true);
  });

  it('folds full-width digits for a number of another country too', () => {
    expect(parsePhone('＋６５　９１２３　４５６７', '65')).toEqual({ ok: true, countryCode: '65', phoneNumber: '91234567' });
  });

  it.each(['', '12345', '0312345678', '+65 9123 4567', '017282699', '01728269901234', 'phone', '017\u0000282', '٠١٢٣٤٥٦٧٨٩', '०१७२८२६९९०'])('refuses "%s"', (text) => {
    expect(parsePhone(text).ok).toBe(false);
  });

  it('validates identities with a message naming the problem', () => {
    expect(memberIdentitySchema.safeParse({ type: 'ID', memberId: '2777058682717858418' }).success).toBe(true);
    expect(memberIdentitySchema.safeParse({ type: 'ID', memberId: '' }).success).toBe(false);
    const badPhone = memberIdentitySchema.safeParse({ type: 'PHONENUMBER', countryCode: '60', phoneNumber: '0172826990' });
    expect(badPhone.success).toBe(false);
    expect(badPhone.error?.issues[0]?.path).toEqual(['phoneNumber']);
    expect(memberIdentitySchema.safeParse({ type: 'QRCODE' }).success).toBe(true);
    expect(describeMember({ type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' })).toBe('+60 17-282 6990');
  });
});

describe('a member as staff read it back: the one wording of the screens, the CSVs and the command line', () => {
  it.each([
    ['172826990', '+60 17-282 6990'],
    ['1112345678', '+60 11-1234 5678'],
    ['1612345678', '+60 16-1234 5678'],
  ])('a Malaysian mobile %s reads %s, grouped as Malaysians write it', (phoneNumber, shown) => {
    expect(memberText({ type: 'PHONENUMBER', countryCode: '60', phoneNumber })).toBe(shown);
  });

  it('leaves a number it cannot group as stored, rather than misstate it', () => {
    expect(memberText({ type: 'PHONENUMBER', countryCode: '65', phoneNumber: '191234567' })).toBe('+65 191234567');
    expect(memberText({ type: 'PHONENUMBER', countryCode: '60', phoneNumber: '31234567' })).toBe('+60 31234567');
  });

  it('keeps a member ID as it is, and leaves a claim QR for the screens to name in their language', () => {
    expect(memberText({ type: 'ID', memberId: '2777058682717858418' })).toBe('2777058682717858418');
    expect(memberText({ type: 'QRCODE' })).toBeNull();
    expect(describeMember({ type: 'ID', memberId: 'M-1001' })).toBe('M-1001');
    expect(describeMember({ type: 'QRCODE' })).toBe('claim QR');
  });
});

describe('member IDs as typed', () => {
  it('takes a full-width ID from a Chinese IME as the ASCII ID RM knows, and that is what the core takes', () => {
    expect(parseMemberId('１２３４５６７８９０')).toEqual({ ok: true, memberId: '1234567890' });
    expect(parseMemberId('　ＭＥＭ－００１＿ａ　')).toEqual({ ok: true, memberId: 'MEM-001_a' });
    expect(memberIdentitySchema.safeParse({ type: 'ID', memberId: '1234567890' }).success).toBe(true);
    expect(memberIdentitySchema.safeParse({ type: 'ID', memberId: '１２３４５６７８９０' }).success).toBe(false);
  });

  it.each(['١٢٣٤٥٦٧٨٩٠', 'ＭＥＭ　００１', 'mem.001', ''])('refuses "%s"', (text) => {
    expect(parseMemberId(text)).toMatchObject({ ok: false, code: 'member.idFormat' });
  });
});
