// What an RM or Kaunter failure means to whoever runs the command line (support staff, a script's log), in their words:
// what happened, with the code to search for, and what they can change. The award's own message is the cashier's
// ("a manager will check", "Check them in Settings"), which names screens and people the command line does not have.
import { describeCode } from '../rm/errors.ts';

/** What happened, as a fact: the next step depends on the award's state, so it is said by the caller. */
const WHAT_HAPPENED: Readonly<Record<string, string>> = {
  INVALID_REQUEST_SIGNATURE: "RM did not accept the request's signature",
  CLIENT_NOT_SET_PUBLIC_KEY: 'RM has no public key uploaded for this client ID',
  INVALID_TIMESTAMP: "RM says this PC's clock is wrong",
  TOKEN_EXPIRED: "RM's sign-in had expired",
  TOKEN_INVALID: 'RM did not accept the sign-in',
  INVALID_CLIENT: 'RM does not recognise the client ID and secret',
  INVALID_GRANT: "RM's saved sign-in had expired",
  GRANT_TYPE_INVALID: "RM refused this version of Kaunter's sign-in request",
  LOYALTY_NOT_SUBSCRIBED: 'the merchant has no RM Loyalty subscription',
  SPENDING_NOT_FOUND: 'no spending reward rule is set up at RM',
  NONCE_ALREADY_USED: 'RM received this request twice (something on the network repeated it), so the first copy may have given the points',
  TOO_MANY_REQUEST_PER_SECOND: 'RM was busy (too many requests a second)',
  EXCEEDED_LIMIT: 'RM is limiting requests',
  VALIDATION_ERROR: "RM refused the award's details",
  MEMBER_NOT_FOUND: 'no loyalty member has this phone number or member ID',
  LOYALTY_SPENDING_NOT_ALLOWED: 'RM does not allow spending points for this member or merchant',
  SYSTEM_ERROR: 'RM had an internal error',
  INTERNAL_ERROR: 'RM had an internal error',
  NETWORK_UNREACHABLE: 'RM could not be reached',
  TLS_FAILURE: 'no secure connection to RM could be made',
  CONNECT_TIMEOUT: 'RM did not take the connection in time',
  RESPONSE_TIMEOUT: 'RM received the award but did not answer in time',
  CONNECTION_LOST: 'the connection dropped after the award was sent',
  SERVER_ERROR: 'RM answered with a server error',
  BAD_RESPONSE: 'RM answered with something Kaunter cannot read',
  REQUEST_NOT_SENDABLE: "the award's details cannot be signed and sent",
  INTERRUPTED: 'Kaunter stopped while sending it',
  RESTORED: 'it was brought back from head office while it waited to be sent (the old PC may have sent it)',
  PUT_BACK: 'this PC was put back from a backup copy while it waited to be sent (the PC it replaced may have sent it)',
  QR_NOT_MADE: 'no claim QR was made while the customer waited',
  STORE_ERROR: 'Kaunter could not write to the database',
  TOKEN_UNAVAILABLE: "RM's sign-in service failed or did not answer",
};

const SIGN_IN_FIX = 'check --client-id and --client-secret (KAUNTER_CLIENT_ID, KAUNTER_CLIENT_SECRET)';

/** What the person at the command line can change themselves, for the failures a retry alone does not cure. */
const FIX: Readonly<Record<string, string>> = {
  INVALID_REQUEST_SIGNATURE: "give --key (KAUNTER_KEY) the private key whose public key is uploaded for this client ID in RM's Merchant Portal",
  CLIENT_NOT_SET_PUBLIC_KEY: "upload the public key of --key (KAUNTER_KEY) in RM's Merchant Portal (Developer > Applications)",
  INVALID_TIMESTAMP: "set this PC's clock right (turn on network time)",
  TOKEN_INVALID: SIGN_IN_FIX,
  INVALID_CLIENT: SIGN_IN_FIX,
  GRANT_TYPE_INVALID: 'update Kaunter',
  LOYALTY_NOT_SUBSCRIBED: "the merchant must subscribe to RM Loyalty in RM's Merchant Portal",
  SPENDING_NOT_FOUND: "the merchant must create a spending reward rule in RM's Merchant Portal",
  TLS_FAILURE: "check this PC's clock, and that --api-url and --oauth-url (KAUNTER_API_URL, KAUNTER_OAUTH_URL) are RM's",
  VALIDATION_ERROR: 'check --amount and the member given',
  MEMBER_NOT_FOUND: 'check --phone or --member-id with the customer, or give the customer a claim QR with --qr',
  REQUEST_NOT_SENDABLE: 'check --amount and the member given',
  STORE_ERROR: "free space on the disk, and check that this user may write to the database's folder",
};

/** What to do about awards whose outcome is unknown, said wherever the command line counts them. */
export const UNKNOWN_NEXT =
  'RM may have given the points of an unknown award, so nothing sends one again by itself: `kaunter queue` lists them, `kaunter resolve ID` shows the evidence for one and settles it.';

export interface OperatorProblem {
  /** What happened, ending with its code in brackets: "RM could not be reached (NETWORK_UNREACHABLE)". */
  what: string;
  /** What to change before trying again, or null when trying again is all there is to do. */
  fix: string | null;
}

export function operatorProblem(code: string): OperatorProblem {
  return { what: `${WHAT_HAPPENED[code] ?? 'RM answered with an error Kaunter does not know'} (${code})`, fix: FIX[code] ?? null };
}

/** A definite refusal of this award (by RM, or by Kaunter before sending): the same award sent again fails again. */
export function isRefusal(code: string): boolean {
  return describeCode(code).kind === 'rejected';
}
