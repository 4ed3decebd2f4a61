// Settling an award whose outcome is unknown. RM has no client reference on a spending reward (docs/revenue-monster.md,
// What the API does not give), so the only evidence is the member's point history: credits of the expected size near
// the time of the attempts. Kaunter shows that evidence and a suggestion; the manager decides, and the decision is
// recorded with their name and reason.
import type { Db } from '../store/database.ts';
import { memberFields } from '../common/member.ts';
import type { LoyaltyApi } from '../rm/loyalty.ts';
import type { RmError } from '../rm/errors.ts';
import { say, type MessageParams } from '../messages.ts';
import type { Award } from './award.ts';
import { attemptsOf, AWARD_COLUMNS, eventsOf, findAward, reversed, toAward, type AwardRow } from './records.ts';
import { requireReason } from './outbox.ts';
import { markClaimed, noteEvent, SettledAlreadyError, transition, TransitionError } from './transitions.ts';
import { evidenceWindow, explained, sendSpan, suggest, tooRecent, type Candidate, type Suggestion } from './rm-evidence.ts';
import { keepEvidence } from './evidence-store.ts';

export type { Candidate, Suggestion } from './rm-evidence.ts';

export interface Evidence {
  awardId: string;
  memberId: string | null;
  expectedPoints: number | null;
  window: { fromMs: number; toMs: number };
  candidates: Candidate[];
  /**
   * Other awards to the same member in the same window, which could explain the same credits: this terminal's, and
   * (when the terminal has joined a head-office hub) those of every other counter of the chain, with their place.
   */
  neighbours: Array<Pick<Award, 'id' | 'state' | 'pointsPreview' | 'createdAt'> & { pointsConfirmed?: boolean; place?: NeighbourPlace }>;
  suggestion: Suggestion;
  explanation: string;
  explanationKey: string;
  explanationParams: MessageParams;
  /** Set when RM could not be asked; the manager may still decide on other grounds. */
  error: RmError | null;
  /**
   * Whether RM's history of the member's points was read: only then does an empty list of credits mean RM recorded
   * none (a member RM could not name, or a history it would not give, says nothing about credits).
   */
  historyRead: boolean;
}

export type Decision = 'credited' | 'resend' | 'void';

/** Where another award was made; none for this terminal's own. Names null: another outlet, for an outlet manager. */
export interface NeighbourPlace {
  outlet: string | null;
  terminal: string | null;
}

/** Awards at the other counters of the chain to this award's member in the window (empty when none can be asked). */
export type ChainNeighbours = (award: Award, window: Evidence['window']) => Promise<Evidence['neighbours']>;

export async function gatherEvidence(
  db: Db,
  awardId: string,
  loyalty: LoyaltyApi,
  now: number = Date.now(),
  chainNeighbours?: ChainNeighbours,
): Promise<Evidence> {
  const award = findAward(db, awardId);
  if (!award) throw new TransitionError(awardId, null, 'AWARDED');
  if (award.state !== 'UNKNOWN') throw new SettledAlreadyError(awardId, award.state);
  const attempts = attemptsOf(db, awardId);
  const span = sendSpan(award.createdAt, attempts, eventsOf(db, awardId));
  const window = evidenceWindow(span);
  const base = { awardId, window, neighbours: [] as Evidence['neighbours'], candidates: [] as Candidate[] };
  // Only RM's own figure will do: a counter's estimate (an award queued offline) is often a point or two off, and then
  // the credit RM did give would not match, and the suggestion would be to send the award a second time.
  const expectedPoints = award.pointsConfirmed && award.pointsPreview !== null ? award.pointsPreview : await pointsFor(loyalty, award.amountSen);

  const memberId = await resolveMemberId(award, loyalty);
  if (!memberId.ok) {
    return { ...base, memberId: null, expectedPoints, suggestion: 'unclear', ...explained(memberId.key), error: memberId.error, historyRead: false };
  }
  const history = await loyalty.memberHistory(memberId.id);
  if (history.kind !== 'success') {
    return { ...base, memberId: memberId.id, expectedPoints, suggestion: 'unclear', ...explained('evidence.historyUnavailable'), error: history.error, historyRead: false };
  }
  const candidates = history.value
    .filter((entry) => entry.points > 0 && inWindow(Date.parse(entry.createdAt), window))
    .map((entry) => ({
      entry,
      // `|| 0`: a credit less than half a second before the attempt rounds to -0, which JSON (the hub) writes as 0.
      secondsFromAttempt: Math.round((Date.parse(entry.createdAt) - span.firstMs) / 1000) || 0,
      pointsMatch: expectedPoints !== null && entry.points === expectedPoints,
    }));
  const local = neighboursOf(db, award, window);
  const chain = chainNeighbours ? await chainNeighbours(award, window) : [];
  const neighbours = [...local, ...chain.filter((n) => n.id !== award.id && !local.some((l) => l.id === n.id))];
  const suggested = suggest(candidates, neighbours, expectedPoints, tooRecent(span, now));
  const evidence = { ...base, memberId: memberId.id, expectedPoints, candidates, neighbours, ...suggested, error: null, historyRead: true };
  // Settled while RM and the hub were asked (a head-office decision carried out meanwhile): nothing left to weigh.
  const still = findAward(db, awardId);
  if (!still) throw new TransitionError(awardId, null, 'AWARDED');
  if (still.state !== 'UNKNOWN') throw new SettledAlreadyError(awardId, still.state);
  keepEvidence(db, evidence, now);
  return evidence;
}

/** Applies the manager's decision on an UNKNOWN award. Resend queues it for a new attempt with a fresh nonce. */
export function resolveUnknown(db: Db, awardId: string, decision: Decision, manager: string, reason: string, now: number): Award {
  const why = requireReason(reason);
  const actor = `manager:${manager}`;
  const resolution = { by: manager, reason: why };
  switch (decision) {
    case 'credited':
      return transition(db, awardId, ['UNKNOWN'], { to: 'AWARDED', actor, reason: why, resolution }, now);
    case 'resend':
      return transition(db, awardId, ['UNKNOWN'], { to: 'QUEUED', actor, reason: why, resolution, nextAttemptAt: now }, now);
    case 'void':
      return transition(db, awardId, ['UNKNOWN'], { to: 'VOIDED', actor, reason: why, resolution }, now);
  }
}

export type CancelResult = { ok: true; award: Award } | { ok: false; error: RmError; award: Award };

/** RM's answer to a cancel of a claim QR the customer already claimed. */
export const QR_CLAIMED_CODE = 'QR_REDEEMED';
/**
 * The answer to a cancel of a claim QR already cancelled: a first cancel whose answer was lost did its work at RM.
 * RM's documentation names no code for it (UNSURE); RESOURCE_GONE is what our sandbox answers. Any other refusal leaves
 * the award AWARDED with the refusal in its trail, so a different real answer is seen and never taken as a cancel.
 */
export const QR_ALREADY_CANCELLED_CODE = 'RESOURCE_GONE';

/**
 * Cancels a claim QR award at RM (possible until the customer claims it), then records CANCELLED. A QR known to be
 * claimed is not sent; one RM says was claimed is recorded as claimed, so it is not offered again.
 */
export async function cancelQrAward(db: Db, awardId: string, loyalty: LoyaltyApi, manager: string, reason: string, now: () => number): Promise<CancelResult> {
  const why = requireReason(reason);
  const award = findAward(db, awardId);
  if (!award || award.state !== 'AWARDED' || award.member.type !== 'QRCODE' || !award.rmItemId || award.claimedAt !== null) {
    throw new TransitionError(awardId, award?.state ?? null, 'CANCELLED');
  }
  const outcome = await loyalty.cancelSpendingReward(award.rmItemId);
  const actor = `manager:${manager}`;
  if (outcome.kind === 'success') {
    return { ok: true, award: transition(db, awardId, ['AWARDED'], { to: 'CANCELLED', actor, reason: why, resolution: { by: manager, reason: why } }, now()) };
  }
  if (outcome.error.code === QR_ALREADY_CANCELLED_CODE) {
    const change = { to: 'CANCELLED' as const, actor, reason: `${why} (${outcome.error.message})`, errorCode: outcome.error.code, resolution: { by: manager, reason: why } };
    return { ok: true, award: transition(db, awardId, ['AWARDED'], change, now()) };
  }
  noteEvent(db, awardId, actor, say('event.cancelFailed', { rm: outcome.error.message }), outcome.error.code, now());
  if (outcome.error.code === QR_CLAIMED_CODE) {
    return { ok: false, error: outcome.error, award: markClaimed(db, awardId, now()) };
  }
  return { ok: false, error: outcome.error, award };
}

function inWindow(ms: number, window: Evidence['window']): boolean {
  return Number.isFinite(ms) && ms >= window.fromMs && ms <= window.toMs;
}

async function pointsFor(loyalty: LoyaltyApi, amountSen: number): Promise<number | null> {
  const outcome = await loyalty.calculatePoints(amountSen);
  return outcome.kind === 'success' ? outcome.value : null;
}

type MemberIdResult = { ok: true; id: string } | { ok: false; key: string; error: RmError | null };

async function resolveMemberId(award: Award, loyalty: LoyaltyApi): Promise<MemberIdResult> {
  const member = award.member;
  if (member.type === 'ID') return { ok: true, id: member.memberId };
  if (member.type === 'QRCODE') {
    return { ok: false, key: 'evidence.qrNoMember', error: null };
  }
  const profile = await loyalty.memberByPhone(member.countryCode, member.phoneNumber);
  if (profile.kind !== 'success') {
    return { ok: false, key: 'evidence.phoneNotFound', error: profile.error };
  }
  if (!profile.value.memberId) {
    return { ok: false, key: 'evidence.noMemberId', error: null };
  }
  return { ok: true, id: profile.value.memberId };
}

/**
 * This counter's other awards to the member that could own a credit in the window: made in it, or sent in it (an award
 * queued offline hours before is sent, and credited, when the line comes back). Read through the member's own index.
 */
function neighboursOf(db: Db, award: Award, window: Evidence['window']): Evidence['neighbours'] {
  const member = award.member;
  if (member.type === 'QRCODE') return [];
  const sameMember = member.type === 'ID' ? 'member_id = @memberId' : 'phone_reversed = @phoneReversed AND phone_number = @phoneNumber AND country_code = @countryCode';
  const rows = db
    .prepare(
      `SELECT ${AWARD_COLUMNS} FROM awards WHERE ${sameMember} AND id != @id AND created_at <= @to
         AND (created_at >= @from OR EXISTS (SELECT 1 FROM attempts t WHERE t.award_id = awards.id AND t.started_at BETWEEN @from AND @to))
       ORDER BY seq`,
    )
    .all({
      id: award.id,
      from: window.fromMs,
      to: window.toMs,
      ...memberFields(member),
      phoneReversed: member.type === 'PHONENUMBER' ? reversed(member.phoneNumber) : null,
    }) as AwardRow[];
  return rows.map(toAward).map(({ id, state, pointsPreview, pointsConfirmed, createdAt }) => ({ id, state, pointsPreview, pointsConfirmed, createdAt }));
}
