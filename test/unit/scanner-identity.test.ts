import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identityRulesSchema, type IdentityRules } from '../../app/scanner/identity-rules.ts';
import { identifyScan } from '../../app/scanner/member-identity.ts';
import { memberIdentitySchema } from '../../app/member.ts';

const rules = (overrides: Partial<IdentityRules> = {}): IdentityRules => identityRulesSchema.parse(overrides);
const MEMBER = '1589736419203847563';

describe('scanned text -> member identity', () => {
  it('reads an RM-style numeric member ID', () => {
    expect(identifyScan(MEMBER)).toEqual({ type: 'ID', memberId: MEMBER });
    expect(identifyScan(` ${MEMBER} `)).toEqual({ type: 'ID', memberId: MEMBER });
  });

  it('refuses a product\'s EAN or UPC when the scanner says it read one, and nothing else', () => {
    const product = (text: string) => ({ type: 'unrecognised', code: 'scan.productCode', params: { text } });
    // A Malaysian product (GS1 prefix 955), a UPC-A and an EAN-8, each with its check digit.
    expect(identifyScan('9556001234568', rules(), ']E0')).toMatchObject(product('9556001234568'));
    expect(identifyScan('012345678905', rules(), ']E0')).toMatchObject(product('012345678905'));
    expect(identifyScan('40063812', rules({ memberIdPattern: '\\d{8,20}' }), ']E4')).toMatchObject(product('40063812'));
    // The same digits from a scanner that names no symbology, or as a Code 128 or QR: the member's.
    for (const symbology of ['', ']C0', ']Q1']) expect(identifyScan('9556001234568', rules(), symbology)).toEqual({ type: 'ID', memberId: '9556001234568' });
    // A shop's own cards use GS1's in-store numbers (prefix 20-29); a wrong check digit is no product either.
    expect(identifyScan('2012345678903', rules(), ']E0')).toMatchObject({ type: 'ID' });
    expect(identifyScan('9556001234567', rules(), ']E0')).toEqual({ type: 'ID', memberId: '9556001234567' });
    // A receipt printed as an EAN-13 is still the receipt.
    expect(identifyScan('9556001234568', rules({ receiptPattern: '955\\d{10}' }), ']E0')).toEqual({ type: 'RECEIPT', reference: '9556001234568' });
  });

  it('reads an EAN-13 as the member where the shop turned the product refusal off (its cards are its own GS1 numbers)', () => {
    expect(identifyScan('9556001234568', rules({ refuseProductBarcodes: false }), ']E0')).toEqual({ type: 'ID', memberId: '9556001234568' });
  });

  it('reads phone numbers in every usual form as 60 + national number', () => {
    const phone = { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' };
    expect(identifyScan('0172826990')).toEqual(phone);
    expect(identifyScan('60172826990')).toEqual(phone);
    expect(identifyScan('+60 17-282 6990')).toEqual(phone);
    expect(identifyScan('017-282 6990')).toEqual(phone);
  });

  it('reads a keyboard-mode scan typed through a full-width IME as the ASCII the rules and RM use', () => {
    expect(identifyScan('１５８９７３６４１９２０３８４７５６３')).toEqual({ type: 'ID', memberId: MEMBER });
    expect(identifyScan('＋６０　１７－２８２　６９９０')).toEqual({ type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' });
    expect(identifyScan('ＩＮＶ－００４２', rules({ receiptPattern: 'INV-\\d{4}' }))).toEqual({ type: 'RECEIPT', reference: 'INV-0042' });
    expect(identifyScan('١٥٨٩٧٣٦٤١٩٢٠٣٨٤٧٥٦٣')).toMatchObject({ type: 'unrecognised', code: 'scan.unknown' });
  });

  it('treats bare digits as a member ID when the shop says bare digits are not phones', () => {
    expect(identifyScan('0172826990', rules({ bareDigitsArePhones: false }))).toEqual({ type: 'ID', memberId: '0172826990' });
    // Written as a phone number, it is still a phone number.
    expect(identifyScan('+60 17-282 6990', rules({ bareDigitsArePhones: false }))).toMatchObject({ type: 'PHONENUMBER' });
  });

  it('falls back to the member ID rule when bare digits starting with 0 or 60 are no valid phone', () => {
    expect(identifyScan('6000000000000001')).toEqual({ type: 'ID', memberId: '6000000000000001' });
  });

  it('explains a wrongly written phone number instead of guessing', () => {
    expect(identifyScan('+60 17-282 699')).toMatchObject({ type: 'unrecognised', reason: expect.stringContaining('digits') as string });
    expect(identifyScan('+65 6123 4567')).toMatchObject({ type: 'unrecognised', reason: expect.stringContaining('Malaysian') as string });
  });

  it('refuses a landline at the scan, since an award to one would be refused at Confirm', () => {
    expect(identifyScan('03-2123 4567')).toMatchObject({ type: 'unrecognised', code: 'scan.landline', reason: expect.stringContaining('landline') as string });
    // Bare digits too, which the member-ID pattern would otherwise take.
    expect(identifyScan('0321234567')).toMatchObject({ type: 'unrecognised', code: 'scan.landline' });
    expect(identifyScan('088123456')).toMatchObject({ type: 'unrecognised', code: 'scan.landline' });
    expect(memberIdentitySchema.safeParse({ type: 'PHONENUMBER', countryCode: '60', phoneNumber: '321234567' }).success).toBe(false);
  });

  it('reads a receipt barcode as a receipt when the shop set a receipt pattern, before any other rule', () => {
    const shop = rules({ receiptPattern: 'INV-\\d{6}|\\d{12}' });
    expect(identifyScan('INV-004211', shop)).toEqual({ type: 'RECEIPT', reference: 'INV-004211' });
    expect(identifyScan('000123456789', shop)).toEqual({ type: 'RECEIPT', reference: '000123456789' });
    expect(identifyScan('INV-004211')).toMatchObject({ type: 'unrecognised' });
    // The pattern must match the whole text, not a piece of it.
    expect(identifyScan('XINV-004211', shop)).toMatchObject({ type: 'unrecognised' });
  });

  it('uses the shop member ID pattern as a whole-text match', () => {
    const shop = rules({ memberIdPattern: 'M\\d{8}' });
    expect(identifyScan('M12345678', shop)).toEqual({ type: 'ID', memberId: 'M12345678' });
    expect(identifyScan('M123456789', shop)).toMatchObject({ type: 'unrecognised' });
    expect(identifyScan(MEMBER, shop)).toMatchObject({ type: 'unrecognised' });
  });

  it('says why other text is not a member, and shortens long text in the reason', () => {
    const result = identifyScan(`HELLO-${'x'.repeat(100)}`);
    expect(result).toMatchObject({ type: 'unrecognised' });
    expect(result.type === 'unrecognised' && result.reason.length).toBeLessThan(120);
    expect(identifyScan('')).toMatchObject({ type: 'unrecognised', reason: expect.stringContaining('empty') as string });
  });

  it('property: never throws and always gives one of the four shapes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) =>
        ['ID', 'PHONENUMBER', 'RECEIPT', 'unrecognised'].includes(identifyScan(text).type),
      ),
    );
  });
});

describe('member QR links (RM does not document its member QR format: both forms are accepted)', () => {
  it('takes the member ID from the query or from the path', () => {
    expect(identifyScan(`https://loyalty.revenuemonster.my/member?memberId=${MEMBER}`)).toEqual({ type: 'ID', memberId: MEMBER });
    expect(identifyScan(`https://revenuemonster.my/m?member_id=${MEMBER}&ref=qr`)).toEqual({ type: 'ID', memberId: MEMBER });
    expect(identifyScan(`https://loyalty.revenuemonster.my/member/${MEMBER}/`)).toEqual({ type: 'ID', memberId: MEMBER });
    expect(identifyScan(`https://app.revenuemonster.my/#/loyalty/member/${MEMBER}`)).toEqual({ type: 'ID', memberId: MEMBER });
    expect(identifyScan(`https://app.revenuemonster.my/#?id=${MEMBER}`)).toEqual({ type: 'ID', memberId: MEMBER });
  });

  it('prefers the last path segment that is a member ID (the member, not the merchant)', () => {
    expect(identifyScan(`https://revenuemonster.my/merchant/1234567890123/member/${MEMBER}`)).toEqual({ type: 'ID', memberId: MEMBER });
  });

  it('refuses links to other hosts, look-alike hosts and non-web schemes', () => {
    expect(identifyScan(`https://example.com/member/${MEMBER}`)).toMatchObject({
      type: 'unrecognised',
      reason: expect.stringContaining('example.com') as string,
    });
    expect(identifyScan(`https://revenuemonster.my.evil.example/member/${MEMBER}`)).toMatchObject({ type: 'unrecognised' });
    expect(identifyScan(`https://notrevenuemonster.my/member/${MEMBER}`)).toMatchObject({ type: 'unrecognised' });
    expect(identifyScan(`ftp://revenuemonster.my/member/${MEMBER}`)).toMatchObject({ type: 'unrecognised' });
  });

  it('accepts the hosts the shop configured', () => {
    const shop = rules({ memberUrlHosts: ['Members.MyShop.com.my'] });
    expect(identifyScan(`https://members.myshop.com.my/card/${MEMBER}`, shop)).toEqual({ type: 'ID', memberId: MEMBER });
    expect(identifyScan(`https://loyalty.revenuemonster.my/member/${MEMBER}`, shop)).toMatchObject({ type: 'unrecognised' });
  });

  it('explains a link that holds no member ID', () => {
    expect(identifyScan('https://revenuemonster.my/download-app')).toMatchObject({
      type: 'unrecognised',
      reason: expect.stringContaining('no member number') as string,
    });
    expect(identifyScan('https://revenuemonster.my/%E0%A4%A/x')).toMatchObject({ type: 'unrecognised' });
  });
});

describe('identity rules schema (what settings store)', () => {
  it('fills in the defaults', () => {
    expect(identityRulesSchema.parse({})).toEqual({
      memberIdPattern: '\\d{10,20}',
      bareDigitsArePhones: true,
      refuseProductBarcodes: true,
      receiptPattern: null,
      memberUrlHosts: ['revenuemonster.my'],
    });
  });

  it('rejects broken patterns and hosts with a message naming the field', () => {
    const broken = identityRulesSchema.safeParse({ memberIdPattern: '(\\d+', memberUrlHosts: ['https://x.my/'] });
    expect(broken.success).toBe(false);
    const paths = broken.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['memberIdPattern', 'memberUrlHosts.0']));
    expect(broken.error?.issues.find((i) => i.path[0] === 'memberIdPattern')?.message).toContain('not a pattern Kaunter can use');
  });

  it('refuses what cannot be matched in linear time, saying why', () => {
    for (const pattern of ['(?=INV)INV-\\d+', '(\\d)\\1+', 'INV-(?<!X)\\d+']) {
      const refused = identityRulesSchema.safeParse({ receiptPattern: pattern });
      expect(refused.success, pattern).toBe(false);
      expect(refused.error?.issues[0]?.message).toContain('linear time');
    }
  });
});

describe('matching time', () => {
  it('stays linear on patterns that make a backtracking engine take exponential time', () => {
    const shop = rules({ receiptPattern: '(a|a)+b', memberIdPattern: '(\\d+)+x' });
    const started = performance.now();
    expect(identifyScan(`${'a'.repeat(30)}c`, shop)).toMatchObject({ type: 'unrecognised' });
    expect(identifyScan('1'.repeat(30), shop)).toMatchObject({ type: 'unrecognised' });
    expect(identifyScan(`${'a'.repeat(499)}b`, shop)).toEqual({ type: 'RECEIPT', reference: `${'a'.repeat(499)}b` });
    // A backtracking engine needs seconds for the first two; RE2 needs well under a millisecond each.
    expect(performance.now() - started).toBeLessThan(500);
  });
});
