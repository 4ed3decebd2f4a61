// One dispatcher for every host: it refuses unknown methods and payloads that do not match the method's schema,
// checks access (manager PIN), runs the handler, and turns every error into a typed ContractError with a message for
// a person. Results are parsed through the method's output schema too: an allow-list, so nothing the schema does not
// name (a secret, an internal field) can ever reach the renderer. It never throws.
import type { z } from 'zod';
import { AwardInputError } from './awards/award.ts';
import { CursorError } from './awards/history.ts';
import { ReasonRequiredError } from './awards/outbox.ts';
import { TransitionError } from './awards/transitions.ts';
import { contract, type ContractError, type ErrorCode, type MethodName, type Result } from './contract.ts';
import { Refusal } from './core/failure.ts';
import type { KaunterCore } from './core/kaunter-core.ts';
import { handlers } from './handlers/index.ts';
import { silentLogger, type Logger } from './logging/logger.ts';
import type { Handler } from './handlers/types.ts';
import { KeyFormatError } from './rm/keys.ts';
import { say, type MessageParams } from './messages.ts';
import { StoreError } from './store/errors.ts';

export type Dispatch = (method: unknown, payload: unknown) => Promise<Result<unknown>>;

export type CheckedCall = { ok: true; method: MethodName; input: unknown } | { ok: false; refusal: Result<never> };

/** The method exists and the payload matches its input schema. Both ends of the core's process boundary check this. */
export function checkCall(method: unknown, payload: unknown): CheckedCall {
  if (typeof method !== 'string' || !Object.hasOwn(contract, method)) {
    return { ok: false, refusal: { ok: false, error: said('UNKNOWN_METHOD', 'error.UNKNOWN_METHOD') } };
  }
  const name = method as MethodName;
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

export function createDispatcher(core: KaunterCore, log: Logger = silentLogger()): Dispatch {
  return async (method, payload) => {
    const call = checkCall(method, payload);
    if (!call.ok) return call.refusal;
    const spec = contract[call.method];
    const denied = accessDenied(core, spec.access);
    if (denied) return { ok: false, error: denied };
    if (spec.access !== 'counter') core.manager.touch();
    try {
      const handler = handlers[call.method] as Handler<MethodName>;
      const value: unknown = await handler(core, call.input as never);
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

function accessDenied(core: KaunterCore, access: (typeof contract)[MethodName]['access']): ContractError | null {
  if (access === 'counter') return null;
  if (access === 'setup-or-manager' && core.manager.inSetup) return null;
  if (core.manager.unlocked) return null;
  return said('LOCKED', 'error.LOCKED');
}

/** Every error the core gives back has its message's code, so each language can say it (English keeps the detail). */
type CoreError = ContractError & { key: string };

function toContractError(error: unknown, method: string, log: Logger): CoreError {
  if (error instanceof Refusal) return { code: error.code, message: error.message, ...error.extra };
  if (error instanceof AwardInputError) return { code: 'INVALID_INPUT', message: error.message, field: error.field, key: error.key };
  if (error instanceof ReasonRequiredError) return { code: 'INVALID_INPUT', message: error.message, key: 'award.reasonRequired' };
  if (error instanceof CursorError) return { code: 'INVALID_INPUT', message: error.message, key: 'history.cursorStale' };
  if (error instanceof KeyFormatError) return { code: 'INVALID_INPUT', message: error.message, field: 'privateKeyPem', key: error.key, params: error.params };
  if (error instanceof TransitionError) {
    if (error.from === null) return said('NOT_FOUND', 'award.notFound');
    return said('NOT_ALLOWED', 'award.stateChanged', { from: error.from, to: error.to });
  }
  if (error instanceof StoreError) return { code: 'STORE', message: error.message, key: `store.${error.problem}` };
  // Our own errors never carry secrets, but an unexpected one is logged by name and message only, and the person at
  // the counter gets a plain sentence.
  log.error(`dispatch: ${method} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  return said('INTERNAL', 'error.INTERNAL');
}

function said(code: ErrorCode, key: string, params?: MessageParams): CoreError {
  return { code, message: say(key, params), key, ...(params ? { params } : {}) };
}
