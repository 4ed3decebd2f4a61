import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMalaysianPhone } from '../../app/common/malaysian-phone.ts';

const national = (text: string): string | undefined => {
  const parsed = parseMalaysianPhone(text);
  return parsed.ok ? parsed.nationalNumber : undefined;
};

describe('Malaysian phone numbers -> country code 60 + national number without the 0', () => {
  it('reads the same mobile number written every usual way', () => {
    for (const written of ['0172826990', '60172826990', '+60 17-282 6990', '+60172826990', '017-282 6990', '(017) 282 6990', '0060172826990', '+60 017-282 6990']) {
      expect(parseMalaysianPhone(written), written).toEqual({
        ok: true,
        countryCode: '60',
        nationalNumber: '172826990',
        kind: 'mobile',
      });
    }
  });

  it('reads full-width digits, dashes, plus and spaces from a Chinese IME as the ASCII number', () => {
    for (const written of ['０１７－２８２　６９９０', '＋６０　１７－２８２　６９９０', '（０１７）２８２６９９０']) {
      expect(parseMalaysianPhone(written), written).toEqual({ ok: true, countryCode: '60', nationalNumber: '172826990', kind: 'mobile' });
    }
  });

  it('refuses Arabic-Indic and Devanagari digits, which NFKC leaves as they are', () => {
    expect(parseMalaysianPhone('٠١٧٢٨٢٦٩٩٠')).toMatchObject({ ok: false, code: 'phone.characters' });
    expect(parseMalaysianPhone('०१७२८२६९९०')).toMatchObject({ ok: false, code: 'phone.characters' });
  });

  it('takes 8-digit subscriber numbers (011 always; other 01x prefixes too)', () => {
    expect(national('011-1234 5678')).toBe('1112345678');
    expect(national('+60 16-1234 5678')).toBe('1612345678');
  });

  it('takes landlines with the lengths of their areas', () => {
    expect(parseMalaysianPhone('03-2123 4567')).toMatchObject({ ok: true, nationalNumber: '321234567', kind: 'landline' });
    expect(national('04-226 1234')).toBe('42261234'); // Penang: 7-digit subscriber
    expect(national('088-21 2345')).toBe('88212345'); // Sabah: 2-digit area + 6
    expect(national('+60 9-747 1234')).toBe('97471234');
  });

  it('says what is wrong with a number of the wrong length', () => {
    expect(parseMalaysianPhone('017-282 699')).toEqual({
      ok: false,
      reason: expect.stringMatching(/9 digits.*10 or 11/) as string,
      code: 'phone.length',
      params: { number: '017282699', digits: 9, expected: '10/11' },
    });
    expect(parseMalaysianPhone('011-282 6990')).toMatchObject({ ok: false, reason: expect.stringContaining('011') as string });
    expect(parseMalaysianPhone('03-2123 456')).toMatchObject({ ok: false });
    expect(parseMalaysianPhone('04-2261 2345')).toMatchObject({ ok: false });
  });

  it('refuses foreign, business and malformed numbers with a reason', () => {
    expect(parseMalaysianPhone('+65 6123 4567')).toMatchObject({ ok: false, reason: expect.stringContaining('+60') as string });
    expect(parseMalaysianPhone('1-800-88-1234')).toMatchObject({ ok: false });
    expect(parseMalaysianPhone('1800881234')).toMatchObject({ ok: false });
    expect(parseMalaysianPhone('01800881234')).toMatchObject({ ok: false, reason: expect.stringContaining('business') as string });
    expect(parseMalaysianPhone('017-ABC 6990')).toMatchObject({ ok: false, reason: expect.stringContaining('digits') as string });
    expect(parseMalaysianPhone('02-1234 5678')).toMatchObject({ ok: false });
    expect(parseMalaysianPhone('')).toMatchObject({ ok: false });
  });

  it('property: every valid 01x mobile reads the same from 0…, 60… and +60 with separators', () => {
    const mobile = fc
      .tuple(fc.constantFrom('10', '12', '13', '14', '16', '17', '18', '19'), fc.stringMatching(/^[0-9]{7}$/))
      .map(([prefix, subscriber]) => `${prefix}${subscriber}`);
    fc.assert(
      fc.property(mobile, (n) => {
        const spaced = `+60 ${n.slice(0, 2)}-${n.slice(2, 5)} ${n.slice(5)}`;
        return national(`0${n}`) === n && national(`60${n}`) === n && national(spaced) === n;
      }),
    );
  });

  it('property: never throws, whatever is scanned', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (text) => typeof parseMalaysianPhone(text).ok === 'boolean'));
  });
});
