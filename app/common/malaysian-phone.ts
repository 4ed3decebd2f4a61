// Malaysian phone numbers in the form Revenue Monster wants: country code 60 and the national number without its
// leading 0 ("017-282 6990" -> 172826990). Lengths follow MCMC's numbering plan:
//   mobile   01x + 7 digits, or + 8 digits (011 always has 8)      -> national number of 9 or 10 digits starting with 1
//   landline 03 + 8 digits (Klang Valley)                           -> 9 digits starting with 3
//            04-07, 09 + 7 digits (Peninsular), 08x + 6 (East)     -> 8 digits starting with 4-9
// 1-300 / 1-700 / 1-800 numbers belong to businesses, never to a member.

export const MALAYSIA_COUNTRY_CODE = '60';

export type PhoneKind = 'mobile' | 'landline';

export type PhoneParse =
  | { ok: true; countryCode: typeof MALAYSIA_COUNTRY_CODE; nationalNumber: string; kind: PhoneKind }
  | PhoneProblem;

/** Why a text is not a phone number: `reason` in words for the command line; `code` and `params` for the screens. */
export interface PhoneProblem {
  ok: false;
  reason: string;
  code: PhoneProblemCode;
  params: Record<string, string | number>;
}

export const PHONE_PROBLEM_CODES = ['phone.characters', 'phone.notMalaysian', 'phone.prefix', 'phone.business', 'phone.notMobileOrLandline', 'phone.length'] as const;
export type PhoneProblemCode = (typeof PHONE_PROBLEM_CODES)[number];

function problem(code: PhoneProblemCode, reason: string, params: PhoneProblem['params'] = {}): PhoneProblem {
  return { ok: false, reason, code, params };
}

const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/;
const BUSINESS_NUMBER = /^1[378]00\d{6}$/;

export function parseMalaysianPhone(text: string): PhoneParse {
  // A Chinese IME in full-width mode types "０１２－３４５" with U+3000 for a space: NFKC folds it to ASCII (as the PIN is
  // folded), while other scripts' digits, which NFKC leaves alone, stay refused.
  const trimmed = text.normalize('NFKC').trim();
  if (!PHONE_CHARACTERS.test(trimmed)) {
    return problem('phone.characters', 'a phone number has only digits, spaces, dashes, brackets and a leading +');
  }
  const national = nationalPart(trimmed.startsWith('+'), trimmed.replace(/\D/g, ''));
  if (typeof national !== 'string') return national;
  return validateNational(national);
}

function nationalPart(international: boolean, digits: string): string | PhoneProblem {
  let rest: string;
  if (international || digits.startsWith('00')) {
    const withoutExit = international ? digits : digits.slice(2);
    if (!withoutExit.startsWith(MALAYSIA_COUNTRY_CODE)) {
      return problem('phone.notMalaysian', 'only Malaysian numbers (+60) can be used');
    }
    rest = withoutExit.slice(MALAYSIA_COUNTRY_CODE.length);
  } else if (digits.startsWith(MALAYSIA_COUNTRY_CODE)) {
    rest = digits.slice(MALAYSIA_COUNTRY_CODE.length);
  } else if (digits.startsWith('0')) {
    rest = digits.slice(1);
  } else {
    return problem('phone.prefix', 'a Malaysian phone number starts with 0, 60 or +60');
  }
  // "+60 017-..." is a common way of writing it: the trunk 0 after the country code is dropped.
  return rest.startsWith('0') ? rest.slice(1) : rest;
}

function validateNational(national: string): PhoneParse {
  const written = `0${national}`;
  if (BUSINESS_NUMBER.test(national)) {
    return problem('phone.business', `${written} is a 1-300/1-700/1-800 business number, not a member's phone`, { number: written });
  }
  const first = national[0];
  if (first === '1') {
    const allowed = national.startsWith('11') ? [10] : [9, 10];
    return checkLength(national, allowed, 'mobile', `a mobile number 0${national.slice(0, 2)}`);
  }
  if (first === '3') return checkLength(national, [9], 'landline', 'a 03 number');
  if (first !== undefined && '456789'.includes(first)) {
    return checkLength(national, [8], 'landline', `a 0${first} number`);
  }
  return problem('phone.notMobileOrLandline', `${written} is not a Malaysian mobile (01x) or landline (03-09) number`, { number: written });
}

function checkLength(national: string, allowed: number[], kind: PhoneKind, what: string): PhoneParse {
  if (allowed.includes(national.length)) {
    return { ok: true, countryCode: MALAYSIA_COUNTRY_CODE, nationalNumber: national, kind };
  }
  const expected = allowed.map((length) => length + 1).join(' or ');
  return problem('phone.length', `0${national} has ${national.length + 1} digits; ${what} has ${expected} (with the 0)`, {
    number: `0${national}`,
    digits: national.length + 1,
    // Digits only, so the sentence around them can be in any language.
    expected: allowed.map((length) => length + 1).join('/'),
  });
}
