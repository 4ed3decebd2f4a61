// What each failure means for an award. RM's spending-reward call has no idempotency key (docs/revenue-monster.md, What
// the API does not give), so every failure must say whether RM certainly did not apply the request (safe to send
// again), maybe applied it (a person must reconcile), or definitely refused it. Each code also carries the command
// line's words for it, so the screens and the command line read one catalogue.
import type { MessageKey } from '../messages.ts';

/**
 * - notApplied: RM certainly did not act on the request; sending it again cannot double an award.
 * - maybeApplied: RM may have acted; never resend automatically.
 * - rejected: RM answered with a definite refusal for this request; resending the same request cannot succeed.
 */
export type FailureKind = 'notApplied' | 'maybeApplied' | 'rejected';

export interface RmErrorInfo {
  kind: FailureKind;
  /** A problem with this terminal's setup (keys, credentials, clock, subscription), not with this one award. */
  setupProblem: boolean;
  /** What the cashier or manager reads. Plain words, and what to do. */
  message: string;
}

/**
 * What a failure means to whoever runs the command line (support staff, a script's log). The cashier's message names
 * screens and people ("in Settings", "a manager will check") that the command line does not have.
 */
export interface OperatorWords {
  /** What happened, as a fact: the next step depends on the award's state, so whoever prints it says that. */
  what: string;
  /** What the person at the command line can change themselves, for the failures a retry alone does not cure. */
  fix: string | null;
}

/** A code's whole entry: its operator words are required, so a code cannot be added without them. */
interface CatalogueEntry extends RmErrorInfo {
  operator: OperatorWords;
}

export interface RmError extends RmErrorInfo {
  /** RM's error code, or one of Kaunter's transport codes below. */
  code: string;
  /** RM's own message or the socket error, for diagnostics. Never contains a secret. */
  detail: string;
  httpStatus?: number;
  /** Sandbox-only diagnostics RM attaches to some errors (e.g. its canonical JSON on a signature mismatch). */
  debug?: unknown;
}

const SIGN_IN_FIX = 'check --client-id and --client-secret (KAUNTER_CLIENT_ID, KAUNTER_CLIENT_SECRET)';

const CATALOGUE: Record<string, CatalogueEntry> = {
  // Configuration of this terminal: RM refused before doing anything.
  INVALID_REQUEST_SIGNATURE: {
    kind: 'notApplied',
    setupProblem: true,
    message: "Revenue Monster did not accept this terminal's signature. Check that the private key matches the public key uploaded in the Merchant Portal.",
    operator: { what: "RM did not accept the request's signature", fix: "give --key (KAUNTER_KEY) the private key whose public key is uploaded for this client ID in RM's Merchant Portal" },
  },
  CLIENT_NOT_SET_PUBLIC_KEY: {
    kind: 'notApplied',
    setupProblem: true,
    message: "This terminal's public key has not been uploaded to Revenue Monster yet. A manager must upload it in the Merchant Portal (Developer > Applications).",
    operator: { what: 'RM has no public key uploaded for this client ID', fix: "upload the public key of --key (KAUNTER_KEY) in RM's Merchant Portal (Developer > Applications)" },
  },
  INVALID_TIMESTAMP: {
    kind: 'notApplied',
    setupProblem: true,
    message: "This PC's clock is wrong. Set the correct date and time (turn on automatic time), then try again.",
    operator: { what: "RM says this PC's clock is wrong", fix: "set this PC's clock right (turn on network time)" },
  },
  TOKEN_EXPIRED: {
    kind: 'notApplied',
    setupProblem: false,
    message: 'The session with Revenue Monster expired. Kaunter will sign in again.',
    operator: { what: "RM's sign-in had expired", fix: null },
  },
  TOKEN_INVALID: {
    kind: 'notApplied',
    setupProblem: true,
    message: 'Revenue Monster did not accept the sign-in. Check the client ID and secret in Settings.',
    operator: { what: 'RM did not accept the sign-in', fix: SIGN_IN_FIX },
  },
  INVALID_CLIENT: {
    kind: 'notApplied',
    setupProblem: true,
    message: 'Revenue Monster does not recognise the client ID and secret. Check them in Settings.',
    operator: { what: 'RM does not recognise the client ID and secret', fix: SIGN_IN_FIX },
  },
  INVALID_GRANT: {
    kind: 'notApplied',
    setupProblem: false,
    message: 'The saved Revenue Monster sign-in has expired. Kaunter will sign in again.',
    operator: { what: "RM's saved sign-in had expired", fix: null },
  },
  GRANT_TYPE_INVALID: {
    kind: 'notApplied',
    setupProblem: true,
    message: 'Revenue Monster refused the sign-in request. Update Kaunter.',
    operator: { what: "RM refused this version of Kaunter's sign-in request", fix: 'update Kaunter' },
  },
  LOYALTY_NOT_SUBSCRIBED: {
    kind: 'notApplied',
    setupProblem: true,
    message: 'Loyalty is not set up for this shop at Revenue Monster. The owner must subscribe to RM Loyalty.',
    operator: { what: 'the merchant has no RM Loyalty subscription', fix: "the merchant must subscribe to RM Loyalty in RM's Merchant Portal" },
  },
  SPENDING_NOT_FOUND: {
    kind: 'notApplied',
    setupProblem: true,
    message: 'No spending reward rule is set up at Revenue Monster. The owner must create one in the Merchant Portal.',
    operator: { what: 'no spending reward rule is set up at RM', fix: "the merchant must create a spending reward rule in RM's Merchant Portal" },
  },
  // Kaunter never sends a nonce twice, so RM saw another copy of this very request first (a proxy or network device that
  // repeats requests): that copy may have given the points. Sent again with a new nonce it could award twice.
  NONCE_ALREADY_USED: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'Revenue Monster received this request twice (something on the network repeated it), so the points may already be given. A manager must check before it is sent again.',
    operator: { what: 'RM received this request twice (something on the network repeated it), so the first copy may have given the points', fix: null },
  },
  // Busy: refused without acting.
  TOO_MANY_REQUEST_PER_SECOND: {
    kind: 'notApplied',
    setupProblem: false,
    message: 'Revenue Monster is busy. The award will be sent again in a moment.',
    operator: { what: 'RM was busy (too many requests a second)', fix: null },
  },
  EXCEEDED_LIMIT: {
    kind: 'notApplied',
    setupProblem: false,
    message: 'Revenue Monster is limiting requests. The award will be sent again later.',
    operator: { what: 'RM is limiting requests', fix: null },
  },
  // Definite refusals of this award.
  VALIDATION_ERROR: {
    kind: 'rejected',
    setupProblem: false,
    message: 'Revenue Monster refused the details of this award. Check the amount and the member.',
    operator: { what: "RM refused the award's details", fix: 'check --amount and the member given' },
  },
  MEMBER_NOT_FOUND: {
    kind: 'rejected',
    setupProblem: false,
    message: 'No loyalty member has this phone number or member ID. Check it with the customer, or use a claim QR.',
    operator: { what: 'no loyalty member has this phone number or member ID', fix: 'check --phone or --member-id with the customer, or give the customer a claim QR with --qr' },
  },
  LOYALTY_SPENDING_NOT_ALLOWED: {
    kind: 'rejected',
    setupProblem: false,
    message: 'Revenue Monster does not allow spending points for this member or shop.',
    operator: { what: 'RM does not allow spending points for this member or merchant', fix: null },
  },
  // Cancelling a claim QR (RM's sandbox names these; production is expected to agree, UNSURE).
  QR_REDEEMED: {
    kind: 'rejected',
    setupProblem: false,
    message: 'The customer already claimed these points with the QR, so it can no longer be cancelled.',
    operator: { what: 'the customer already claimed the points with the claim QR, so it cannot be cancelled', fix: null },
  },
  RESOURCE_GONE: {
    kind: 'rejected',
    setupProblem: false,
    message: 'This claim QR was already cancelled.',
    operator: { what: 'the claim QR was already cancelled at RM', fix: null },
  },
  LOYALTY_SPENDING_NOT_FOUND: {
    kind: 'rejected',
    setupProblem: false,
    message: 'Revenue Monster does not know this claim QR.',
    operator: { what: 'RM does not know this claim QR', fix: null },
  },
  // RM failed somewhere inside: it may have applied the award.
  SYSTEM_ERROR: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'Revenue Monster had an internal error. The points may or may not have been given; a manager will check.',
    operator: { what: 'RM had an internal error', fix: null },
  },
  INTERNAL_ERROR: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'Revenue Monster had an internal error. The points may or may not have been given; a manager will check.',
    operator: { what: 'RM had an internal error', fix: null },
  },
};

/** Failures Kaunter detects itself, named like RM's codes so one lookup serves both. */
export const TRANSPORT_CODES = {
  unreachable: 'NETWORK_UNREACHABLE',
  tls: 'TLS_FAILURE',
  connectTimeout: 'CONNECT_TIMEOUT',
  responseTimeout: 'RESPONSE_TIMEOUT',
  connectionLost: 'CONNECTION_LOST',
  serverError: 'SERVER_ERROR',
  badResponse: 'BAD_RESPONSE',
  badRequest: 'REQUEST_NOT_SENDABLE',
} as const;

const TRANSPORT_CATALOGUE: Record<string, CatalogueEntry> = {
  NETWORK_UNREACHABLE: {
    kind: 'notApplied',
    setupProblem: false,
    message: 'Revenue Monster cannot be reached (no internet?). The award is kept and will be sent automatically.',
    operator: { what: 'RM could not be reached', fix: null },
  },
  TLS_FAILURE: {
    kind: 'notApplied',
    setupProblem: false,
    message: "A secure connection to Revenue Monster could not be made. Check this PC's date and time and the shop's internet.",
    operator: { what: 'no secure connection to RM could be made', fix: "check this PC's clock, and that --api-url and --oauth-url (KAUNTER_API_URL, KAUNTER_OAUTH_URL) are RM's" },
  },
  CONNECT_TIMEOUT: {
    kind: 'notApplied',
    setupProblem: false,
    message: 'Revenue Monster did not answer in time (slow internet?). The award is kept and will be sent automatically.',
    operator: { what: 'RM did not take the connection in time', fix: null },
  },
  RESPONSE_TIMEOUT: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'Revenue Monster received the award but did not answer in time. The points may have been given; a manager will check.',
    operator: { what: 'RM received the award but did not answer in time', fix: null },
  },
  CONNECTION_LOST: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'The connection dropped after the award was sent. The points may have been given; a manager will check.',
    operator: { what: 'the connection dropped after the award was sent', fix: null },
  },
  SERVER_ERROR: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'Revenue Monster had a server error. The points may or may not have been given; a manager will check.',
    operator: { what: 'RM answered with a server error', fix: null },
  },
  BAD_RESPONSE: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'Revenue Monster sent an answer Kaunter cannot read. The points may have been given; a manager will check.',
    operator: { what: 'RM answered with something Kaunter cannot read', fix: null },
  },
  REQUEST_NOT_SENDABLE: {
    kind: 'rejected',
    setupProblem: false,
    message: 'This award has details that cannot be sent to Revenue Monster. Check the member and amount.',
    operator: { what: "the award's details cannot be signed and sent", fix: 'check --amount and the member given' },
  },
};

/** The name the screens use for any code Kaunter does not know (see UNKNOWN_CODE). */
export const UNKNOWN_RM_CODE = 'UNKNOWN';

// Unknown codes are treated as "maybe applied": a code we have never seen gives no proof that nothing happened.
const UNKNOWN_CODE: CatalogueEntry = {
  kind: 'maybeApplied',
  setupProblem: false,
  message: 'Revenue Monster answered with an error Kaunter does not know. The points may have been given; a manager will check.',
  operator: { what: 'RM answered with an error Kaunter does not know', fix: null },
};

/**
 * Codes Kaunter records itself, on an award's events or as the reason sending paused, beside RM's and the transport's.
 * The app's words for each are a message of its own (app/messages.ts says them as rm.<CODE>); the command line's are here.
 */
export const KAUNTER_CODES = {
  INTERRUPTED: { messageKey: 'award.interrupted', operator: { what: 'Kaunter stopped while sending it', fix: null } },
  RESTORED: {
    messageKey: 'award.restoredUnsent',
    operator: { what: 'it was brought back from head office while it waited to be sent (the old PC may have sent it)', fix: null },
  },
  PUT_BACK: {
    messageKey: 'award.putBackUnsent',
    operator: { what: 'this PC was put back from a backup copy while it waited to be sent (the PC it replaced may have sent it)', fix: null },
  },
  QR_NOT_MADE: { messageKey: 'award.qrNotMade', operator: { what: 'no claim QR was made while the customer waited', fix: null } },
  STORE_ERROR: {
    messageKey: 'relay.storeError',
    operator: { what: 'Kaunter could not write to the database', fix: "free space on the disk, and check that this user may write to the database's folder" },
  },
  TOKEN_UNAVAILABLE: { messageKey: 'relay.noToken', operator: { what: "RM's sign-in service failed or did not answer", fix: null } },
} as const satisfies Record<string, { messageKey: MessageKey; operator: OperatorWords }>;

/** OAuth errors are documented both as CamelCase (InvalidClient) and UPPER_SNAKE (INVALID_CLIENT); accept both. */
export function normaliseCode(code: string): string {
  if (/^[A-Z0-9_]+$/.test(code)) return code;
  return code
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

function entryOf(code: string): CatalogueEntry {
  return CATALOGUE[code] ?? TRANSPORT_CATALOGUE[code] ?? UNKNOWN_CODE;
}

export function describeCode(code: string): RmErrorInfo {
  const { kind, setupProblem, message } = entryOf(code);
  return { kind, setupProblem, message };
}

/** The command line's words for any code Kaunter can record; a code it has never seen gets those of UNKNOWN_RM_CODE. */
export function operatorWords(code: string): OperatorWords {
  return Object.hasOwn(KAUNTER_CODES, code) ? KAUNTER_CODES[code as keyof typeof KAUNTER_CODES].operator : entryOf(code).operator;
}

export function knownRmCodes(): string[] {
  return Object.keys(CATALOGUE);
}

export function rmError(code: string, detail: string, extra: { httpStatus?: number; debug?: unknown } = {}): RmError {
  const normalised = normaliseCode(code);
  return { code: normalised, detail, ...describeAnswer(normalised, extra.httpStatus), ...extra };
}

// HTTP 401 is RM turning the caller away before it reads the request (the API reference counts 401 among the answers
// that prove nothing was applied), so a 401 whose code Kaunter has never seen is still a refused sign-in, not "maybe
// applied": calling it unknown would put a manager's check on every award a wrong secret or a revoked key refused.
function describeAnswer(code: string, httpStatus: number | undefined): RmErrorInfo {
  return describeCode(httpStatus === 401 && entryOf(code) === UNKNOWN_CODE ? 'TOKEN_INVALID' : code);
}

export function isTokenError(error: RmError): boolean {
  return error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_INVALID' || error.httpStatus === 401;
}
