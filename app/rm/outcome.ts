// Reading an HTTP exchange as an RM result. RM's envelope shape is certain; which HTTP status goes with which error
// code is not (docs/revenue-monster.md, Answers and errors), so the code in the body decides wherever there is one, and
// the status only where there is not.
import type { z } from 'zod';
import { rmError, TRANSPORT_CODES, type RmError } from './errors.ts';
import type { HttpOutcome } from './transport.ts';

export type RmOutcome<T> =
  | { kind: 'success'; value: T }
  | { kind: 'notApplied'; error: RmError }
  | { kind: 'maybeApplied'; error: RmError }
  | { kind: 'rejected'; error: RmError };

export type RmFailure = Exclude<RmOutcome<never>, { kind: 'success' }>;

export function failure(error: RmError): RmFailure {
  return { kind: error.kind, error };
}

/**
 * `rm`: Open API answers carry `code: "SUCCESS"`. `oauth`: the token endpoint answers with the bare token object.
 */
export type Envelope = 'rm' | 'oauth';

export function interpretOutcome<T>(outcome: HttpOutcome, schema: z.ZodType<T>, envelope: Envelope = 'rm'): RmOutcome<T> {
  if (outcome.kind === 'notSent') return failure(rmError(outcome.code, outcome.detail));
  if (outcome.kind === 'lost') return failure(rmError(outcome.code, outcome.detail));
  return interpretResponse(outcome.status, outcome.body, schema, envelope);
}

function interpretResponse<T>(status: number, body: string, schema: z.ZodType<T>, envelope: Envelope): RmOutcome<T> {
  const json = parseJson(body);
  const envelopeError = readErrorEnvelope(json);
  if (envelopeError) return failure(rmError(envelopeError.code, envelopeError.message, { httpStatus: status, debug: envelopeError.debug }));
  if (status >= 200 && status < 300) return readSuccess(json, status, schema, envelope);
  return failure(errorFromStatusOnly(status, body));
}

function readSuccess<T>(json: unknown, status: number, schema: z.ZodType<T>, envelope: Envelope): RmOutcome<T> {
  if (!isRecord(json) || (envelope === 'rm' && json.code !== 'SUCCESS')) {
    return failure(rmError(TRANSPORT_CODES.badResponse, `HTTP ${status} without code SUCCESS`, { httpStatus: status }));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return failure(rmError(TRANSPORT_CODES.badResponse, `unexpected SUCCESS body: ${parsed.error.issues[0]?.message ?? ''}`, { httpStatus: status }));
  }
  return { kind: 'success', value: parsed.data };
}

function errorFromStatusOnly(status: number, body: string): RmError {
  const snippet = body.slice(0, 200);
  if (status === 401) return rmError('TOKEN_INVALID', `HTTP 401 ${snippet}`, { httpStatus: status });
  if (status === 429) return rmError('TOO_MANY_REQUEST_PER_SECOND', `HTTP 429 ${snippet}`, { httpStatus: status });
  if (status >= 500) return rmError(TRANSPORT_CODES.serverError, `HTTP ${status} ${snippet}`, { httpStatus: status });
  return rmError(TRANSPORT_CODES.badResponse, `HTTP ${status} ${snippet}`, { httpStatus: status });
}

interface ErrorEnvelope {
  code: string;
  message: string;
  debug?: unknown;
}

function readErrorEnvelope(json: unknown): ErrorEnvelope | null {
  if (!isRecord(json) || !isRecord(json.error)) return null;
  const { code, message, debug } = json.error;
  if (typeof code !== 'string' || code === '') return null;
  return { code, message: typeof message === 'string' ? message : '', ...(debug === undefined ? {} : { debug }) };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
