// Scanned text -> who (or what) it identifies, in the shapes Revenue Monster's spending-reward call takes.
//
// The rules are tried in this order, first match wins:
//   1. a link (member QR)         -> ID from the link, when the host is allowed
//   2. the shop's receipt pattern -> RECEIPT (so a receipt barcode fills the receipt field, not the member field)
//   3. a phone number             -> PHONENUMBER: "+60…" or digits with spaces/dashes always; bare digits starting
//                                    with 0 or 60 when `bareDigitsArePhones` (they also fit the member ID pattern)
//   4. a product's EAN/UPC        -> unrecognised (when the scanner said so and `refuseProductBarcodes`: product-barcode.ts)
//   5. the member ID pattern      -> ID
//   6. anything else              -> unrecognised, with a reason a cashier can act on
import { DEFAULT_IDENTITY_RULES, matchesWholeText, type IdentityRules } from './identity-rules.ts';
import { parseMalaysianPhone } from '../common/malaysian-phone.ts';
import { looksLikeUrl, memberIdFromUrl } from './member-url.ts';
import { isProductBarcode } from './product-barcode.ts';
import { say } from '../messages.ts';

export type ScanIdentity =
  | { type: 'ID'; memberId: string }
  | { type: 'PHONENUMBER'; countryCode: '60'; phoneNumber: string }
  | { type: 'RECEIPT'; reference: string }
  /** `code` and `params` name the reason for the screens (app/messages.ts); `reason` says it in English. */
  | { type: 'unrecognised'; reason: string; code: string; params: Record<string, string | number> };

const SHOWN_TEXT_LENGTH = 40;
const FORMATTED_PHONE = /^[\d\s().-]+$/;
const PHONE_SEPARATOR = /[\s().-]/;
const BARE_DIGITS = /^\d+$/;
const NATIONAL_OR_COUNTRY_PREFIX = /^(?:0|60)/;

/** `symbology`: the AIM identifier the scanner reported ("]Q1", "]E0"), or "" when it sent none. */
export function identifyScan(text: string, rules: IdentityRules = DEFAULT_IDENTITY_RULES, symbology = ''): ScanIdentity {
  // A keyboard-mode scanner types through the IME: in full-width mode "０１２３４５６７８９". NFKC folds that to the ASCII
  // every rule below, the member ID sent to RM and the receipt kept are written in.
  const scanned = text.normalize('NFKC').trim();
  if (scanned.length === 0) return unrecognised('the scan was empty', 'scan.empty');
  const isMemberId = (candidate: string): boolean => matchesWholeText(rules.memberIdPattern, candidate);

  if (looksLikeUrl(scanned)) {
    const found = memberIdFromUrl(scanned, { allowedHosts: rules.memberUrlHosts, isMemberId });
    return found.ok ? { type: 'ID', memberId: found.memberId } : unrecognised(found.reason, found.code, found.params);
  }
  if (rules.receiptPattern !== null && matchesWholeText(rules.receiptPattern, scanned)) {
    return { type: 'RECEIPT', reference: scanned };
  }
  if (isWrittenPhone(scanned)) return phoneIdentity(scanned);
  if (rules.bareDigitsArePhones && BARE_DIGITS.test(scanned) && NATIONAL_OR_COUNTRY_PREFIX.test(scanned)) {
    const phone = phoneIdentity(scanned);
    // A landline is said to be one, not read as a member ID that happens to be all digits.
    if (phone.type === 'PHONENUMBER' || (phone.type === 'unrecognised' && phone.code === 'scan.landline')) return phone;
  }
  if (rules.refuseProductBarcodes && isProductBarcode(scanned, symbology)) {
    return unrecognised(say('scan.productCode', { text: scanned }), 'scan.productCode', { text: scanned });
  }
  if (isMemberId(scanned)) return { type: 'ID', memberId: scanned };
  return unrecognised(`"${shorten(scanned)}" is not a member number, phone number or receipt number`, 'scan.unknown', { text: shorten(scanned) });
}

/** "+60 17-282 6990", "017-282 6990": a person or a card printed it as a phone number. */
function isWrittenPhone(text: string): boolean {
  return text.startsWith('+') || (FORMATTED_PHONE.test(text) && PHONE_SEPARATOR.test(text));
}

function phoneIdentity(text: string): ScanIdentity {
  const phone = parseMalaysianPhone(text);
  if (!phone.ok) return unrecognised(phone.reason, phone.code, phone.params);
  // Refused here, where the cashier can act on it: an award to a landline would be refused at Confirm (app/member.ts).
  if (phone.kind === 'landline') {
    return unrecognised(`0${phone.nationalNumber} is a landline; members are known by their mobile number`, 'scan.landline', { number: `0${phone.nationalNumber}` });
  }
  return { type: 'PHONENUMBER', countryCode: phone.countryCode, phoneNumber: phone.nationalNumber };
}

function unrecognised(reason: string, code: string, params: Record<string, string | number> = {}): ScanIdentity {
  return { type: 'unrecognised', reason, code, params };
}

function shorten(text: string): string {
  return text.length <= SHOWN_TEXT_LENGTH ? text : `${text.slice(0, SHOWN_TEXT_LENGTH)}…`;
}
