// Chain-wide neighbours: every counter's awards to one member made or sent in a window (an award queued offline hours
// before is credited when it is sent), for settling an UNKNOWN award.
import type { MemberIdentity } from '../app/common/member.ts';
import { memberFields } from '../app/common/member.ts';
import { MAX_NEIGHBOURS, type NeighboursReply } from '../app/sync/wire.ts';
import type { Pool } from './db/pool.ts';
import { HubError } from './errors.ts';

type MemberFields = ReturnType<typeof memberFields>;

/**
 * A counter asks about one of its own awards, which the hub must already have. The member is the one the hub has for
 * that award, whatever the request names, so a counter's credential (a leaked one too) reads the chain's awards only to
 * members that counter itself has served.
 */
export async function terminalNeighbours(pool: Pool, terminalId: string, awardId: string, fromMs: number, toMs: number): Promise<NeighboursReply['items']> {
  const own = await pool.query<{ memberId: string | null; countryCode: string | null; phoneNumber: string | null }>(
    'SELECT member_id AS "memberId", country_code AS "countryCode", phone_number AS "phoneNumber" FROM awards WHERE id = $1 AND terminal_id = $2',
    [awardId, terminalId],
  );
  const award = own.rows[0];
  if (!award) throw new HubError('NOT_FOUND', 'The hub does not have this award from this terminal yet: send it (sync), then ask again.');
  return neighboursByFields(pool, awardId, award, fromMs, toMs);
}

export function neighboursOf(pool: Pool, awardId: string, member: MemberIdentity, fromMs: number, toMs: number): Promise<NeighboursReply['items']> {
  return neighboursByFields(pool, awardId, memberFields(member), fromMs, toMs);
}

async function neighboursByFields(pool: Pool, awardId: string, { memberId, countryCode, phoneNumber }: MemberFields, fromMs: number, toMs: number): Promise<NeighboursReply['items']> {
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
