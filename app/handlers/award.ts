// The counter's award methods: preview, submit, undo, look one up.
import { eventView } from '../awards/event-words.ts';
import { counterName, MemberLookups, type LookupOutcome } from '../awards/member-lookups.ts';
import type { MemberIdentity } from '../common/member.ts';
import type { KaunterCore } from '../core/kaunter-core.ts';
import { Refusal } from '../core/failure.ts';
import type { RmOutcome } from '../rm/outcome.ts';
import type { MemberProfile } from '../rm/loyalty.ts';
import { rmMessageKey, say } from '../messages.ts';
import type { NamespaceHandlers } from './types.ts';

/** How long the counter waits for RM before telling the cashier "still sending" and letting them carry on. */
const COUNTER_WAIT_MS = 8_000;

export const awardHandlers: NamespaceHandlers<'award'> = {
  'award.preview': async (core, { amountSen, member }) => {
    const rm = core.env.rm;
    // Through the desk's points book: the award submitted next carries RM's figure without asking again.
    const points = await core.env.desk.points.ask(amountSen);
    if (points?.kind === 'success' && amountSen > 0 && points.value / amountSen !== core.settings.value.lastKnownPointsPerSen) {
      core.settings.update((s) => ({ ...s, lastKnownPointsPerSen: points.value / amountSen }));
    }
    const known = points?.kind === 'success' ? points.value : null;
    const lookup = member && rm ? await lookUpMember(core, member) : { member: null, problem: null };
    return {
      points: known ?? estimatePoints(core, amountSen),
      estimate: known === null,
      member: lookup.member,
      memberProblem: lookup.problem?.message ?? null,
      memberProblemCode: lookup.problem?.key ?? null,
    };
  },

  'award.submit': async (core, input) => {
    const cashier = cashierOf(core);
    // Without a preview, Kaunter's own estimate until RM's figure is known (the desk uses RM's when it has it).
    const pointsPreview = input.pointsPreview ?? estimatePoints(core, input.amountSen) ?? undefined;
    const sale = { ...input, cashier, ...(pointsPreview === undefined ? {} : { pointsPreview }) };
    const result = await core.env.desk.submit(sale, `cashier:${cashier}`, COUNTER_WAIT_MS);
    return { award: result.award, settled: result.settled, waiting: result.settled ? null : result.reason };
  },

  'award.undo': (core, { id, reason }) => {
    const cashier = cashierOf(core);
    return core.env.desk.undo(id, `cashier:${cashier}`, reason ?? say('event.undoneAtCounter'));
  },

  'award.get': (core, { id }) => {
    const detail = core.env.desk.detail(id);
    if (!detail) throw Refusal.say('NOT_FOUND', 'award.notFound');
    return { ...detail, events: detail.events.map(eventView) };
  },
};

/** Points from the last rule RM showed (points per sen), when RM cannot be asked now. */
function estimatePoints(core: KaunterCore, amountSen: number): number | null {
  const ratio = core.settings.value.lastKnownPointsPerSen;
  return ratio === null ? null : Math.floor(amountSen * ratio + 1e-9);
}

/**
 * Who the award is recorded under: the cashier of the terminal's open shift. A shop with a cashier list must pick one
 * first; a shop with none records the terminal, labelled as one (never as if it were a person).
 */
export function cashierOf(core: KaunterCore): string {
  const settings = core.settings.value;
  const chosen = core.env.shifts.current()?.cashier;
  if (chosen) return chosen;
  if (settings.cashiers.length > 0) throw Refusal.say('NOT_ALLOWED', 'cashier.choose');
  return say('cashier.terminal', { name: settings.terminalName || 'Kaunter' });
}

// One allowance of member look-ups per running core (the counter), kept beside it rather than in it.
const lookupsOfCore = new WeakMap<KaunterCore, MemberLookups>();

function lookUpMember(core: KaunterCore, member: MemberIdentity): Promise<LookupOutcome> {
  const loyalty = core.env.rm?.loyalty;
  if (!loyalty || member.type === 'QRCODE') return Promise.resolve({ member: null, problem: null });
  let lookups = lookupsOfCore.get(core);
  if (!lookups) {
    lookups = new MemberLookups();
    lookupsOfCore.set(core, lookups);
  }
  return lookups.lookUp(member, async () => {
    const outcome: RmOutcome<MemberProfile | { name?: string; points?: number }> =
      member.type === 'ID' ? await loyalty.member(member.memberId) : await loyalty.memberByPhone(member.countryCode, member.phoneNumber);
    if (outcome.kind === 'success') return { member: { name: counterName(outcome.value.name ?? null), points: outcome.value.points ?? null }, problem: null };
    // Only a definite "no such member" is worth telling the cashier before they confirm; a network hiccup is not.
    return { member: null, problem: outcome.kind === 'rejected' ? { key: rmMessageKey(outcome.error.code), message: outcome.error.message } : null };
  });
}
