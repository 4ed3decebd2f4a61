// One award at the hub with everything a manager needs to settle it: its attempts and event trail as the counter
// recorded them, the chain's other awards to the same member around its attempts, and decisions on their way.
import type { AwardEventView } from '../app/awards/award.ts';
import { eventView } from '../app/awards/event-words.ts';
import { toAwardEvent } from '../app/awards/records.ts';
import type { EventRow } from '../app/sync/wire-records.ts';
import { EVENT_COLUMNS } from '../app/sync/wire-records.ts';
import type { NeighboursReply } from '../app/sync/wire.ts';
import type { Pool } from './db/pool.ts';
import { HubError } from './errors.ts';
import { attemptsByAward, hubHistoryPage, type HubAward, type Scope } from './history.ts';
import { neighboursOf } from './neighbours.ts';
import type { AttemptRecord } from '../app/awards/award.ts';

/** The same window the counter's reconciliation uses around the attempts (app/awards/reconcile.ts). */
const WINDOW_BEFORE_MS = 5 * 60_000;
const WINDOW_AFTER_MS = 15 * 60_000;

export interface DecisionView {
  id: string;
  decision: string;
  reason: string;
  decidedBy: string;
  decidedAt: string;
  outcome: string | null;
}

export interface AwardDetailView {
  award: HubAward;
  attempts: AttemptRecord[];
  /** As the counter's award.get gives them: each reason's code and each actor's kind, for the screens to translate. */
  events: AwardEventView[];
  neighbours: NeighboursReply['items'];
  decisions: DecisionView[];
}

export async function awardDetail(pool: Pool, id: string, scope: Scope): Promise<AwardDetailView> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new HubError('NOT_FOUND', 'There is no such award.');
  const page = await hubHistoryPage(pool, {}, scope, null, 1, id);
  const award = page.items[0];
  if (!award) throw new HubError('NOT_FOUND', 'There is no such award.');
  const [attempts, events, decisions] = await Promise.all([
    attemptsByAward(pool, [id]),
    pool.query<EventRow>(`SELECT seq AS id, ${EVENT_COLUMNS} FROM award_events WHERE award_id = $1 ORDER BY seq`, [id]),
    pool.query<DecisionView>(
      `SELECT id, decision, reason, decided_by AS "decidedBy", to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "decidedAt", outcome
       FROM decisions WHERE award_id = $1 ORDER BY decided_at`,
      [id],
    ),
  ]);
  const tried = attempts.get(id) ?? [];
  const first = tried[0]?.startedAt ?? award.createdAt;
  const last = tried.at(-1)?.startedAt ?? first;
  return {
    award,
    attempts: tried,
    events: events.rows.map((row) => eventView(toAwardEvent(row))),
    neighbours: await neighboursOf(pool, id, award.member, first - WINDOW_BEFORE_MS, last + WINDOW_AFTER_MS),
    decisions: decisions.rows,
  };
}

/** UNKNOWN awards across every counter in scope, oldest first, with any decision already on its way. */
export async function reviewQueue(pool: Pool, scope: Scope): Promise<Array<HubAward & { pendingDecision: string | null }>> {
  const page = await hubHistoryPage(pool, { states: ['UNKNOWN'] }, scope, null, 500);
  const pending = await pool.query<{ award_id: string; decision: string }>(
    'SELECT award_id, decision FROM decisions WHERE outcome IS NULL AND award_id = ANY($1::uuid[])',
    [page.items.map((award) => award.id)],
  );
  const byAward = new Map(pending.rows.map((row) => [row.award_id, row.decision]));
  return page.items.map((award) => ({ ...award, pendingDecision: byAward.get(award.id) ?? null }));
}
