// A terminal's history back from the hub, page by page, oldest first: what a replacement counter PC writes into its
// empty database.
import type { RestorePage } from '../app/sync/wire.ts';
import type { RmEvidence } from '../app/awards/rm-evidence.ts';
import type { Pool } from './db/pool.ts';
import { toAward } from '../app/awards/records.ts';
import { EVENT_COLUMNS, toWireAward, toWireEvent, type EventRow } from '../app/sync/wire-records.ts';
import { ATTEMPT_COLUMNS, decodeCursor, encodeCursor, groupBy, HUB_AWARD_COLUMNS, withoutAwardId, type AttemptRow, type HubAwardRow } from './records.ts';
import type { TerminalIdentity } from './terminals.ts';

const PAGE = 500;

export async function restorePage(pool: Pool, who: TerminalIdentity, cursor: string | null): Promise<RestorePage> {
  const after = cursor ? decodeCursor(cursor) : { createdAt: -1, id: '00000000-0000-0000-0000-000000000000' };
  const awards = await pool.query<HubAwardRow>(
    `SELECT ${HUB_AWARD_COLUMNS} FROM awards a WHERE a.terminal_id = $1 AND a.created_at >= $2 AND (a.created_at, a.id) > ($2, $3::uuid)
     ORDER BY a.created_at, a.id LIMIT ${PAGE}`,
    [who.terminalId, after.createdAt, after.id],
  );
  const ids = awards.rows.map((row) => row.id);
  const [attempts, events, evidence, terminal] = await Promise.all([
    pool.query<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE award_id = ANY($1::uuid[]) ORDER BY award_id, number`, [ids]),
    pool.query<EventRow>(`SELECT seq AS id, ${EVENT_COLUMNS} FROM award_events WHERE terminal_id = $1 AND award_id = ANY($2::uuid[]) ORDER BY seq`, [who.terminalId, ids]),
    pool.query<{ award_id: string; evidence: RmEvidence }>('SELECT award_id, evidence FROM award_evidence WHERE award_id = ANY($1::uuid[])', [ids]),
    pool.query<{ acked_seq: number }>('SELECT acked_seq FROM terminals WHERE id = $1', [who.terminalId]),
  ]);
  const evidenceOf = new Map(evidence.rows.map((row) => [row.award_id, row.evidence]));
  const attemptsOf = groupBy(attempts.rows);
  const eventsOf = groupBy(events.rows);
  const last = awards.rows.at(-1);
  return {
    items: awards.rows.map((row) => ({
      award: toWireAward(toAward(row), row.last_event_seq, (attemptsOf.get(row.id) ?? []).map(withoutAwardId), evidenceOf.get(row.id) ?? null),
      events: (eventsOf.get(row.id) ?? []).map(toWireEvent),
    })),
    nextCursor: awards.rows.length === PAGE && last ? encodeCursor(last) : null,
    ackedSeq: terminal.rows[0]?.acked_seq ?? 0,
  };
}
