// One dispatcher for every host: it refuses unknown methods, methods the caller's role may not call and payloads that
// do not match the method's schema (contract-check.ts), checks access (the caller's manager session), runs the handler,
// and turns every error into a typed ContractError with a message for a person. Results are parsed through the method's
// output schema too: an allow-list, so nothing the schema does not name (a secret, an internal field) can ever reach the
// renderer. It never throws.
import { AwardInputError } from './awards/award.ts';
import { CursorError } from './awards/history.ts';
import { ReasonRequiredError } from './awards/outbox.ts';
import { SettledAlreadyError, TransitionError } from './awards/transitions.ts';
import { contract, type Caller, type ContractError, type MethodName } from './contract.ts';
import { checkCall, checkOutput, said, type Dispatch } from './contract-check.ts';
import { Refusal } from './core/failure.ts';
import type { KaunterCore } from './core/kaunter-core.ts';
import { handlers } from './handlers/index.ts';
import { silentLogger, type Logger } from './logging/logger.ts';
import type { Handler } from './handlers/types.ts';
import { KeyFormatError } from './rm/keys.ts';
import { StoreError } from './store/errors.ts';

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
  return method.startsWith('manager.') || method.startsWith('credentials.') || method === 'settings.update' || method === 'history.exportCsv' || method === 'hub.merge';
}

function accessDenied(core: KaunterCore, access: (typeof contract)[MethodName]['access'], caller: Caller): ContractError | null {
  if (access === 'counter') return null;
  if (access === 'setup-or-manager' && core.manager.inSetup) return null;
  if (core.manager.unlocked(caller.id)) return null;
  return said('LOCKED', 'error.LOCKED');
}

/** Every error the core gives back has its message's code, so each language can say it (English keeps the detail). */
function toContractError(error: unknown, method: string, log: Logger): ContractError {
  if (error instanceof Refusal) return { code: error.code, message: error.message, ...error.extra };
  if (error instanceof AwardInputError) return { code: 'INVALID_INPUT', message: error.message, field: error.field, key: error.key };
  if (error instanceof ReasonRequiredError) return { code: 'INVALID_INPUT', message: error.message, key: 'award.reasonRequired' };
  if (error instanceof CursorError) return { code: 'INVALID_INPUT', message: error.message, key: 'history.cursorStale' };
  if (error instanceof KeyFormatError) return { code: 'INVALID_INPUT', message: error.message, field: 'privateKeyPem', key: error.key, params: error.params };
  if (error instanceof SettledAlreadyError) return said('NOT_ALLOWED', 'award.settledAlready', { state: error.state });
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
