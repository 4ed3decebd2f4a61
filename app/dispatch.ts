// One dispatcher for every host: it refuses unknown methods, methods the caller's role may not call and payloads that
// do not match the method's schema, checks access (the caller's manager session), runs the handler, and turns every error into a typed ContractError with a message for
// a person. Results are parsed through the method's output schema too: an allow-list, so nothing the schema does not
// name (a secret, an internal field) can ever reach the renderer. It never throws.
import type { z } from 'zod';
import { AwardInputError } from './awards/award.ts';
import { CursorError } from './awards/history.ts';
import { ReasonRequiredError } from './awards/outbox.ts';
import { TransitionError } from './awards/transitions.ts';
import { contract, mayCall, type Caller, type ContractError, type ErrorCode, type MethodName, type Result } from './contract.ts';
import { Refusal } from './core/failure.ts';
import type { KaunterCore } from './core/kaunter-core.ts';
import { handlers } from './handlers/index.ts';
import { silentLogger, type Logger } from './logging/logger.ts';
import type { Handler } from './handlers/types.ts';
import { KeyFormatError } from './rm/keys.ts';
import { say } from './messages.ts';
import { StoreError } from './store/errors.ts';

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
    return { ok: false, refusal: fail('UNKNOWN_METHOD', 'Kaunter does not know that request. Restart Kaunter; if it happens again, update it.') };
  }
  const name = method as MethodName;
  if (!mayCall(caller.role, name)) {
    return { ok: false, refusal: fail('FORBIDDEN_SENDER', 'A customer display only shows what the counter does; it cannot ask Kaunter for anything.') };
  }
  const parsed = safeParse(contract[name].input, payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    return { ok: false, refusal: fail('BAD_REQUEST', `${field ? `${field}: ` : ''}${issue?.message ?? 'the request is not valid'}`, field ? { field } : {}) };
  }
  return { ok: true, method: name, input: parsed.data };
}

/** A handler's value, parsed through the method's output schema: an allow-list for what leaves the core. */
export function checkOutput(method: MethodName, value: unknown, log: Logger): Result<unknown> {
  const checked = safeParse(contract[method].output, value);
  if (!checked.success) {
    log.error(`dispatch: ${method} produced a result outside its schema: ${checked.error.issues[0]?.path.join('.')}`);
    return fail('INTERNAL', 'Kaunter made an answer it should not have. Restart Kaunter; if it happens again, contact support.');
  }
  return { ok: true, value: checked.data };
}

export function createDispatcher(core: KaunterCore, log: Logger = silentLogger()): Dispatch {
  return async (caller, method, payload) => {
    const call = checkCall(caller, method, payload);
    if (!call.ok) return call.refusal;
    const spec = contract[call.method];
    const denied = accessDenied(core, spec.access, caller);
    if (denied) return { ok: false, error: denied };
    if (spec.access !== 'counter') core.manager.touch(caller.id);
    try {
      const handler = handlers[call.method] as Handler<MethodName>;
      const value: unknown = await handler(core, call.input as never, caller);
      if (audited(call.method)) log.info(`${call.method}: done`);
      return checkOutput(call.method, value, log);
    } catch (error) {
      const refused = toContractError(error, call.method, log);
      if (audited(call.method)) log.warn(`${call.method}: refused (${refused.code})`);
      return { ok: false, error: refused };
    }
  };
}

/** What a manager does, and what sets the terminal up, goes in the log (never the values: no PIN, no secret). */
function audited(method: MethodName): boolean {
  if (method === 'manager.status' || method === 'credentials.status') return false;
  return method.startsWith('manager.') || method.startsWith('credentials.') || method === 'settings.update' || method === 'history.exportCsv';
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

function accessDenied(core: KaunterCore, access: (typeof contract)[MethodName]['access'], caller: Caller): ContractError | null {
  if (access === 'counter') return null;
  if (access === 'setup-or-manager' && core.manager.inSetup) return null;
  if (core.manager.unlocked(caller.id)) return null;
  return { code: 'LOCKED', message: 'This needs the manager. Unlock with the manager PIN.' };
}

function toContractError(error: unknown, method: string, log: Logger): ContractError {
  if (error instanceof Refusal) return { code: error.code, message: error.message, ...error.extra };
  if (error instanceof AwardInputError) return { code: 'INVALID_INPUT', message: error.message, field: error.field };
  if (error instanceof ReasonRequiredError || error instanceof CursorError) return { code: 'INVALID_INPUT', message: error.message };
  if (error instanceof KeyFormatError) return { code: 'INVALID_INPUT', message: error.message, field: 'privateKeyPem' };
  if (error instanceof TransitionError) {
    if (error.from === null) return { code: 'NOT_FOUND', message: say('award.notFound'), key: 'award.notFound' };
    const params = { from: error.from, to: error.to };
    return { code: 'NOT_ALLOWED', message: say('award.stateChanged', params), key: 'award.stateChanged', params };
  }
  if (error instanceof StoreError) return { code: 'STORE', message: error.message };
  // Our own errors never carry secrets, but an unexpected one is logged by name and message only, and the person at
  // the counter gets a plain sentence.
  log.error(`dispatch: ${method} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  return { code: 'INTERNAL', message: 'Something went wrong inside Kaunter. Try again; if it keeps happening, restart Kaunter.' };
}

function fail(code: ErrorCode, message: string, extra: Partial<ContractError> = {}): Result<never> {
  return { ok: false, error: { code, message, ...extra } };
}
