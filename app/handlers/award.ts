// The counter's award methods: preview, parse what was typed, submit, undo, look one up.
import { counterName, MemberLookups, type LookupOutcome } from '../awards/member-lookups.ts';
import { MALAYSIA, memberIdentitySchema, parsePhone, type MemberIdentity } from '../member.ts';
import type { KaunterCore } from '../core/kaunter-core.ts';
import { Refusal } from '../core/failure.ts';
import type { RmOutcome } from '../rm/outcome.ts';
import type { MemberProfile } from '../rm/loyalty.ts';
import type { NamespaceHandlers } from './types.ts';

/** How long the counter waits for RM before telling the cashier "still sending" and letting them carry on. */
const COUNTER_WAIT_MS = 8_000;

export const awardHandlers: NamespaceHandlers<'award'> = {
  'award.preview': async (core, { amountSen, member }) => {
    const rm = core.env.rm;
    const points = rm ? await rm.loyalty.calculatePoints(amountSen) : null;
    if (points?.kind === 'success' && amountSen > 0) {
      core.settings.update((s) => ({ ...s, lastKnownPointsPerSen: points.value / amountSen }));
    }
    const known = points?.kind === 'success' ? points.value : null;
    const ratio = core.settings.value.lastKnownPointsPerSen;
    const lookup = member && rm ? await lookUpMember(core, member) : { member: null, problem: null };
    return {
      points: known ?? (ratio === null ? null : Math.floor(amountSen * ratio + 1e-9)),
      estimate: known === null,
      member: lookup.member,
      memberProblem: lookup.problem,
    };
  },

  'award.parseMember': (_core, { kind, text }) => {
    if (kind === 'memberId') {
      const parsed = memberIdentitySchema.safeParse({ type: 'ID', memberId: text.trim() });
      if (!parsed.success) throw new Refusal('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Not a member ID.', { field: 'text' });
      return parsed.data;
    }
    const phone = parsePhone(text, MALAYSIA);
    if (!phone.ok) throw new Refusal('INVALID_INPUT', phone.message, { field: 'text' });
    return { type: 'PHONENUMBER', countryCode: phone.countryCode, phoneNumber: phone.phoneNumber };
  },

  'award.submit': async (core, input) => {
    const cashier = cashierOf(core);
    const result = await core.env.desk.submit({ ...input, cashier }, `cashier:${cashier}`, COUNTER_WAIT_MS);
    return { award: result.award, settled: result.settled, waiting: result.settled ? null : result.reason };
  },

  'award.undo': (core, { id, reason }) => {
    const cashier = cashierOf(core);
    const award = core.env.desk.outbox.voidQueued(id, `cashier:${cashier}`, reason ?? 'undone at the counter before it was sent');
    core.env.desk.notify(id);
    return award;
  },

  'award.get': (core, { id }) => {
    const detail = core.env.desk.outbox.get(id);
    if (!detail) throw new Refusal('NOT_FOUND', 'No award with that id on this terminal.');
    return detail;
  },
};

export function cashierOf(core: KaunterCore): string {
  const settings = core.settings.value;
  return settings.currentCashier ?? (settings.terminalName || 'Counter');
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
    return { member: null, problem: outcome.kind === 'rejected' ? outcome.error.message : null };
  });
}
