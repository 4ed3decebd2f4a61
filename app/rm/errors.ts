// What each failure means for an award. RM's spending-reward call has no idempotency key (docs/revenue-monster.md, What
// the API does not give), so every failure must say whether RM certainly did not apply the request (safe to send
// again), maybe applied it (a person must reconcile), or definitely refused it.

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

export interface RmError extends RmErrorInfo {
  /** RM's error code, or one of Kaunter's transport codes below. */
  code: string;
  /** RM's own message or the socket error, for diagnostics. Never contains a secret. */
  detail: string;
  httpStatus?: number;
  /** Sandbox-only diagnostics RM attaches to some errors (e.g. its canonical JSON on a signature mismatch). */
  debug?: unknown;
}

const CATALOGUE: Record<string, RmErrorInfo> = {
  // Configuration of this terminal: RM refused before doing anything.
  INVALID_REQUEST_SIGNATURE: {
    kind: 'notApplied',
    setupProblem: true,
    message: "Revenue Monster did not accept this terminal's signature. Check that the private key matches the public key uploaded in the Merchant Portal.",
  },
  CLIENT_NOT_SET_PUBLIC_KEY: {
    kind: 'notApplied',
    setupProblem: true,
    message: "This terminal's public key has not been uploaded to Revenue Monster yet. A manager must upload it in the Merchant Portal (Developer > Applications).",
  },
  INVALID_TIMESTAMP: {
    kind: 'notApplied',
    setupProblem: true,
    message: "This PC's clock is wrong. Set the correct date and time (turn on automatic time), then try again.",
  },
  TOKEN_EXPIRED: {
    kind: 'notApplied',
    setupProblem: false,
    message: 'The session with Revenue Monster expired. Kaunter will sign in again.',
  },
  TOKEN_INVALID: {
    kind: 'notApplied',
    setupProblem: true,
    message: 'Revenue Monster did not accept the sign-in. Check the client ID and secret in Settings.',
  },
  INVALID_CLIENT: {
    kind: 'notApplied',
    setupProblem: true,
    message: 'Revenue Monster does not recognise the client ID and secret. Check them in Settings.',
  },
  INVALID_GRANT: {
    kind: 'notApplied',
    setupProblem: false,
    message: 'The saved Revenue Monster sign-in has expired. Kaunter will sign in again.',
  },
  GRANT_TYPE_INVALID: {
    kind: 'notApplied',
    setupProblem: true,
    message: 'Revenue Monster refused the sign-in request. Update Kaunter.',
  },
  LOYALTY_NOT_SUBSCRIBED: {
    kind: 'notApplied',
    setupProblem: true,
    message: 'Loyalty is not set up for this shop at Revenue Monster. The owner must subscribe to RM Loyalty.',
  },
  SPENDING_NOT_FOUND: {
    kind: 'notApplied',
    setupProblem: true,
    message: 'No spending reward rule is set up at Revenue Monster. The owner must create one in the Merchant Portal.',
  },
  // Kaunter never sends a nonce twice, so RM saw another copy of this very request first (a proxy or network device that
  // repeats requests): that copy may have given the points. Sent again with a new nonce it could award twice.
  NONCE_ALREADY_USED: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'Revenue Monster received this request twice (something on the network repeated it), so the points may already be given. A manager must check before it is sent again.',
  },
  // Busy: refused without acting.
  TOO_MANY_REQUEST_PER_SECOND: {
    kind: 'notApplied',
    setupProblem: false,
    message: 'Revenue Monster is busy. The award will be sent again in a moment.',
  },
  EXCEEDED_LIMIT: {
    kind: 'notApplied',
    setupProblem: false,
    message: 'Revenue Monster is limiting requests. The award will be sent again later.',
  },
  // Definite refusals of this award.
  VALIDATION_ERROR: {
    kind: 'rejected',
    setupProblem: false,
    message: 'Revenue Monster refused the details of this award. Check the amount and the member.',
  },
  MEMBER_NOT_FOUND: {
    kind: 'rejected',
    setupProblem: false,
    message: 'No loyalty member has this phone number or member ID. Check it with the customer, or use a claim QR.',
  },
  LOYALTY_SPENDING_NOT_ALLOWED: {
    kind: 'rejected',
    setupProblem: false,
    message: 'Revenue Monster does not allow spending points for this member or shop.',
  },
  // Cancelling a claim QR (RM's sandbox names these; production is expected to agree, UNSURE).
  QR_REDEEMED: {
    kind: 'rejected',
    setupProblem: false,
    message: 'The customer already claimed these points with the QR, so it can no longer be cancelled.',
  },
  RESOURCE_GONE: {
    kind: 'rejected',
    setupProblem: false,
    message: 'This claim QR was already cancelled.',
  },
  LOYALTY_SPENDING_NOT_FOUND: {
    kind: 'rejected',
    setupProblem: false,
    message: 'Revenue Monster does not know this claim QR.',
  },
  // RM failed somewhere inside: it may have applied the award.
  SYSTEM_ERROR: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'Revenue Monster had an internal error. The points may or may not have been given; a manager will check.',
  },
  INTERNAL_ERROR: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'Revenue Monster had an internal error. The points may or may not have been given; a manager will check.',
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

const TRANSPORT_CATALOGUE: Record<string, RmErrorInfo> = {
  NETWORK_UNREACHABLE: {
    kind: 'notApplied',
    setupProblem: false,
    message: 'Revenue Monster cannot be reached (no internet?). The award is kept and will be sent automatically.',
  },
  TLS_FAILURE: {
    kind: 'notApplied',
    setupProblem: false,
    message: "A secure connection to Revenue Monster could not be made. Check this PC's date and time and the shop's internet.",
  },
  CONNECT_TIMEOUT: {
    kind: 'notApplied',
    setupProblem: false,
    message: 'Revenue Monster did not answer in time (slow internet?). The award is kept and will be sent automatically.',
  },
  RESPONSE_TIMEOUT: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'Revenue Monster received the award but did not answer in time. The points may have been given; a manager will check.',
  },
  CONNECTION_LOST: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'The connection dropped after the award was sent. The points may have been given; a manager will check.',
  },
  SERVER_ERROR: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'Revenue Monster had a server error. The points may or may not have been given; a manager will check.',
  },
  BAD_RESPONSE: {
    kind: 'maybeApplied',
    setupProblem: false,
    message: 'Revenue Monster sent an answer Kaunter cannot read. The points may have been given; a manager will check.',
  },
  REQUEST_NOT_SENDABLE: {
    kind: 'rejected',
    setupProblem: false,
    message: 'This award has details that cannot be sent to Revenue Monster. Check the member and amount.',
  },
};

/** The name the screens use for any code Kaunter does not know (see UNKNOWN_CODE). */
export const UNKNOWN_RM_CODE = 'UNKNOWN';

// Unknown codes are treated as "maybe applied": a code we have never seen gives no proof that nothing happened.
const UNKNOWN_CODE: RmErrorInfo = {
  kind: 'maybeApplied',
  setupProblem: false,
  message: 'Revenue Monster answered with an error Kaunter does not know. The points may have been given; a manager will check.',
};

/** OAuth errors are documented both as CamelCase (InvalidClient) and UPPER_SNAKE (INVALID_CLIENT); accept both. */
export function normaliseCode(code: string): string {
  if (/^[A-Z0-9_]+$/.test(code)) return code;
  return code
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

export function describeCode(code: string): RmErrorInfo {
  return CATALOGUE[code] ?? TRANSPORT_CATALOGUE[code] ?? UNKNOWN_CODE;
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
  const info = describeCode(code);
  return httpStatus === 401 && info === UNKNOWN_CODE ? describeCode('TOKEN_INVALID') : info;
}

export function isTokenError(error: RmError): boolean {
  return error.code === 'TOKEN_EXPIRED' || error.code === 'TOKEN_INVALID' || error.httpStatus === 401;
}
