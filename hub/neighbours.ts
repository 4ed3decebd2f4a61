// Chain-wide neighbours: every counter's awards to one member made or sent in a window (an award queued offline hours
// before is credited when it is sent), for settling an UNKNOWN award.
import type { MemberIdentity } from '../app/common/member.ts';
import { memberFields } from '../app/common/member.ts';
import { MAX_NEIGHBOURS, type NeighboursReply } from '../app/sync/wire.ts';
import type { Pool } from './db/pool.ts';

export async function neighboursOf(pool: Pool, awardId: string, member: MemberIdentity, fromMs: number, toMs: number): Promise<NeighboursReply['items']> {
  const { memberId, countryCode, phoneNumber } = memberFields(member);
  if (!memberId && !phoneNumber) return [];
  const rows = await pool.query<NeighboursReply['items'][number]>(
    `SELECT a.id, a.state, a.points_preview AS "pointsPreview", a.points_confirmed AS "pointsConfirmed", a.created_at AS "createdAt", o.name AS outlet, t.name AS terminal
     FROM awards a JOIN terminals t ON t.id = a.terminal_id JOIN outlets o ON o.id = a.outlet_id
     WHERE ${memberId ? 'a.member_id = $4' : 'a.phone_number = $4 AND a.country_code = $5'}
       AND a.id <> $1 AND a.created_at <= $3
       AND (a.created_at >= $2 OR EXISTS (SELECT 1 FROM attempts sent WHERE sent.award_id = a.id AND sent.started_at BETWEEN $2 AND $3))
     ORDER BY a.created_at LIMIT ${MAX_NEIGHBOURS}`,
    memberId ? [awardId, fromMs, toMs, memberId] : [awardId, fromMs, toMs, phoneNumber, countryCode],
  );
  return rows.rows;
}
