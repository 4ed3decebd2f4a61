// The audit trail: who did what to which record, appended in the same transaction as the change itself.
import type { Client } from './db/pool.ts';

export async function recordAudit(client: Client, actor: string, action: string, subject: string | null, detail: Record<string, unknown>): Promise<void> {
  await client.query('INSERT INTO audit (actor, action, subject, detail) VALUES ($1, $2, $3, $4)', [actor, action, subject, JSON.stringify(detail)]);
}
