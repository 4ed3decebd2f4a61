// The hub's refusals: a code a program can act on, an HTTP status, and a sentence that says what was wrong and what to
// do. Anything else that goes wrong is logged at the hub and answered with a plain "try again", never a stack trace.
import { z } from 'zod';
import { say, type MessageParams } from '../app/messages.ts';

export type HubErrorCode =
  | 'BAD_REQUEST'
  | 'BAD_BATCH'
  | 'UNAUTHENTICATED'
  | 'TWO_SESSION_COOKIES'
  | 'REVOKED'
  | 'NOT_YOURS'
  | 'POSITION'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'AWARD_NOT_SENT'
  | 'FORBIDDEN'
  | 'TOO_LARGE'
  | 'LOCKED'
  | 'CODE_INVALID'
  | 'UNAVAILABLE';

const STATUS: Record<HubErrorCode, number> = {
  BAD_REQUEST: 400,
  BAD_BATCH: 400,
  UNAUTHENTICATED: 401,
  // Not signed in, as UNAUTHENTICATED, but with a cause the page must tell its user: signing in again alone may not help.
  TWO_SESSION_COOKIES: 401,
  REVOKED: 403,
  NOT_YOURS: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  // Not 404, which the router gives for a route it does not know: a counter takes only this as "push, then ask again".
  AWARD_NOT_SENT: 409,
  POSITION: 409,
  CONFLICT: 409,
  CODE_INVALID: 400,
  TOO_LARGE: 413,
  LOCKED: 429,
  UNAVAILABLE: 503,
};

/** A message of app/messages.ts, by its code and parameters: a page can say it in its user's language. */
export interface SaidMessage {
  key: string;
  params: MessageParams;
}

export interface HubErrorExtra {
  ackedSeq?: number;
  retryAfterSeconds?: number;
  said?: SaidMessage;
}

export class HubError extends Error {
  readonly status: number;

  readonly code: HubErrorCode;
  readonly extra: HubErrorExtra;
  constructor(
    code: HubErrorCode,
    message: string,
    extra: HubErrorExtra = {},
  ) {
    super(message);
    this.code = code;
    this.extra = extra;
    this.name = 'HubError';
    this.status = STATUS[code];
  }
}

/**
 * A refusal that head office's pages show their user: its English from app/messages.ts, and its code and parameters
 * sent beside it, so the page says it in the user's language.
 */
export function saidRefusal(code: HubErrorCode, key: string, params: MessageParams = {}, extra: Omit<HubErrorExtra, 'said'> = {}): HubError {
  return new HubError(code, say(key, params), { ...extra, said: { key, params } });
}

/** Parses with a schema, or refuses with the first problem in words (never a raw list of zod issues). */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, code: 'BAD_REQUEST' | 'BAD_BATCH' = 'BAD_REQUEST'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new HubError(code, `${where}${(issue?.message ?? 'not valid').replace(/\.$/, '')}. Nothing was applied.`);
}

/** PostgreSQL ended the statement at the pool's statement timeout (SQLSTATE 57014, query_canceled). */
export function isStatementTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '57014';
}

const uuid = z.uuid();

/**
 * An id taken from a URL path. Checked before any query: PostgreSQL's refusal to cast it would otherwise read as an
 * outage ("try again"), which it is not.
 */
export function idFromPath(param: string | null | undefined, refusal: HubError): string {
  if (!uuid.safeParse(param).success) throw refusal;
  return param as string;
}
