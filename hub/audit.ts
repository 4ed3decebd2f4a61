// The audit trail: who did what to which record, appended in the same transaction as the change itself; and which
// counter read the chain's awards to the member of which of its awards, appended after the read (a read changes nothing).
import type { Client, Pool } from './db/pool.ts';

export async function recordAudit(client: Client | Pool, actor: string, action: string, subject: string | null, detail: Record<string, unknown>): Promise<void> {
  await client.query('INSERT INTO audit (actor, action, subject, detail) VALUES ($1, $2, $3, $4)', [actor, action, subject, JSON.stringify(detail)]);
}

/**
 * The same as recordAudit unless this actor already has this action on this subject: a fact told twice is one fact.
 * Two writers at the very same moment (two hub processes) may both write it; a duplicate row is harmless, a lock is not
 * worth it for a record that is read, not counted.
 */
export async function recordAuditOnce(client: Client | Pool, actor: string, action: string, subject: string, detail: Record<string, unknown>): Promise<void> {
  await client.query(
    `INSERT INTO audit (actor, action, subject, detail) SELECT $1::text, $2::text, $3::text, $4::jsonb
      WHERE NOT EXISTS (SELECT 1 FROM audit WHERE subject = $3 AND action = $2 AND actor = $1)`,
    [actor, action, subject, JSON.stringify(detail)],
  );
}
