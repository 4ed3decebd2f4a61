// Decisions taken at the hub on UNKNOWN awards. The hub never calls Revenue Monster: a decision waits here until the
// counter that owns the award checks in, carries it out itself (a resend is signed and sent only there), and reports
// back; the resulting state change reaches the hub as an ordinary event.
import type { Decision } from '../app/awards/reconcile.ts';
import type { HubDecision } from '../app/sync/wire.ts';
import { inTransaction, type Client, type Pool } from './db/pool.ts';
import { saidRefusal } from './errors.ts';
import { recordAudit } from './audit.ts';
import type { Scope } from './history.ts';

/**
 * Whether the decision's award has become UNKNOWN again since head office decided: an event after the newest one the
 * award showed then (its snapshot can be ahead of the events a counter has pushed so far, so a count of UNKNOWN events
 * would not do) that makes it UNKNOWN from another state. A note on an unknown award, such as its evidence, does not.
 */
function supersededSql(decision: string): string {
  return `(${decision}.award_seq IS NOT NULL AND EXISTS (SELECT 1 FROM award_events e WHERE e.award_id = ${decision}.award_id
    AND e.seq > ${decision}.award_seq AND e.to_state = 'UNKNOWN' AND e.from_state IS DISTINCT FROM 'UNKNOWN'))`;
}

/** What head office reads on a decision whose award became UNKNOWN again before its counter checked in. */
export const SUPERSEDED_OUTCOME =
  'closed: the award was sent again (by this decision or at the counter) and its outcome is unknown once more; a decision is for the outcome it was taken on. Check the award\'s trail; decide again if it is still UNKNOWN.';

export async function decide(pool: Pool, who: string, scope: Scope, awardId: string, decision: Decision, reason: string): Promise<{ id: string }> {
  const why = reason.trim();
  if (why.length === 0) throw saidRefusal('BAD_REQUEST', 'headOffice.decisionWhy');
  return inTransaction(pool, async (client) => {
    const award = await client.query<{ state: string; terminal_id: string; outlet_id: string; last_event_seq: number }>(
      'SELECT state, terminal_id, outlet_id, last_event_seq FROM awards WHERE id = $1 FOR UPDATE',
      [awardId],
    );
    const row = award.rows[0];
    if (!row || (scope.outletId && row.outlet_id !== scope.outletId)) throw saidRefusal('NOT_FOUND', 'headOffice.noSuchAward');
    if (row.state !== 'UNKNOWN') throw saidRefusal('CONFLICT', 'headOffice.decisionNotUnknown', { state: row.state });
    // One waiting for the counter on an earlier outcome no longer holds, counter or not: this one takes its place.
    await closeSuperseded(client, [awardId], `user:${who}`);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO decisions (award_id, terminal_id, decision, reason, decided_by, award_seq) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (award_id) WHERE outcome IS NULL DO NOTHING RETURNING id`,
      [awardId, row.terminal_id, decision, why, who, row.last_event_seq],
    );
    const id = inserted.rows[0]?.id;
    if (!id) throw saidRefusal('CONFLICT', 'headOffice.decisionOnItsWay');
    await recordAudit(client, `user:${who}`, 'award.decide', awardId, { decision, reason: why, decisionId: id });
    return { id };
  });
}

/**
 * The decisions the counter is to carry out. One taken on an earlier unknown outcome of its award is closed instead:
 * the award was sent again since (by this decision, its report lost, or by the counter's own manager), and the new
 * outcome is one nobody at head office has decided on. Asked at every check-in, so the usual answer (none open) is
 * one read.
 */
export async function openDecisionsFor(pool: Pool, terminalId: string): Promise<HubDecision[]> {
  const open = await pool.query<HubDecision & { superseded: boolean }>(
    `SELECT id, award_id AS "awardId", decision, reason, decided_by AS "decidedBy", ${supersededSql('d')} AS superseded
     FROM decisions d WHERE terminal_id = $1 AND outcome IS NULL ORDER BY decided_at LIMIT 50`,
    [terminalId],
  );
  const superseded = open.rows.filter((row) => row.superseded).map((row) => row.awardId);
  if (superseded.length > 0) await inTransaction(pool, (client) => closeSuperseded(client, superseded, `terminal:${terminalId}`));
  return open.rows.filter((row) => !row.superseded).map(({ id, awardId, decision, reason, decidedBy }) => ({ id, awardId, decision, reason, decidedBy }));
}

/** Closes these awards' open decisions that are superseded; once, whichever hub process gets there first. */
async function closeSuperseded(client: Client, awardIds: string[], actor: string): Promise<void> {
  const closed = await client.query<{ id: string; award_id: string }>(
    `UPDATE decisions d SET outcome = $2 WHERE award_id = ANY($1::uuid[]) AND outcome IS NULL AND ${supersededSql('d')} RETURNING id, award_id`,
    [awardIds, SUPERSEDED_OUTCOME],
  );
  for (const row of closed.rows) {
    await recordAudit(client, actor, 'decision.closed', row.award_id, { decisionId: row.id, message: SUPERSEDED_OUTCOME });
  }
}

export async function reportDecision(pool: Pool, terminalId: string, decisionId: string, outcome: string, message: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    const row = await client.query<{ award_id: string }>(
      `UPDATE decisions SET outcome = $3, delivered_at = now() WHERE id = $1 AND terminal_id = $2 AND outcome IS NULL RETURNING award_id`,
      [decisionId, terminalId, outcome === 'carried-out' ? 'carried out' : `refused: ${message}`],
    );
    const awardId = row.rows[0]?.award_id;
    if (awardId) await recordAudit(client, `terminal:${terminalId}`, `decision.${outcome}`, awardId, { decisionId, message });
  });
}

/** What head office reads on a decision the terminal never reported when it was enrolled again. */
export const REENROLLED_OUTCOME =
  'closed unreported: the terminal was enrolled again before it reported on this decision, which may have been carried out. Check the award\'s trail; decide again if it is still UNKNOWN.';

/**
 * A terminal enrolled again (a replacement PC, or a new credential): the decisions it had not reported on are closed,
 * never offered to the new credential. The PC before may have carried one out and stopped before reporting it, and a
 * replacement restores the awards, not what was done with them: offered again, a resend would reach RM twice.
 */
export async function closeUnreportedDecisions(client: Client, terminalId: string): Promise<void> {
  const closed = await client.query<{ id: string; award_id: string }>(
    'UPDATE decisions SET outcome = $2 WHERE terminal_id = $1 AND outcome IS NULL RETURNING id, award_id',
    [terminalId, REENROLLED_OUTCOME],
  );
  for (const row of closed.rows) {
    await recordAudit(client, `terminal:${terminalId}`, 'decision.closed', row.award_id, { decisionId: row.id, message: REENROLLED_OUTCOME });
  }
}
