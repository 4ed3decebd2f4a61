// The manager's PIN and the review of awards whose outcome is unknown.
import { Refusal } from '../core/failure.ts';
import type { KaunterCore } from '../core/kaunter-core.ts';
import { rmMessageKey } from '../messages.ts';
import type { NamespaceHandlers } from './types.ts';

export const managerHandlers: NamespaceHandlers<'manager'> = {
  'manager.status': (core, _input, caller) => core.manager.status(caller.id),
  'manager.setPin': (core, { pin, managerName, currentPin }, caller) =>
    core.manager.setPin(caller.id, pin, managerName, currentPin, core.ports.secrets('terminal')),
  'manager.unlock': (core, { pin }, caller) => core.manager.unlock(caller.id, pin, core.ports.secrets('terminal')),
  'manager.recover': (core, { recoveryCode, pin, managerName }, caller) =>
    core.manager.recover(caller.id, recoveryCode, pin, managerName, core.ports.secrets('terminal')),
  'manager.newRecoveryCode': (core, { currentPin }) => core.manager.replaceRecoveryCode(currentPin, core.ports.secrets('terminal')),
  'manager.lock': (core, _input, caller) => core.manager.lock(caller.id),

  'manager.unknownAwards': (core) => core.env.desk.unknownAwards(),

  'manager.evidence': async (core, { id }) => {
    const evidence = await core.env.desk.evidence(id, loyaltyOf(core), core.headOffice?.neighbours() ?? null);
    return { ...evidence, error: evidence.error ? { code: evidence.error.code, message: evidence.error.message } : null };
  },

  'manager.resolve': (core, { id, decision, reason }) => core.env.desk.resolve(id, decision, managerName(core), reason),

  'manager.cancelQr': async (core, { id, reason }) => {
    const result = await core.env.desk.cancelQr(id, loyaltyOf(core), managerName(core), reason);
    if (!result.ok) throw new Refusal('RM', result.error.message, { rmCode: result.error.code, key: rmMessageKey(result.error.code) });
    return result.award;
  },
  'manager.showClaimQr': (core, { id }) => {
    core.env.desk.watchClaimAgain(id);
    return { ok: true };
  },
};

/** Who a manager's action is recorded under: the name set with the PIN, or "manager". */
export function managerName(core: KaunterCore): string {
  return core.settings.value.manager.name ?? 'manager';
}

function loyaltyOf(core: KaunterCore) {
  const loyalty = core.env.rm?.loyalty;
  if (!loyalty) throw Refusal.say('NOT_CONFIGURED', 'rm.notConfigured');
  return loyalty;
}
