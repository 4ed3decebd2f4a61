// One award at the hub with everything a manager needs to settle it: its attempts and event trail as the counter
// recorded them, the chain's other awards to the same member around its attempts, the RM evidence its counter gathered
// weighed against them, and decisions on their way.
import type { AwardEventView } from '../app/awards/award.ts';
import { eventView } from '../app/awards/event-words.ts';
import { cutToWindow, evidenceWindow, explained, sendSpan, suggest, tooRecent, type Explained, type RmEvidence, type SendSpan, type Suggestion } from '../app/awards/rm-evidence.ts';
import { toAwardEvent } from '../app/awards/records.ts';
import type { EventRow } from '../app/sync/wire-records.ts';
import { EVENT_COLUMNS } from '../app/sync/wire-records.ts';
import type { NeighboursReply } from '../app/sync/wire.ts';
import type { Pool } from './db/pool.ts';
import { saidRefusal } from './errors.ts';
import { attemptsByAward, HISTORY_SELECT, hubHistoryPage, hubWhere, toHubAward, type HubAward, type HubFilter, type HubHistoryRow, type Scope } from './history.ts';
import { neighboursOf } from './neighbours.ts';
import type { AttemptRecord } from '../app/awards/award.ts';

export interface DecisionView {
  id: string;
  decision: string;
  reason: string;
  decidedBy: string;
  decidedAt: string;
  outcome: string | null;
}

/**
 * Another award to the same member. For an outlet manager, one made at another outlet keeps only what the suggestion
 * weighs (its state, points and time) and loses its id, outlet and terminal (null): the issue gives outlet managers their
 * own outlet only, yet a credit another outlet's award explains must still count against "credited", and the manager
 * deciding should see why. Head office sees every field.
 */
type Neighbour = Omit<NeighboursReply['items'][number], 'id' | 'outlet' | 'terminal'> & { id: string | null; outlet: string | null; terminal: string | null };

/**
 * The review's evidence, in the shape the counter's review screen shows: RM's credits as the award's counter gathered
 * them (none until it has), the chain's other awards to the member, and the core's suggestion from both.
 */
export interface EvidenceView extends Explained {
  awardId: string;
  memberId: string | null;
  expectedPoints: number | null;
  window: RmEvidence['window'];
  candidates: RmEvidence['candidates'];
  neighbours: Array<Pick<Neighbour, 'id' | 'state' | 'pointsPreview' | 'createdAt'> & { place: { outlet: string | null; terminal: string | null } }>;
  suggestion: Suggestion;
  error: null;
  /** When and at which counter RM was asked; null when no counter has gathered evidence on this award yet. */
  gathered: { at: number; by: string } | null;
  /** A counter's gathering read RM's history of the member's points: only then does "no credits" mean none. */
  historyRead: boolean;
}

export interface AwardDetailView {
  award: HubAward;
  attempts: AttemptRecord[];
  /** As the counter's award.get gives them: each reason's code and each actor's kind, for the screens to translate. */
  events: AwardEventView[];
  neighbours: Neighbour[];
  evidence: EvidenceView;
  decisions: DecisionView[];
  place: { outlet: string; terminal: string };
}

export async function awardDetail(pool: Pool, id: string, scope: Scope): Promise<AwardDetailView> {
  const page = await hubHistoryPage(pool, {}, scope, null, 1, id);
  const award = page.items[0];
  if (!award) throw saidRefusal('NOT_FOUND', 'headOffice.noSuchAward');
  const [attempts, events, decisions, kept] = await Promise.all([
    attemptsByAward(pool, [id]),
    pool.query<EventRow>(`SELECT seq AS id, ${EVENT_COLUMNS} FROM award_events WHERE award_id = $1 ORDER BY seq`, [id]),
    pool.query<DecisionView>(
      `SELECT id, decision, reason, decided_by AS "decidedBy", to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "decidedAt", outcome
       FROM decisions WHERE award_id = $1 ORDER BY decided_at`,
      [id],
    ),
    pool.query<{ evidence: RmEvidence }>('SELECT evidence FROM award_evidence WHERE award_id = $1', [id]),
  ]);
  const tried = attempts.get(id) ?? [];
  const trail = events.rows.map(toAwardEvent);
  const span = sendSpan(award.createdAt, tried, trail);
  // What a counter gathered before the award was last possibly sent (a resend, a restore) is out of date: not shown.
  const gathered = kept.rows[0]?.evidence ?? null;
  const rm = gathered && gathered.gatheredAt >= span.lastMs ? gathered : null;
  // The counter's window is what it pushed: cut to the award's own as the hub has it, as a counter's own question is
  // (neighbours.ts), so no pushed window can show an outlet manager the member's awards across the chain for all time.
  const own = evidenceWindow(span);
  const window = rm ? cutToWindow(rm.window, own) : own;
  const chain = await neighboursOf(pool, id, award.member, window.fromMs, window.toMs);
  const neighbours = scope.outletId === null ? chain : chain.map((n) => (n.outlet === award.outlet ? n : { ...n, id: null, outlet: null, terminal: null }));
  return {
    award,
    attempts: tried,
    events: trail.map(eventView),
    neighbours,
    evidence: evidenceView(award, span, rm, window, neighbours),
    decisions: decisions.rows,
    place: { outlet: award.outlet, terminal: award.terminal },
  };
}

function evidenceView(award: HubAward, span: SendSpan, rm: RmEvidence | null, window: RmEvidence['window'], neighbours: Neighbour[]): EvidenceView {
  const shown = neighbours.map(({ id, state, pointsPreview, createdAt, outlet, terminal }) => ({ id, state, pointsPreview, createdAt, place: { outlet, terminal } }));
  const base = { awardId: award.id, window, neighbours: shown, error: null };
  if (!rm) {
    return {
      ...base,
      memberId: award.member.type === 'ID' ? award.member.memberId : null,
      expectedPoints: award.pointsPreview,
      candidates: [],
      suggestion: 'unclear',
      ...explained('evidence.headOffice'),
      gathered: null,
      historyRead: false,
    };
  }
  // RM's history as it stood when the counter asked: a credit missing then may only have been too recent to be listed.
  const suggested = suggest(rm.candidates, neighbours, rm.expectedPoints, tooRecent(span, rm.gatheredAt));
  return { ...base, memberId: rm.memberId, expectedPoints: rm.expectedPoints, candidates: rm.candidates, ...suggested, gathered: { at: rm.gatheredAt, by: award.terminal }, historyRead: true };
}

/** How many UNKNOWN awards the review lists at once; the next come as the first are decided. */
const REVIEW_SIZE = 500;

/**
 * UNKNOWN awards across every counter in scope (or at one outlet or terminal of it, as head office chose), with any
 * decision already on its way: the oldest first, as at the counter, because they are the most overdue (after a
 * chain-wide RM outage, newest first kept them out of the list).
 */
export async function reviewQueue(pool: Pool, scope: Scope, place: Pick<HubFilter, 'outlet' | 'terminal'> = {}): Promise<Array<HubAward & { pendingDecision: string | null }>> {
  const where = hubWhere({ ...place, states: ['UNKNOWN'] }, scope);
  const rows = await pool.query<HubHistoryRow>(`${HISTORY_SELECT} ${where.sql} ORDER BY a.created_at, a.id LIMIT ${REVIEW_SIZE}`, where.params);
  const awards = rows.rows.map(toHubAward);
  const pending = await pool.query<{ award_id: string; decision: string }>(
    'SELECT award_id, decision FROM decisions WHERE outcome IS NULL AND award_id = ANY($1::uuid[])',
    [awards.map((award) => award.id)],
  );
  const byAward = new Map(pending.rows.map((row) => [row.award_id, row.decision]));
  return awards.map((award) => ({ ...award, pendingDecision: byAward.get(award.id) ?? null }));
}
