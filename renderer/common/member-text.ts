// A member as the cashier reads it back to the customer: the phone in full, or the member ID.
import type { MemberIdentity } from '../types.ts';

/** Null for a claim QR (the caller shows its translated name). */
export function memberText(member: MemberIdentity): string | null {
  switch (member.type) {
    case 'ID':
      return member.memberId;
    case 'PHONENUMBER':
      return `+${member.countryCode} ${groupNationalNumber(member.phoneNumber)}`;
    case 'QRCODE':
      return null;
  }
}

/** 172826990 -> "17-282 6990"; 1123456789 -> "11-2345 6789" (how Malaysians write mobiles). */
function groupNationalNumber(digits: string): string {
  if (!/^1\d{8,9}$/.test(digits)) return digits;
  const prefix = digits.slice(0, 2);
  const rest = digits.slice(2);
  const split = rest.length - 4;
  return `${prefix}-${rest.slice(0, split)} ${rest.slice(split)}`;
}
