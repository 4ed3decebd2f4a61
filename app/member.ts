// Who gets the points: a member by RM member ID, by phone number, or nobody yet (a claim QR the customer scans).
import { z } from 'zod';

export const MALAYSIA = '60';

export type MemberIdentity =
  | { type: 'ID'; memberId: string }
  | { type: 'PHONENUMBER'; countryCode: string; phoneNumber: string }
  | { type: 'QRCODE' };

const MEMBER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const COUNTRY_CODE = /^[1-9]\d{0,2}$/;
// Malaysian mobiles without the trunk 0: 1X-XXX XXXX (9 digits) or 11-XXXX XXXX (10 digits). Loyalty members sign up
// with a mobile number (RM sends them an OTP), so a landline here is a typing mistake.
const MALAYSIAN_MOBILE = /^1\d{8,9}$/;
const OTHER_NATIONAL_NUMBER = /^\d{4,14}$/;

export const memberIdentitySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ID'),
    memberId: z.string().regex(MEMBER_ID, 'A member ID is 1-64 letters, digits, "-" or "_".'),
  }),
  z
    .object({
      type: z.literal('PHONENUMBER'),
      countryCode: z.string().regex(COUNTRY_CODE, 'A country code is 1-3 digits, like 60.'),
      phoneNumber: z.string(),
    })
    .superRefine((value, ctx) => {
      const problem = phoneProblem(value.countryCode, value.phoneNumber);
      if (problem) ctx.addIssue({ code: 'custom', path: ['phoneNumber'], message: problem });
    }),
  z.object({ type: z.literal('QRCODE') }),
]);

export type ParsedPhone = { ok: true; countryCode: string; phoneNumber: string } | { ok: false; message: string };

/**
 * A phone number as a customer says it: "017-282 6990", "0172826990", "60172826990", "+60 17 282 6990" all become
 * country code 60 and national number 172826990 (RM's form: no trunk 0).
 */
export function parsePhone(text: string, countryCode: string = MALAYSIA): ParsedPhone {
  const trimmed = text.trim();
  if (!/^\+?[\d\s\-().]+$/.test(trimmed)) {
    return { ok: false, message: `"${text}" is not a phone number: use digits only, like 017-282 6990.` };
  }
  let digits = trimmed.replace(/\D/g, '');
  const international = trimmed.startsWith('+') || (digits.startsWith(countryCode) && digits.length > 10);
  if (international) {
    if (!digits.startsWith(countryCode)) {
      return { ok: false, message: `"${text}" is not a +${countryCode} number.` };
    }
    digits = digits.slice(countryCode.length);
  }
  if (countryCode === MALAYSIA) digits = digits.replace(/^0/, '');
  const problem = phoneProblem(countryCode, digits);
  return problem ? { ok: false, message: problem } : { ok: true, countryCode, phoneNumber: digits };
}

function phoneProblem(countryCode: string, nationalNumber: string): string | null {
  if (countryCode === MALAYSIA) {
    return MALAYSIAN_MOBILE.test(nationalNumber)
      ? null
      : 'A Malaysian mobile number has 10 or 11 digits and starts with 01, like 017-282 6990.';
  }
  return OTHER_NATIONAL_NUMBER.test(nationalNumber) ? null : 'The phone number must have 4 to 14 digits.';
}

/** How a member is shown on screen and in reports: the phone in full (staff confirm it aloud) or the member ID. */
export function describeMember(member: MemberIdentity): string {
  switch (member.type) {
    case 'ID':
      return member.memberId;
    case 'PHONENUMBER':
      return `+${member.countryCode} ${member.phoneNumber}`;
    case 'QRCODE':
      return 'claim QR';
  }
}
