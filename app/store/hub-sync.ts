// The one row that ties this database to a hub: where it joined and how far the hub has acknowledged its event trail.
// Named statements behind a typed API, so the sync code (app/sync/) runs no SQL of its own.
import type { Db } from './database.ts';
import { inTransaction } from './database.ts';
import { prepared } from './statements.ts';

/** The hub this database's terminal joined (the credential itself is kept apart: keychain or a 0600 file). */
export interface HubLink {
  hubUrl: string;
  hubTerminalId: string;
  outlet: string;
  terminal: string;
  ackedEventId: number;
}

interface HubSyncRow {
  hub_url: string;
  hub_terminal_id: string;
  outlet: string;
  terminal: string;
  acked_event_id: number;
}

export function hubLink(db: Db): HubLink | null {
  const row = prepared(db, 'SELECT hub_url, hub_terminal_id, outlet, terminal, acked_event_id FROM hub_sync WHERE id = 1').get() as HubSyncRow | undefined;
  return row ? { hubUrl: row.hub_url, hubTerminalId: row.hub_terminal_id, outlet: row.outlet, terminal: row.terminal, ackedEventId: row.acked_event_id } : null;
}

/** Joining a hub (again) starts from what the hub says it already has of this terminal's trail. */
export function linkToHub(db: Db, link: HubLink): void {
  inTransaction(db, () => {
    prepared(
      db,
      `INSERT INTO hub_sync (id, hub_url, hub_terminal_id, outlet, terminal, acked_event_id) VALUES (1, @hubUrl, @hubTerminalId, @outlet, @terminal, @ackedEventId)
       ON CONFLICT (id) DO UPDATE SET hub_url = excluded.hub_url, hub_terminal_id = excluded.hub_terminal_id, outlet = excluded.outlet,
         terminal = excluded.terminal, acked_event_id = excluded.acked_event_id, put_back_held_at = NULL`,
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

/**
 * The first time the hub is found ahead of this counter's trail since it joined: true once, and never again until it
 * joins anew (see holdPutBackQueue).
 */
export function claimPutBackHold(db: Db, now: number): boolean {
  return prepared(db, 'UPDATE hub_sync SET put_back_held_at = ? WHERE id = 1 AND put_back_held_at IS NULL').run(now).changes === 1;
}

/** The last event this counter has written (0: none): the hub can never have acknowledged more of its trail. */
export function newestEventId(db: Db): number {
  return (prepared(db, 'SELECT COALESCE(MAX(id), 0) AS id FROM award_events').get() as { id: number }).id;
}

/** Whether the award has an event after the hub's position: something the hub had not heard when it last answered. */
export function changedSince(db: Db, awardId: string, ackedEventId: number): boolean {
  return prepared(db, 'SELECT 1 FROM award_events WHERE award_id = ? AND id > ? LIMIT 1').get(awardId, ackedEventId) !== undefined;
}

/** What this counter said of a hub decision it has carried out (app/sync/decisions.ts); null if it has not. */
export interface DecisionRecord {
  outcome: 'carried-out' | 'refused';
  message: string;
}

export function decisionRecord(db: Db, decisionId: string): DecisionRecord | null {
  const row = prepared(db, 'SELECT outcome, message FROM hub_decisions WHERE id = ?').get(decisionId) as DecisionRecord | undefined;
  return row ? { outcome: row.outcome, message: row.message } : null;
}

export function recordDecision(db: Db, decisionId: string, record: DecisionRecord, at: number): void {
  prepared(db, 'INSERT INTO hub_decisions (id, outcome, message, carried_out_at) VALUES (?, ?, ?, ?)').run(decisionId, record.outcome, record.message, at);
}

/** The terminal a restore is for: the hub's id, and the names people know it by. */
export interface RestoredTerminal {
  hubTerminalId: string;
  outlet: string;
  terminal: string;
}

/** A restore that began writing here and has not finished: its terminal, and the hub's position when it began. */
export interface UnfinishedRestore extends RestoredTerminal {
  ackedSeq: number;
}

export function unfinishedRestore(db: Db): UnfinishedRestore | null {
  const row = prepared(db, 'SELECT hub_terminal_id AS hubTerminalId, outlet, terminal, acked_seq AS ackedSeq FROM restore_progress WHERE id = 1').get() as
    | UnfinishedRestore
    | undefined;
  return row ?? null;
}

/** Kept in the transaction of a restore's first page; a second call (the next page, a resumed restore) changes nothing. */
export function markRestoreBegun(db: Db, restore: UnfinishedRestore): void {
  prepared(
    db,
    'INSERT INTO restore_progress (id, hub_terminal_id, outlet, terminal, acked_seq) VALUES (1, @hubTerminalId, @outlet, @terminal, @ackedSeq) ON CONFLICT (id) DO NOTHING',
  ).run(restore);
}

/** The whole history is here: the hub has every event up to `ackedSeq`. */
export function markRestoreFinished(db: Db, ackedSeq: number): void {
  inTransaction(db, () => {
    prepared(db, 'DELETE FROM restore_progress WHERE id = 1').run();
    recordAck(db, ackedSeq);
  });
}
