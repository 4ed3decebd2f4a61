// Who gets the points: a member by RM member ID, by phone number, or nobody yet (a claim QR the customer scans).
import { z } from 'zod';
import { parseMalaysianPhone } from './malaysian-phone.ts';

export const MALAYSIA = '60';

export type MemberIdentity =
  | { type: 'ID'; memberId: string }
  | { type: 'PHONENUMBER'; countryCode: string; phoneNumber: string }
  | { type: 'QRCODE' };

const MEMBER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const COUNTRY_CODE = /^[1-9]\d{0,2}$/;
const OTHER_NATIONAL_NUMBER = /^\d{4,14}$/;
const OTHER_PHONE_TEXT = /^\+?[\d\s\-().]+$/;

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

/**
 * A member as the database holds it. It was checked against memberIdentitySchema when it was submitted, by the rules of
 * that version of Kaunter; reading it back only checks its shape, so a rule made stricter later never hides old awards
 * (a history page with one such award would otherwise fail as a whole).
 */
export const storedMemberSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ID'), memberId: z.string() }),
  z.object({ type: z.literal('PHONENUMBER'), countryCode: z.string(), phoneNumber: z.string() }),
  z.object({ type: z.literal('QRCODE') }),
]);

export type ParsedPhone =
  | { ok: true; countryCode: string; phoneNumber: string }
  /** `code` and `params` name the problem for the screens (app/messages.ts); `message` says it in English. */
  | { ok: false; message: string; code: string; params: Record<string, string | number> };

/**
 * A phone number as a customer says it: "017-282 6990", "0172826990", "60172826990", "+60 17 282 6990", and "17-282
 * 6990" without its trunk 0, all become country code 60 and national number 172826990 (RM's form: no trunk 0).
 */
export function parsePhone(text: string, countryCode: string = MALAYSIA): ParsedPhone {
  if (countryCode !== MALAYSIA) return parseOtherPhone(text, countryCode);
  // Customers often leave out the trunk 0 when they read their number aloud: put it back before the usual rules.
  const said = /^\s*1/.test(text) ? `0${text.trim()}` : text;
  const phone = parseMalaysianPhone(said);
  if (!phone.ok) return { ok: false, message: sentence(phone.reason), code: phone.code, params: phone.params };
  if (phone.kind !== 'mobile') return { ok: false, message: MOBILE_ONLY, code: 'phone.mobileOnly', params: {} };
  return { ok: true, countryCode: MALAYSIA, phoneNumber: phone.nationalNumber };
}

// Loyalty members sign up with a mobile number (RM sends them an OTP), so a landline here is a typing mistake.
const MOBILE_ONLY = 'A member\'s phone is a Malaysian mobile number: 10 or 11 digits starting with 01, like 017-282 6990.';

function parseOtherPhone(text: string, countryCode: string): ParsedPhone {
  if (!OTHER_PHONE_TEXT.test(text.trim())) return { ok: false, message: `"${text}" is not a phone number: use digits only.`, code: 'phone.digitsOnly', params: { text } };
  let digits = text.replace(/\D/g, '');
  if (text.trim().startsWith('+')) {
    if (!digits.startsWith(countryCode)) return { ok: false, message: `"${text}" is not a +${countryCode} number.`, code: 'phone.otherCountry', params: { text, countryCode } };
    digits = digits.slice(countryCode.length);
  }
  const problem = phoneProblem(countryCode, digits);
  return problem ? { ok: false, message: problem, code: 'phone.otherLength', params: {} } : { ok: true, countryCode, phoneNumber: digits };
}

function phoneProblem(countryCode: string, nationalNumber: string): string | null {
  if (countryCode === MALAYSIA) {
    const phone = parseMalaysianPhone(`0${nationalNumber}`);
    return phone.ok && phone.kind === 'mobile' && /^\d+$/.test(nationalNumber) ? null : MOBILE_ONLY;
  }
  return OTHER_NATIONAL_NUMBER.test(nationalNumber) ? null : 'The phone number must have 4 to 14 digits.';
}

function sentence(reason: string): string {
  return `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;
}

/** The identity as flat, nullable fields: how the database stores it and how `kaunter history --json` prints it. */
export function memberFields(member: MemberIdentity): { memberId: string | null; countryCode: string | null; phoneNumber: string | null } {
  return {
    memberId: member.type === 'ID' ? member.memberId : null,
    countryCode: member.type === 'PHONENUMBER' ? member.countryCode : null,
    phoneNumber: member.type === 'PHONENUMBER' ? member.phoneNumber : null,
  };
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
