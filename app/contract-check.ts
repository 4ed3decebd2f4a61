// The contract's checks at a process boundary: the method exists, the caller's role may call it, the payload matches its
// input schema, and an answer matches its output schema. Both ends of the core's process use them, so this file imports
// only the contract and its messages: the host that loads it (Electron main) does not load the core, its handlers or
// SQLite.
import type { z } from 'zod';
import { contract, mayCall, type Caller, type ContractError, type ErrorCode, type MethodName, type Result } from './contract.ts';
import type { Logger } from './logging/logger.ts';
import { say, type MessageParams } from './messages.ts';

/** A call from `caller`, who is named by the host that owns the connection, never by what the page sends. */
export type Dispatch = (caller: Caller, method: unknown, payload: unknown) => Promise<Result<unknown>>;

/** The host's own calls (quitting asks how many awards wait): a counter, with no window of its own. */
export const HOST_CALLER: Caller = Object.freeze({ id: 'host', role: 'counter' });

export type CheckedCall = { ok: true; method: MethodName; input: unknown } | { ok: false; refusal: Result<never> };

/**
 * The method exists, the caller's role may call it, and the payload matches its input schema. Both ends of the core's
 * process boundary check this.
 */
export function checkCall(caller: Caller, method: unknown, payload: unknown): CheckedCall {
  if (typeof method !== 'string' || !Object.hasOwn(contract, method)) {
    return { ok: false, refusal: { ok: false, error: said('UNKNOWN_METHOD', 'error.UNKNOWN_METHOD') } };
  }
  const name = method as MethodName;
  if (!mayCall(caller.role, name)) {
    return { ok: false, refusal: { ok: false, error: said('FORBIDDEN_SENDER', 'error.displayOnly') } };
  }
  const parsed = safeParse(contract[name].input, payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    const message = `${field ? `${field}: ` : ''}${issue?.message ?? 'the request is not valid'}`;
    return { ok: false, refusal: { ok: false, error: { code: 'BAD_REQUEST', message, key: 'error.BAD_REQUEST', ...(field ? { field } : {}) } } };
  }
  return { ok: true, method: name, input: parsed.data };
}

/** A handler's value, parsed through the method's output schema: an allow-list for what leaves the core. */
export function checkOutput(method: MethodName, value: unknown, log: Logger): Result<unknown> {
  const checked = safeParse(contract[method].output, value);
  if (!checked.success) {
    log.error(`dispatch: ${method} produced a result outside its schema: ${checked.error.issues[0]?.path.join('.')}`);
    return { ok: false, error: said('INTERNAL', 'error.badAnswer') };
  }
  return { ok: true, value: checked.data };
}

/** An error the core gives a person: always with the catalogue's key, so every language can say it. */
export function said(code: ErrorCode, key: string, params?: MessageParams): ContractError {
  return { code, message: say(key, params), key, ...(params ? { params } : {}) };
}

type ParseOutcome = { success: true; data: unknown } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };

/** Over IPC and the socket a payload is plain data; in-process it could hold a getter that throws mid-parse. */
function safeParse(schema: z.ZodType, value: unknown): ParseOutcome {
  try {
    return schema.safeParse(value);
  } catch {
    return { success: false, error: { issues: [{ path: [], message: 'the request could not be read' }] } };
  }
}
