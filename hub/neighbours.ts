// Chain-wide neighbours: every counter's awards to one member made or sent in a window (an award queued offline hours
// before is credited when it is sent), for settling an UNKNOWN award.
import type { MemberIdentity } from '../app/common/member.ts';
import { memberFields } from '../app/common/member.ts';
import type { AwardState } from '../app/awards/award.ts';
import { cutToWindow, evidenceWindow, sendSpan, type EvidenceWindow } from '../app/awards/rm-evidence.ts';
import { MAX_NEIGHBOURS, type NeighboursReply } from '../app/sync/wire.ts';
import { recordAudit } from './audit.ts';
import type { Pool } from './db/pool.ts';
import { HubError } from './errors.ts';

type MemberFields = ReturnType<typeof memberFields>;

/**
 * A counter asks about one of its own awards, which the hub must already have. The member is the one the hub has for
 * that award, whatever the request names, and the window is cut to that award's own (from its attempts and trail as the
 * hub has them), so a counter's credential (a leaked one too) reads the chain's awards only to members that counter has
 * served, and only around when it served them.
 */
export async function terminalNeighbours(pool: Pool, terminalId: string, awardId: string, fromMs: number, toMs: number): Promise<NeighboursReply['items']> {
  const own = await ownAward(pool, terminalId, awardId);
  if (!own) throw new HubError('AWARD_NOT_SENT', 'The hub does not have this award from this terminal yet: send it (sync), then ask again.');
  // A window reaching past the award's own: the counter has sent it again since it last pushed (or made the window up).
  if (toMs > own.window.toMs) throw new HubError('AWARD_NOT_SENT', "The hub does not have this award's latest send (or restore) yet: send it (sync), then ask again.");
  const window = cutToWindow(cutToWindow({ fromMs, toMs }, own.window), readableSpan(own));
  const items = await neighboursByFields(pool, awardId, own.member, window.fromMs, window.toMs);
  await recordAudit(pool, `terminal:${terminalId}`, 'award.neighbours', awardId, { ...window, answered: items.length });
  return items;
}

/**
 * An award's attempts and trail are its counter's word: a made-up award could claim attempts years apart. When the hub
 * took the award is not, so a terminal reads no further back than a week and a day before the hub first had the award
 * (an honest counter sends to RM while head office is out of reach for up to a week, README) and no later than half an
 * hour after it last had it (its last attempt's window, and a counter clock a little ahead). A stolen credential so
 * reads only around when it is used. An award taken before the hub kept those times is bounded by its sale instead.
 */
const BEFORE_FIRST_RECEIVED_MS = 8 * 86_400_000;
const AFTER_LAST_RECEIVED_MS = 30 * 60_000;
const BEFORE_SALE_MS = 3_600_000;
const AFTER_SALE_MS = 14 * 86_400_000;

function readableSpan(own: OwnAward): EvidenceWindow {
  const { createdAt, firstReceivedAt, lastReceivedAt } = own;
  if (firstReceivedAt === null || lastReceivedAt === null) return { fromMs: createdAt - BEFORE_SALE_MS, toMs: createdAt + AFTER_SALE_MS };
  return { fromMs: firstReceivedAt - BEFORE_FIRST_RECEIVED_MS, toMs: lastReceivedAt + AFTER_LAST_RECEIVED_MS };
}

interface OwnAward {
  member: MemberFields;
  createdAt: number;
  firstReceivedAt: number | null;
  lastReceivedAt: number | null;
  window: EvidenceWindow;
}

/** A terminal's award as the hub has it: its member, when it was made and taken, and its window; null if not there. */
async function ownAward(pool: Pool, terminalId: string, awardId: string): Promise<OwnAward | null> {
  const found = await pool.query<MemberFields & { createdAt: number; firstReceivedAt: number | null; lastReceivedAt: number | null }>(
    `SELECT member_id AS "memberId", country_code AS "countryCode", phone_number AS "phoneNumber", created_at AS "createdAt",
       first_received_at AS "firstReceivedAt", last_received_at AS "lastReceivedAt"
     FROM awards WHERE id = $1 AND terminal_id = $2`,
    [awardId, terminalId],
  );
  const row = found.rows[0];
  if (!row) return null;
  const [attempts, events] = await Promise.all([
    pool.query<{ startedAt: number }>('SELECT started_at AS "startedAt" FROM attempts WHERE award_id = $1 ORDER BY number', [awardId]),
    pool.query<{ at: number; to: AwardState; errorCode: string | null }>('SELECT at, to_state AS "to", error_code AS "errorCode" FROM award_events WHERE award_id = $1 ORDER BY seq', [awardId]),
  ]);
  const { createdAt, firstReceivedAt, lastReceivedAt, ...member } = row;
  return { member, createdAt, firstReceivedAt, lastReceivedAt, window: evidenceWindow(sendSpan(createdAt, attempts.rows, events.rows)) };
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
