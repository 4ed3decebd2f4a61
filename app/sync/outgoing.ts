// The counter's side of replication: what the hub has not acknowledged yet, read as one consistent batch, and the
// acknowledged position, kept in the same SQLite file as the awards.
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';
import { prepared } from '../store/statements.ts';
import { attemptsOf, AWARD_COLUMNS, toAward, type AwardRow } from '../awards/records.ts';
import { keptEvidence } from '../awards/evidence-store.ts';
import { MAX_BATCH_EVENTS, SYNC_PROTOCOL, type JoinReply, type PushBatch, type WireAward } from './wire.ts';
import { EVENT_COLUMNS, toWireAward, toWireEvent, type EventRow } from './wire-records.ts';

/** The hub this database's terminal joined (the credential itself is kept apart: keychain or a 0600 file). */
export interface HubLink {
  hubUrl: string;
  hubTerminalId: string;
  outlet: string;
  terminal: string;
  ackedEventId: number;
}

export function hubLink(db: Db): HubLink | null {
  const row = prepared(db, 'SELECT hub_url, hub_terminal_id, outlet, terminal, acked_event_id FROM hub_sync WHERE id = 1').get() as
    | { hub_url: string; hub_terminal_id: string; outlet: string; terminal: string; acked_event_id: number }
    | undefined;
  return row ? { hubUrl: row.hub_url, hubTerminalId: row.hub_terminal_id, outlet: row.outlet, terminal: row.terminal, ackedEventId: row.acked_event_id } : null;
}

/** The link a join's answer makes, starting at `ackedEventId`. */
export function linkOf(hubUrl: string, joined: JoinReply, ackedEventId: number): HubLink {
  return { hubUrl, hubTerminalId: joined.terminalId, outlet: joined.outlet, terminal: joined.terminal, ackedEventId };
}

/** Joining a hub (again) starts from what the hub says it already has of this terminal's trail. */
export function linkToHub(db: Db, link: HubLink): void {
  inTransaction(db, () => {
    prepared(
      db,
      `INSERT INTO hub_sync (id, hub_url, hub_terminal_id, outlet, terminal, acked_event_id) VALUES (1, @hubUrl, @hubTerminalId, @outlet, @terminal, @ackedEventId)
       ON CONFLICT (id) DO UPDATE SET hub_url = excluded.hub_url, hub_terminal_id = excluded.hub_terminal_id, outlet = excluded.outlet,
         terminal = excluded.terminal, acked_event_id = excluded.acked_event_id`,
    ).run(link);
  });
}

/** The position only moves forward: a late reply to an older batch never takes it back. */
export function recordAck(db: Db, ackedEventId: number): void {
  inTransaction(db, () => {
    prepared(db, 'UPDATE hub_sync SET acked_event_id = MAX(acked_event_id, ?) WHERE id = 1').run(ackedEventId);
  });
}

/** The hub knows better (its database was restored from a backup): send again from where it says. */
export function rewindTo(db: Db, ackedEventId: number): void {
  inTransaction(db, () => {
    prepared(db, 'UPDATE hub_sync SET acked_event_id = ? WHERE id = 1').run(ackedEventId);
  });
}

/** Awards with something the hub has not acknowledged. */
export function waitingAwards(db: Db): number {
  const row = prepared(
    db,
    'SELECT COUNT(DISTINCT award_id) AS n FROM award_events WHERE id > (SELECT acked_event_id FROM hub_sync WHERE id = 1)',
  ).get() as { n: number };
  return row.n;
}

/**
 * The next batch after the acknowledged position, or null when the hub has everything. Read in one read transaction
 * (a WAL snapshot: the relay keeps writing meanwhile), so each award's snapshot agrees with its newest event.
 */
export function readBatch(db: Db, limit: number = MAX_BATCH_EVENTS): PushBatch | null {
  return db.transaction((): PushBatch | null => {
    const link = hubLink(db);
    if (!link) return null;
    const rows = prepared(
      db,
      `SELECT id, ${EVENT_COLUMNS} FROM award_events WHERE id > ? ORDER BY id LIMIT ?`,
    ).all(link.ackedEventId, Math.min(limit, MAX_BATCH_EVENTS)) as EventRow[];
    if (rows.length === 0) return null;
    const events = rows.map(toWireEvent);
    const awards = [...new Set(rows.map((row) => row.award_id))].map((id) => wireAward(db, id));
    return { protocol: SYNC_PROTOCOL, after: link.ackedEventId, events, awards };
  }).deferred();
}

function wireAward(db: Db, id: string): WireAward {
  const row = prepared(
    db,
    `SELECT ${AWARD_COLUMNS}, (SELECT MAX(e.id) FROM award_events e WHERE e.award_id = awards.id) AS last_event_id FROM awards WHERE id = ?`,
  ).get(id) as AwardRow & { last_event_id: number };
  return toWireAward(toAward(row), row.last_event_id, attemptsOf(db, id), keptEvidence(db, id));
}
