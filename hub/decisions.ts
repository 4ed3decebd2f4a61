// Decisions taken at the hub on UNKNOWN awards. The hub never calls Revenue Monster: a decision waits here until the
// counter that owns the award checks in, carries it out itself (a resend is signed and sent only there), and reports
// back; the resulting state change reaches the hub as an ordinary event.
import type { Decision } from '../app/awards/reconcile.ts';
import type { HubDecision } from '../app/sync/wire.ts';
import { inTransaction, type Client, type Pool } from './db/pool.ts';
import { HubError } from './errors.ts';
import { recordAudit } from './audit.ts';
import type { Scope } from './history.ts';

export async function decide(pool: Pool, who: string, scope: Scope, awardId: string, decision: Decision, reason: string): Promise<{ id: string }> {
  const why = reason.trim();
  if (why.length === 0) throw new HubError('BAD_REQUEST', 'Say why (a few words) before deciding; it goes into the award\'s history.');
  return inTransaction(pool, async (client) => {
    const award = await client.query<{ state: string; terminal_id: string; outlet_id: string }>('SELECT state, terminal_id, outlet_id FROM awards WHERE id = $1 FOR UPDATE', [awardId]);
    const row = award.rows[0];
    if (!row || (scope.outletId && row.outlet_id !== scope.outletId)) throw new HubError('NOT_FOUND', 'There is no such award.');
    if (row.state !== 'UNKNOWN') throw new HubError('CONFLICT', `This award is ${row.state} now; only an UNKNOWN award can be decided.`);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO decisions (award_id, terminal_id, decision, reason, decided_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (award_id) WHERE outcome IS NULL DO NOTHING RETURNING id`,
      [awardId, row.terminal_id, decision, why, who],
    );
    const id = inserted.rows[0]?.id;
    if (!id) throw new HubError('CONFLICT', 'A decision on this award is already on its way to the counter.');
    await recordAudit(client, `user:${who}`, 'award.decide', awardId, { decision, reason: why, decisionId: id });
    return { id };
  });
}

export async function openDecisionsFor(pool: Pool, terminalId: string): Promise<HubDecision[]> {
  const rows = await pool.query<HubDecision>(
    `SELECT id, award_id AS "awardId", decision, reason, decided_by AS "decidedBy" FROM decisions
     WHERE terminal_id = $1 AND outcome IS NULL ORDER BY decided_at LIMIT 50`,
    [terminalId],
  );
  return rows.rows;
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
