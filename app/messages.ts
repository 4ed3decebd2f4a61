// Every message the core gives a person, by code: the English here (for the command line, the log and the English
// screens), and the code with its parameters for the UI, whose other catalogues translate each one (a test fails when a
// catalogue lacks a code, or names other parameters). RM's error codes come from app/rm/errors.ts.
import { describeCode, KAUNTER_CODES, knownRmCodes, TRANSPORT_CODES, UNKNOWN_RM_CODE } from './rm/errors.ts';
import type { ErrorCode } from './contract.ts';

const OWN_MESSAGES = {
  'error.BAD_REQUEST': 'Kaunter could not read that request. Restart Kaunter; if it happens again, update it.',
  'error.UNKNOWN_METHOD': 'Kaunter does not know that request. Restart Kaunter; if it happens again, update it.',
  'error.FORBIDDEN_SENDER': 'That request did not come from a Kaunter window.',
  'display.monitorGone': 'That monitor is not plugged in any more. Choose again from the list.',
  'display.monitorIsCounter': 'The counter itself is on that monitor. Choose the monitor that faces the customer.',
  'display.pairedNotMonitor': 'This Kaunter shows the customer display on a page paired by a code, not on a monitor.',
  'display.monitorNotPaired': 'The desktop app opens the customer display itself on a second monitor: choose it in Settings.',
  'error.displayOnly': 'A customer display only shows what the counter does; it cannot ask Kaunter for anything.',
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
  'error.HUB': 'Head office refused or could not be reached.',
  'error.UNAVAILABLE': "Kaunter's core is restarting. Try again in a moment.",
  'error.INTERNAL': 'Something went wrong inside Kaunter. Try again; if it keeps happening, restart Kaunter.',
  'award.notFound': 'No award with that id on this terminal.',
  'award.receiptUsed': 'Receipt {{receipt}} already earned points today at {{time}} (RM {{amount}}). Check the receipt number; if this is another sale on it, award again.',
  'award.receiptUsedElsewhere': 'Receipt {{receipt}} already earned points at {{terminal}} today at {{time}} (RM {{amount}}). Check the receipt number; if this is another sale on it, award again.',
  'award.qrNeedsRm': 'A claim QR comes from Revenue Monster at once, and this terminal is not set up for it. Award by phone or member ID (it waits here and is sent later), and ask a manager to finish the setup in Manager › Settings.',
  'award.stateChanged': 'The award is now {{from}}, so it cannot become {{to}}. Refresh to see where it stands now.',
  'award.settledAlready': 'The award is {{state}} now: it has been settled, so there is no evidence to weigh. Refresh to see where it stands.',
  'award.interrupted': 'Kaunter stopped while sending. A manager must check whether the points were given.',
  'award.putBackUnsent': 'Waiting to be sent on a PC put back from a backup copy: the PC it replaced may have sent it after the copy was taken. A manager must check whether the points were given.',
  'award.restoredUnsent': 'Brought back from head office while it waited to be sent: the old PC may have sent it before it stopped. A manager must check whether the points were given.',
  'award.qrNotMade': 'No claim QR could be made while the customer waited, so none will be made now. Use the phone number or member ID instead.',
  'relay.storeError': 'Kaunter could not write to its database, so sending has stopped for 5 minutes; awards wait in the queue, and one being sent then waits for a manager to check it. Check that the disk has free space; sending starts again by itself, or at once with Send now.',
  'relay.noToken': 'Revenue Monster could not sign this terminal in just now (its sign-in service failed or did not answer), so awards wait in the queue. Kaunter tries again by itself.',
  'cashier.choose': 'Choose who is at the counter first (Cashier, at the top).',
  'cashier.terminal': 'Terminal {{name}}',
  'cashier.notListed': "{{name}} is not on this shop's cashier list. A manager can add them in Settings.",
  'shift.noneOpen': 'No shift is open on this terminal: pick your name (Cashier, at the top) to start one.',
  'shift.notFound': 'No such shift on this terminal.',
  'shift.managerOnly': "Only this terminal's latest shift can be seen at the counter. A manager sees every shift in Manager > Shifts.",
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
  // `{{matching|credit|credits}}`: the word English says for that count, one or many (see say()).
  'evidence.credited':
    'Revenue Monster shows {{matching}} {{matching|credit|credits}} of {{points}} {{points|point|points}} in this window; {{elsewhere}} {{elsewhere|belongs to another award|belong to other awards}}. This award was most likely applied.',
  'evidence.shared':
    "Revenue Monster shows {{matching}} {{matching|credit|credits}} of {{points}} {{points|point|points}} in this window; {{elsewhere}} {{elsewhere|belongs to another award|belong to other awards}}, and {{unsure}} other {{unsure|award|awards}} whose outcome is unknown, or whose points are only an estimate, may own the rest. Check them together against the member's point history in the Revenue Monster portal.",
  'evidence.tooRecent': 'No matching credit yet, but this award may have been sent only moments ago (by this PC, or before a restore by the PC it replaced): Revenue Monster may not have listed it. Check again in a few minutes.',
  'evidence.resend': 'Revenue Monster shows no credit of {{points}} {{points|point|points}} in this window that other awards do not explain. This award was most likely not applied.',
  'evidence.historyUnavailable': "Revenue Monster could not be asked for the member's point history.",
  'evidence.qrNoMember': 'A claim QR award has no member until the customer claims it.',
  'evidence.phoneNotFound': 'Revenue Monster could not find the member for this phone number.',
  'evidence.headOffice': "Head office does not ask Revenue Monster, and the award's counter has not sent what Revenue Monster said yet (it does once the award is opened in its Review tab). Meanwhile check the member's point history in the Revenue Monster portal against the awards listed here (from every counter); the counter carries out your decision.",
  'evidence.noMemberId': 'Revenue Monster did not say which member has this phone number, so its history cannot be read.',
  'scan.empty': 'The scan was empty.',
  'scan.badLink': 'This QR code looks like a link but is not a valid one.',
  'scan.otherScheme': 'A {{scheme}} link is not a member code.',
  'scan.otherHost': "A link to {{host}} is not a member code of this shop's loyalty programme.",
  'scan.noMemberInLink': 'This link holds no member number.',
  'scan.unknown': '"{{text}}" is not a member number, phone number or receipt number.',
  'scan.landline': '{{number}} is a landline; members are known by their mobile number.',
  'scan.productCode': "{{text}} is a product's barcode, not a member card. Scan the member's card or QR code, or type their phone number.",
  'manager.currentPinNeeded': 'Type the current PIN first. If it is forgotten, lock the manager screens and use the recovery code on the PIN pad.',
  'manager.noPin': 'No manager PIN is set yet. Finish the setup first.',
  'manager.lockedOutFor': 'Too many wrong PINs. Try again in {{seconds}} seconds, or use the recovery code.',
  'manager.wrongPinLocked': 'Wrong PIN. The PIN pad is locked for {{seconds}} seconds.',
  'manager.noRecoveryCode': 'This terminal has no recovery code yet. Unlock with the PIN when the pad opens again, then make one in Settings.',
  'manager.recoveryWrong': 'That recovery code is not right. Check it against the written copy (dashes and letter case do not matter).',
  'manager.pepperGone': "The key that protects the manager PIN is gone from this computer's keychain (a new OS user, or a reset keyring), so the PIN cannot be checked. Use the recovery code to set a new PIN.",
  // The keychain's problems by SecretStoreError code (main/keychain/errors.ts adds platform-specific advice in English).
  'keychain.no-session-bus': 'The system keychain cannot be reached. Log in to a desktop session and try again.',
  'keychain.no-secret-service': 'The system keychain cannot be reached. Log in to a desktop session and try again.',
  'keychain.no-default-keyring': 'The system keychain cannot be reached. Log in to a desktop session and try again.',
  'keychain.keyring-locked': 'The keychain is locked. Unlock it (on a Mac: open Keychain Access and unlock "login"), then try again.',
  'keychain.access-denied': 'The keychain refused access (the request was denied or cancelled). Try again and choose "Allow" when asked.',
  'keychain.secret-too-large': 'The secret is too large for the Windows Credential Manager (2,560 bytes at most). Use an RSA key of 2048 or 3072 bits.',
  'keychain.keychain-module-missing': 'The keychain library could not be loaded. Reinstall Kaunter.',
  'keychain.timed-out': 'The keychain did not answer in time. If an unlock window is open, answer it; otherwise restart the computer.',
  'keychain.write-not-verified': 'The keychain reported an error. Try again; if it keeps happening, restart the computer.',
  'keychain.invalid-secret': 'Nothing usable to store: paste or import the secret again.',
  'keychain.invalid-name': 'Kaunter stores only privateKey, clientSecret and refreshToken.',
  'keychain.keychain-failed': 'The keychain reported an error. Try again; if it keeps happening, restart the computer.',
  'key.passphrase': 'This private key is protected by a passphrase. Export it without a passphrase and try again.',
  'key.unreadablePrivate': 'This is not a readable private key. Paste the whole PEM file, from "-----BEGIN" to "-----END".',
  'key.unreadablePublic': 'This is not a readable public key (PEM, "-----BEGIN PUBLIC KEY-----").',
  'key.notRsa': 'Revenue Monster needs an RSA key; this one is {{type}}.',
  'key.tooShort': 'This RSA key has {{bits}} bits; use at least {{min}}.',
  'hub.switching': 'Kaunter is switching environments; try again in a moment.',
  'hub.trainingOnly': 'Training awards are practice and never go to head office: switch to the sandbox or production environment to join a hub.',
  'hub.badUrl': 'That is not a head office address Kaunter can use. Type the address head office gave you, starting with https://.',
  'hub.unreachable': 'Head office could not be reached at {{url}}. Check the address and the connection, then try again.',
  'hub.refused': 'Head office did not accept this code. It may be mistyped, used already or expired: ask head office for a new one.',
  'hub.otherHistory': "Head office already holds more of this terminal's history than this PC does, so this PC is not that terminal (a sale was made here before its history came back, or it is another PC). Ask head office to enrol it under a new terminal name.",
  'hub.restoreFailed': "This terminal's history could not be brought back from head office, so this PC has not joined. Check the connection, then join again with a new code before the first sale.",
  'hub.restorePartial': "Only part of this terminal's history came back from head office before the restore stopped, so this PC has not joined yet. Check the connection, then join again with a new code to bring back the rest; sales made meanwhile are kept.",
  'hub.restoreOther': 'This PC holds part of the history of terminal "{{terminal}}" at {{outlet}}, from a restore that was cut short. Join as that terminal (ask head office for a new code) to finish it, or start this PC with an empty database.',
  'hub.counterOnly': 'This is done at the counter, not at head office.',
  'hub.offline': 'Head office could not be reached. Check the connection and try again.',
  'hub.mergeTraining': 'Training awards are practice and never go to head office, so there is no record there to bring back.',
  'hub.mergeNotNeeded': 'Head office is not refusing this counter as a PC put back from a backup copy, so there is nothing to bring back. Nothing was changed.',
  'hub.mergeNoCredential': "This PC's head-office credential is no longer in the keychain, so head office's record of this terminal cannot be fetched. Ask head office for a new code for this terminal, and ask support to bring it back in step with that code (`kaunter hub restore --merge`). Nothing was changed.",
  'hub.mergeOtherTerminal': 'The head-office credential in this PC\'s keychain is for another terminal (another Kaunter on this PC joined head office since), not for terminal "{{terminal}}" at {{outlet}}. Ask head office for a new code for "{{terminal}}", and ask support to bring it back in step with that code (`kaunter hub restore --merge`). Nothing was changed.',
  'hub.mergeAppRunning': "Another Kaunter is using this terminal's database (a second Kaunter, or a `kaunter` command support left running): close it, then try again. Nothing was changed.",
  'hub.merging': "Kaunter is bringing this counter back in step with head office (a few minutes for a busy terminal): nothing is awarded until it is done. Try again then.",
  'hub.mergeRefused': "Head office refused to give this terminal's record, so nothing was changed and this PC carries on as before. Trying again will meet the same answer: call support with head office's words (in English): {{detail}}",
  'hub.mergeFailed': "Head office's record of this terminal could not be brought back, so nothing was changed and this PC carries on as before. Check the connection to head office, then try again. (What the connection said: {{detail}})",
  // The hub's refusals that its own pages show their user (hub/errors.ts saidRefusal): the pages say them in the user's
  // language. The hub's other refusals (to counters, and to programs) stay in English.
  'headOffice.signInMissing': 'Type your name and password.',
  'headOffice.signInBusy': 'The hub is checking many sign-ins at once: try again in a few seconds.',
  'headOffice.signInWrong': 'That name and password do not match.',
  'headOffice.userLockedOut': 'Too many wrong passwords for this user: try again in {{seconds}} seconds.',
  'headOffice.addressLockedOut': 'Too many failed sign-ins from this address: wait {{minutes}} minutes.',
  'headOffice.signInFirst': 'Sign in first.',
  'headOffice.signInEnded': 'Your sign-in has ended: sign in again.',
  'headOffice.notOwnPage': "This request did not come from the hub's own page; reload it and try again.",
  'headOffice.noSuchAward': 'There is no such award.',
  'headOffice.decisionWhy': "Say why (a few words) before deciding; it goes into the award's history.",
  'headOffice.decisionNotUnknown': 'This award is {{state}} now; only an UNKNOWN award can be decided.',
  'headOffice.decisionOnItsWay': 'A decision on this award is already on its way to the counter.',
  'headOffice.exportsBusy': '{{count}} exports are being written already: try again when one of them is done.',
  'headOffice.tooLong': 'This took the hub too long (over 2 minutes): narrow the dates, the outlet or the terminal, and try again.',
  'headOffice.unavailable': 'The hub could not do this just now (its database may be restarting); try again shortly.',
  'award.invalid.id': 'The award id must be a UUID.',
  'award.invalid.amountSen': 'The amount is not valid: more than RM 0.00, in sen, and not too large for one sale.',
  'award.invalid.member': 'The member details are not valid. Check the phone number or member ID.',
  'award.invalid.cashier': 'The cashier name is not valid: 1 to 60 characters, with no control characters.',
  'award.invalid.receiptRef': 'The receipt number is not valid: at most 64 characters, with no control characters.',
  'award.invalid.pointsPreview': 'The points preview is not valid.',
  'award.reasonRequired': "Say why (a few words) before changing an award; it goes into the award's history.",
  'history.cursorStale': 'This page link is no longer valid; start again from the first page.',
  'store.disk-full': "This PC's disk is full, so Kaunter cannot save awards. Free some space (empty the recycle bin, delete old downloads), then try again. Nothing already saved was lost.",
  'store.read-only': 'Kaunter cannot write to its data file (it is read-only or on a read-only drive). Check the folder permissions, then restart Kaunter.',
  'store.corrupt': 'Kaunter\'s data file is damaged. Do not delete it: it may hold awards not yet sent. Close Kaunter and contact support.',
  'store.cannot-open': 'Kaunter cannot open its data file. Check that the folder exists and that this Windows/Linux user may write to it.',
  'store.busy': 'Kaunter\'s data file is in use by another program for too long. Close other Kaunter windows and try again.',
  'store.too-new': 'This data file was written by a newer version of Kaunter. Install the newer version again; do not use this older one with it.',
  'store.unknown': 'Kaunter could not use its data file.',
  'error.badAnswer': 'Kaunter made an answer it should not have. Restart Kaunter; if it happens again, contact support.',
  'error.coreInterrupted': "Kaunter's core stopped while doing this and is restarting. Check the result in a moment, or try again: an award is never given twice.",
  // Said by the browser page itself (main/browser-host/page/bridge.ts) when the host stops answering.
  'error.connectionLost': 'The connection to Kaunter was lost. It reconnects by itself when Kaunter answers again; if an award was being confirmed, press Confirm again to see whether it was saved.',
  // The award's event trail: what Kaunter writes as an event's reason (the English is what older databases hold too,
  // so app/awards/event-words.ts can read each back into its code). {{rm}} is an RM or transport code, said in words.
  'event.submitted': 'submitted',
  'event.submittedRepeatReceipt': 'submitted on receipt {{receipt}}, which had already earned points today: the cashier chose Award again',
  // The same choice when this core no longer knows the earlier award (head office told the counter before a restart):
  // what the cashier was told, not what the core checked.
  'event.submittedAfterReceiptWarning': 'submitted on receipt {{receipt}}: the counter had said it already earned points today, and the cashier chose Award again',
  'event.attempt': 'attempt {{number}}',
  'event.notApplied': 'not applied: {{rm}}',
  'event.cancelFailed': 'cancel failed: {{rm}}',
  'event.qrUnreachable': 'Revenue Monster could not be reached, so no claim QR was made. Use the phone number or member ID instead.',
  'event.qrLost': 'No claim QR came back from Revenue Monster, so nobody can claim it. Use the phone number or member ID instead.',
  'event.interrupted': 'Kaunter stopped while this award was being sent; RM may have applied it',
  'event.restoredUnsent': 'brought back onto a new PC while it waited to be sent; the old PC may have sent it',
  'event.putBackUnsent': 'held: this PC was put back from a backup copy, and the PC it replaced may have sent it',
  'event.changedOnCopy': 'this PC, put back from a backup copy, had voided or settled it without head office hearing of it: check the copy kept beside the database before settling it',
  'event.sentFromCopy': 'this PC, put back from a backup copy, also sent it; the points may have been given twice',
  'event.restoredUnknown': 'brought back onto a new PC still unsettled; the old PC may have sent it again after its last push',
  'event.undoneAtCounter': 'undone at the counter before it was sent',
  'event.pointsFromRm': 'points from RM: {{points}} (before: {{before}} estimated)',
  'event.pointsFromRmFirst': 'points from RM: {{points}} (before: none)',
  'event.claimed': 'RM: the customer claimed the points',
  // The words versions before 2026-12 wrote are kept, so their trails still read back into a code.
  'event.evidenceGathered': 'RM evidence gathered: {{credits}} {{credits|credit|credits}} in the window, {{matching}} of the expected size',
  'event.evidenceGatheredEarlier': 'RM evidence gathered: {{credits}} credit(s) in the window, {{matching}} of the expected size',
} as const;

/** RM's codes and Kaunter's transport codes, as `rm.<CODE>`, in the words app/rm/errors.ts gives them. */
function rmMessages(): Record<string, string> {
  const codes = [...knownRmCodes(), ...Object.values(TRANSPORT_CODES), UNKNOWN_RM_CODE];
  return Object.fromEntries(codes.map((code) => [`rm.${code}`, describeCode(code).message]));
}

/** Kaunter's own codes, as `rm.<CODE>`, in the words of the message app/rm/errors.ts names for each. */
function kaunterCodeMessages(): Record<string, string> {
  return Object.fromEntries(Object.entries(KAUNTER_CODES).map(([code, { messageKey }]) => [`rm.${code}`, OWN_MESSAGES[messageKey]]));
}

export const MESSAGES: Readonly<Record<string, string>> = {
  ...OWN_MESSAGES,
  ...rmMessages(),
  ...kaunterCodeMessages(),
};

export type MessageKey = keyof typeof OWN_MESSAGES;
export type MessageParams = Record<string, string | number>;

/** `{{name}}`, a parameter, or `{{name|one|many}}`, the word that agrees with it (see say()). */
export const PLACEHOLDER = /\{\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}\}/g;

/**
 * The English for a code, with its parameters filled in. `{{name}}` is the parameter; `{{name|one|many}}` is the word
 * that agrees with it, "one" when it is 1 and "many" otherwise ("1 credit", "0 credits", "2 credits"). Only English
 * inflects: the other catalogues say the parameter alone, so the codes keep the same parameters in every language.
 */
export function say(key: string, params: MessageParams = {}): string {
  const template = MESSAGES[key] ?? key;
  return template.replace(PLACEHOLDER, (whole, name: string, singular?: string, plural?: string) => {
    if (!(name in params)) return whole;
    if (singular === undefined || plural === undefined) return String(params[name]);
    return isOne(params[name]) ? singular : plural;
  });
}

/** 1 as a number, or as the digit the trail's words are read back as ("01" or "1.0" are no count Kaunter writes). */
function isOne(value: string | number | undefined): boolean {
  return value === 1 || value === '1';
}

/** The key for an RM or transport error code (unknown codes share one message). */
export function rmMessageKey(code: string): string {
  return MESSAGES[`rm.${code}`] === undefined ? `rm.${UNKNOWN_RM_CODE}` : `rm.${code}`;
}

export function errorKey(code: ErrorCode): MessageKey {
  return `error.${code}`;
}
