// Reading the fields of loyalty requests strictly, with RM's types: amounts are whole sen as JSON numbers, codes and
// phone numbers are strings of digits. Each refusal names the field and says what it should hold.
import { validationError } from './errors.ts';
import type { AwardType } from './ledger.ts';

type Fields = Record<string, unknown>;

const DIGITS = /^\d{1,20}$/;
const AWARD_TYPES: readonly AwardType[] = ['ID', 'PHONENUMBER', 'QRCODE'];

export function readCurrency(body: Fields): 'MYR' {
  if (body.currencyType !== 'MYR') throw validationError('currencyType', 'must be "MYR" (the only currency RM supports).');
  return 'MYR';
}

export function readAmount(body: Fields): number {
  const amount = body.amount;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    throw validationError('amount', 'must be a whole number of sen greater than 0 (100 is RM 1.00).');
  }
  return amount;
}

export function readPoints(body: Fields): number {
  const points = body.point;
  if (typeof points !== 'number' || !Number.isSafeInteger(points) || points <= 0) {
    throw validationError('point', 'must be a whole number of points greater than 0, e.g. 100.');
  }
  return points;
}

export function readAwardType(body: Fields): AwardType {
  const type = AWARD_TYPES.find((candidate) => candidate === body.type);
  if (!type) throw validationError('type', 'must be "ID", "PHONENUMBER" or "QRCODE".');
  return type;
}

export function readText(fields: Fields, field: string, example: string): string {
  const value = fields[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw validationError(field, `is required and must be a string, e.g. "${example}".`);
  }
  return value;
}

export interface Phone {
  countryCode: string;
  phoneNumber: string;
}

export function readPhone(fields: Fields): Phone {
  const countryCode = fields.countryCode;
  if (typeof countryCode !== 'string' || !DIGITS.test(countryCode)) {
    throw validationError('countryCode', 'is required and must be a string of digits without "+", e.g. "60".');
  }
  const phoneNumber = fields.phoneNumber;
  if (typeof phoneNumber !== 'string' || !DIGITS.test(phoneNumber)) {
    throw validationError(
      'phoneNumber',
      'is required and must be a string of digits: the national number without the leading 0, e.g. "172826990".',
    );
  }
  return { countryCode, phoneNumber };
}

/** Said alongside MEMBER_NOT_FOUND when the number was probably typed the way people write it, not the way RM wants. */
export function phoneHint(phone: Phone): string {
  if (phone.phoneNumber.startsWith('0')) return ' Send the national number without its leading 0 (e.g. "172826990").';
  if (phone.phoneNumber.startsWith(phone.countryCode)) return ' Send the country code separately, not inside phoneNumber.';
  return '';
}
