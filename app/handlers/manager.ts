// The manager's PIN and the review of awards whose outcome is unknown.
import { AWARD_COLUMNS, toAward, type AwardRow } from '../awards/records.ts';
import { cancelQrAward, gatherEvidence, resolveUnknown } from '../awards/reconcile.ts';
import { Refusal } from '../core/failure.ts';
import type { KaunterCore } from '../core/kaunter-core.ts';
import { rmMessageKey } from '../messages.ts';
import type { NamespaceHandlers } from './types.ts';

export const managerHandlers: NamespaceHandlers<'manager'> = {
  'manager.status': (core, _input, caller) => core.manager.status(caller.id),
  'manager.setPin': (core, { pin, managerName }, caller) => core.manager.setPin(caller.id, pin, managerName, core.ports.secrets('terminal')),
  'manager.unlock': (core, { pin }, caller) => core.manager.unlock(caller.id, pin, core.ports.secrets('terminal')),
  'manager.recover': (core, { recoveryCode, pin, managerName }, caller) =>
    core.manager.recover(caller.id, recoveryCode, pin, managerName, core.ports.secrets('terminal')),
  'manager.newRecoveryCode': (core) => core.manager.replaceRecoveryCode(),
  'manager.lock': (core, _input, caller) => core.manager.lock(caller.id),

  'manager.unknownAwards': (core) => {
    const rows = core.env.db.prepare(`SELECT ${AWARD_COLUMNS} FROM awards WHERE state = 'UNKNOWN' ORDER BY seq`).all() as AwardRow[];
    return rows.map(toAward);
  },

  'manager.evidence': async (core, { id }) => {
    const evidence = await gatherEvidence(core.env.db, id, loyaltyOf(core), core.now());
    return { ...evidence, error: evidence.error ? { code: evidence.error.code, message: evidence.error.message } : null };
  },

  'manager.resolve': (core, { id, decision, reason }) => {
    const award = resolveUnknown(core.env.db, id, decision, managerName(core), reason, core.now());
    core.env.desk.notify(id);
    if (decision === 'resend') core.env.desk.wake();
    return award;
  },

  'manager.cancelQr': async (core, { id, reason }) => {
    const result = await cancelQrAward(core.env.db, id, loyaltyOf(core), managerName(core), reason, core.now);
    core.env.desk.notify(id);
    if (!result.ok) throw new Refusal('RM', result.error.message, { rmCode: result.error.code, key: rmMessageKey(result.error.code) });
    return result.award;
  },
};

function managerName(core: KaunterCore): string {
  return core.settings.value.manager.name ?? 'manager';
}

function loyaltyOf(core: KaunterCore) {
  const loyalty = core.env.rm?.loyalty;
  if (!loyalty) throw Refusal.say('NOT_CONFIGURED', 'rm.notConfigured');
  return loyalty;
}
