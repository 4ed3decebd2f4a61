// Who gets the points, as people write it: a member by RM member ID, by phone number, or nobody yet (a claim QR the
// customer scans). Plain functions every room uses (the core, the CLI, the counter's screen, the sandbox), so a phone
// the counter accepts is exactly one the core accepts. The schemas that check these at the core's door are in
// app/member.ts.
import { MALAYSIA_COUNTRY_CODE, parseMalaysianPhone } from './malaysian-phone.ts';

export type MemberIdentity =
  | { type: 'ID'; memberId: string }
  | { type: 'PHONENUMBER'; countryCode: string; phoneNumber: string }
  | { type: 'QRCODE' };

export const MEMBER_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const COUNTRY_CODE = /^[1-9]\d{0,2}$/;
const OTHER_NATIONAL_NUMBER = /^\d{4,14}$/;
const OTHER_PHONE_TEXT = /^\+?[\d\s\-().]+$/;

/** A member ID as typed or scanned: RM's member IDs are 1-64 letters, digits, "-" or "_". */
export type ParsedMemberId = { ok: true; memberId: string } | { ok: false; message: string; code: 'member.idFormat'; params: Record<string, never> };
export const MEMBER_ID_MESSAGE = 'A member ID is 1-64 letters, digits, "-" or "_".';

export function parseMemberId(text: string): ParsedMemberId {
  // Full-width "１２３４５６７８９０" from a Chinese IME is the member's ID: NFKC folds it to the ASCII that RM knows.
  const memberId = text.normalize('NFKC').trim();
  if (MEMBER_ID.test(memberId)) return { ok: true, memberId };
  return { ok: false, message: MEMBER_ID_MESSAGE, code: 'member.idFormat', params: {} };
}

export type ParsedPhone =
  | { ok: true; countryCode: string; phoneNumber: string }
  /** `code` and `params` name the problem for the screens (app/messages.ts); `message` says it in English. */
  | { ok: false; message: string; code: string; params: Record<string, string | number> };

/**
 * A phone number as a customer says it: "017-282 6990", "0172826990", "60172826990", "+60 17 282 6990", and "17-282
 * 6990" without its trunk 0, all become country code 60 and national number 172826990 (RM's form: no trunk 0).
 */
export function parsePhone(typed: string, countryCode: string = MALAYSIA_COUNTRY_CODE): ParsedPhone {
  // Full-width digits and dashes from a Chinese IME, folded to ASCII before any rule reads them.
  const text = typed.normalize('NFKC');
  if (countryCode !== MALAYSIA_COUNTRY_CODE) return parseOtherPhone(text, countryCode);
  // Customers often leave out the trunk 0 when they read their number aloud: put it back before the usual rules.
  const said = /^\s*1/.test(text) ? `0${text.trim()}` : text;
  const phone = parseMalaysianPhone(said);
  if (!phone.ok) return { ok: false, message: sentence(phone.reason), code: phone.code, params: phone.params };
  if (phone.kind !== 'mobile') return { ok: false, message: MOBILE_ONLY, code: 'phone.mobileOnly', params: {} };
  return { ok: true, countryCode: MALAYSIA_COUNTRY_CODE, phoneNumber: phone.nationalNumber };
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

export function phoneProblem(countryCode: string, nationalNumber: string): string | null {
  if (countryCode === MALAYSIA_COUNTRY_CODE) {
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

/**
 * A member as staff read it back to the customer: the phone in full or the member ID. The one wording for the screens,
 * the counter's and head office's CSVs and the command line, so a manager matching a row of the export to a sale on
 * screen reads the same text in both. Null for a claim QR: the screens name it in their reader's language.
 */
export function memberText(member: MemberIdentity): string | null {
  switch (member.type) {
    case 'ID':
      return member.memberId;
    case 'PHONENUMBER':
      return phoneText(member.countryCode, member.phoneNumber);
    case 'QRCODE':
      return null;
  }
}

/** How a member is shown in English, for the command line: a claim QR in words. */
export function describeMember(member: MemberIdentity): string {
  return memberText(member) ?? 'claim QR';
}

/**
 * "+60 17-282 6990": a Malaysian mobile grouped as Malaysians write it (172826990 -> 17-282 6990, 1123456789 ->
 * 11-2345 6789). Other countries' numbers, and anything that is not a mobile's digits, stay as stored: grouping them
 * the Malaysian way would misstate them.
 */
export function phoneText(countryCode: string, phoneNumber: string): string {
  return `+${countryCode} ${countryCode === MALAYSIA_COUNTRY_CODE ? groupedMobile(phoneNumber) : phoneNumber}`;
}

function groupedMobile(digits: string): string {
  if (!/^1\d{8,9}$/.test(digits)) return digits;
  const rest = digits.slice(2);
  const split = rest.length - 4;
  return `${digits.slice(0, 2)}-${rest.slice(0, split)} ${rest.slice(split)}`;
}
