// Every message the core gives a person, by code: the English here (for the command line, the log and the English
// screens), and the code with its parameters for the UI, whose other catalogues translate each one (a test fails when a
// catalogue lacks a code, or names other parameters). RM's error codes come from app/rm/errors.ts.
import { describeCode, knownRmCodes, TRANSPORT_CODES, UNKNOWN_RM_CODE } from './rm/errors.ts';
import type { ErrorCode } from './contract.ts';

const OWN_MESSAGES = {
  'error.BAD_REQUEST': 'Kaunter could not read that request. Restart Kaunter; if it happens again, update it.',
  'error.UNKNOWN_METHOD': 'Kaunter does not know that request. Restart Kaunter; if it happens again, update it.',
  'error.FORBIDDEN_SENDER': 'That request did not come from a Kaunter window.',
  'error.LOCKED': 'This needs the manager. Unlock with the manager PIN.',
  'error.PIN_WRONG': 'Wrong PIN. Try again.',
  'error.PIN_LOCKED_OUT': 'Too many wrong PINs. Wait until the PIN pad opens again.',
  'error.INVALID_INPUT': 'Those details are not valid. Check them and try again.',
  'error.NOT_ALLOWED': 'The award has changed meanwhile. Refresh to see where it stands now.',
  'error.NOT_FOUND': 'That was not found on this terminal.',
  'error.NOT_CONFIGURED': 'Revenue Monster is not set up on this terminal yet.',
  'error.KEYCHAIN': "The system keychain could not be used. Unlock it, or sign in to the desktop again.",
  'error.STORE': "Kaunter could not write to its data file. Check the disk, then restart Kaunter.",
  'error.RM': 'Revenue Monster refused or could not be reached.',
  'error.UNAVAILABLE': "Kaunter's core is restarting. Try again in a moment.",
  'error.INTERNAL': 'Something went wrong inside Kaunter. Try again; if it keeps happening, restart Kaunter.',
  'award.notFound': 'No award with that id on this terminal.',
  'award.stateChanged': 'The award is now {{from}}, so it cannot become {{to}}. Refresh to see where it stands now.',
  'award.interrupted': 'Kaunter stopped while sending. A manager must check whether the points were given.',
  'cashier.choose': 'Choose who is at the counter first (Cashier, at the top).',
  'cashier.terminal': 'Terminal {{name}}',
  'cashier.notListed': "{{name}} is not on this shop's cashier list. A manager can add them in Settings.",
  'training.ownKeys': 'Training mode uses its own built-in keys. Switch to the sandbox or production environment first.',
  // The keychain's state as credentials.status names it (the state is the code).
  'credentials.ready': "Connected to Revenue Monster with this terminal's key.",
  'credentials.training': 'Training mode uses its own built-in Revenue Monster and throwaway keys. No real points are given.',
  'credentials.needs-setup': 'Revenue Monster is not set up on this terminal yet. Awards are kept in the queue until a manager enters the client ID, secret and key.',
  'credentials.needs-reprovisioning': 'The system keychain no longer has this terminal\'s Revenue Monster secrets. Until then awards are kept in the queue. A manager must enter the client secret and private key again (Settings > Revenue Monster).',
  'credentials.keychain-unavailable': 'The system keychain cannot be reached. Awards are kept in the queue; unlock the keychain or sign in to the desktop again.',
  'credentials.testPassed': "Revenue Monster accepted this terminal's client ID, secret and signature.",
  'rm.notConfigured': 'Revenue Monster is not set up on this terminal, so it cannot be asked.',
  'member.idFormat': 'A member ID is 1-64 letters, digits, "-" or "_".',
  'member.lookupsLimited': 'Too many member look-ups at this counter: the next one is possible in a little while. The award itself works without it.',
  'phone.characters': 'A phone number has only digits, spaces, dashes, brackets and a leading +.',
  'phone.notMalaysian': 'Only Malaysian numbers (+60) can be used.',
  'phone.prefix': 'A Malaysian phone number starts with 0, 60 or +60.',
  'phone.business': "{{number}} is a 1-300/1-700/1-800 business number, not a member's phone.",
  'phone.notMobileOrLandline': '{{number}} is not a Malaysian mobile (01x) or landline (03-09) number.',
  'phone.length': '{{number}} has {{digits}} digits; it should have {{expected}} (with the 0).',
  'phone.mobileOnly': "A member's phone is a Malaysian mobile number: 10 or 11 digits starting with 01, like 017-282 6990.",
  'phone.digitsOnly': '"{{text}}" is not a phone number: use digits only.',
  'phone.otherCountry': '"{{text}}" is not a +{{countryCode}} number.',
  'phone.otherLength': 'The phone number must have 4 to 14 digits.',
  'evidence.pointsUnknown': 'The expected points are not known, so credits cannot be matched.',
  'evidence.credited': 'RM shows {{matching}} credit(s) of {{points}} points in this window; {{elsewhere}} belong to other awards. This award was most likely applied.',
  'evidence.tooRecent': 'No matching credit yet, but the attempt was only moments ago: RM may not have listed it. Check again in a few minutes.',
  'evidence.resend': 'RM shows no credit of {{points}} points in this window that other awards do not explain. This award was most likely not applied.',
  'evidence.historyUnavailable': "RM could not be asked for the member's point history.",
  'evidence.qrNoMember': 'A claim QR award has no member until the customer claims it.',
  'evidence.phoneNotFound': 'RM could not find the member for this phone number.',
  'evidence.headOffice': "Head office does not ask Revenue Monster, and the award's counter has not sent what RM said yet (it does once the award is opened in its Review tab). Meanwhile check the member's point history in the RM portal against the awards listed here (from every counter); the counter carries out your decision.",
  'evidence.noMemberId': 'RM did not say which member has this phone number, so its history cannot be read.',
  'scan.empty': 'The scan was empty.',
  'scan.badLink': 'This QR code looks like a link but is not a valid one.',
  'scan.otherScheme': 'A {{scheme}} link is not a member code.',
  'scan.otherHost': "A link to {{host}} is not a member code of this shop's loyalty programme.",
  'scan.noMemberInLink': 'This link holds no member number.',
  'scan.unknown': '"{{text}}" is not a member number, phone number or receipt number.',
  'scan.landline': "{{number}} is a landline; this shop takes members' mobile numbers only.",
} as const;

/** RM's codes and Kaunter's transport codes, as `rm.<CODE>`, in the words app/rm/errors.ts gives them. */
function rmMessages(): Record<string, string> {
  const codes = [...knownRmCodes(), ...Object.values(TRANSPORT_CODES), UNKNOWN_RM_CODE];
  return Object.fromEntries(codes.map((code) => [`rm.${code}`, describeCode(code).message]));
}

export const MESSAGES: Readonly<Record<string, string>> = { ...OWN_MESSAGES, ...rmMessages(), 'rm.INTERRUPTED': OWN_MESSAGES['award.interrupted'] };

export type MessageKey = keyof typeof OWN_MESSAGES;
export type MessageParams = Record<string, string | number>;

/** The English for a code, with its parameters filled in. */
export function say(key: string, params: MessageParams = {}): string {
  const template = MESSAGES[key] ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The key for an RM or transport error code (unknown codes share one message). */
export function rmMessageKey(code: string): string {
  return MESSAGES[`rm.${code}`] === undefined ? `rm.${UNKNOWN_RM_CODE}` : `rm.${code}`;
}

export function errorKey(code: ErrorCode): MessageKey {
  return `error.${code}`;
}
