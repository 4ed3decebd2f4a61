// Reading a put-back copy of this terminal's database beside a database restored from the hub, for a merge
// (app/sync/merge-copy.ts): the copy is attached to the restored database's connection as `copy`, so one transaction
// reads both and writes the restored one. Named statements behind a typed API, so the sync code runs no SQL of its own.
import type { Db } from './database.ts';
import { prepared } from './statements.ts';

/** ATTACH cannot run inside a transaction: the caller attaches before its transaction and detaches after it. */
export function attachCopy(db: Db, copyPath: string): void {
  db.prepare("ATTACH DATABASE ? AS copy").run(copyPath);
}

export function detachCopy(db: Db): void {
  db.prepare('DETACH DATABASE copy').run();
}

/**
 * Whether the hub's trail, restored here under its own ids up to `hubAckedSeq`, runs past the copy's: it goes beyond
 * the copy's newest event (the hub answers OUT_OF_STEP), or an event the copy has under one of its numbers is another
 * (CONFLICT). Ids the copy lacks below its newest are awards its retention purged, not a difference. Only the award,
 * moment and states are compared: the hub keeps an event's text as it can store it.
 */
export function hubRunsPastCopy(db: Db, hubAckedSeq: number): boolean {
  const copyNewest = (prepared(db, 'SELECT COALESCE(MAX(id), 0) AS id FROM copy.award_events').get() as { id: number }).id;
  if (hubAckedSeq > copyNewest) return true;
  const differing = prepared(
    db,
    `SELECT 1 FROM main.award_events h JOIN copy.award_events c ON c.id = h.id
     WHERE h.id <= ? AND (c.award_id <> h.award_id OR c.at <> h.at OR c.from_state IS NOT h.from_state OR c.to_state <> h.to_state)
     LIMIT 1`,
  ).get(hubAckedSeq);
  return differing !== undefined;
}

/** The copy's awards the hub does not have, oldest first. */
export function copyOnlyAwardIds(db: Db): string[] {
  const rows = prepared(db, 'SELECT id FROM copy.awards WHERE id NOT IN (SELECT id FROM main.awards) ORDER BY seq').all() as Array<{ id: string }>;
  return rows.map((row) => row.id);
}

/** An attempt of the copy's as SQLite keeps it. */
export interface CopyAttempt {
  awardId: string;
  nonce: string;
  timestamp: string;
  startedAt: number;
  outcome: string | null;
  errorCode: string | null;
  finishedAt: number | null;
}

/** The copy's attempts, on awards the hub has too, whose nonce the hub's record lacks: requests only the copy knows it signed. */
export function copyOnlyAttemptsOfSharedAwards(db: Db): CopyAttempt[] {
  return prepared(
    db,
    `SELECT c.award_id AS awardId, c.nonce, c.timestamp, c.started_at AS startedAt, c.outcome, c.error_code AS errorCode, c.finished_at AS finishedAt
     FROM copy.attempts c JOIN main.awards a ON a.id = c.award_id
     WHERE c.nonce NOT IN (SELECT nonce FROM main.attempts)
     ORDER BY c.award_id, c.number`,
  ).all() as CopyAttempt[];
}

/**
 * Awards both hold whose state a person changed on the copy (a void, a manager's decision) where the hub never heard of
 * it, with the state the copy left them in. Holds and sends are left out: a hold says nothing a manager needs, and a
 * send is in copyOnlyAttemptsOfSharedAwards.
 */
export function copyOnlyChangesOfSharedAwards(db: Db): Array<{ awardId: string; copyState: string }> {
  return prepared(
    db,
    `SELECT c.award_id AS awardId, ca.state AS copyState
     FROM copy.award_events c JOIN main.awards a ON a.id = c.award_id JOIN copy.awards ca ON ca.id = c.award_id
     WHERE c.from_state IS NOT c.to_state AND c.error_code IS NOT 'PUT_BACK'
       AND c.award_id NOT IN (SELECT award_id FROM copy.attempts WHERE nonce NOT IN (SELECT nonce FROM main.attempts))
       AND NOT EXISTS (SELECT 1 FROM main.award_events h
                       WHERE h.award_id = c.award_id AND h.at = c.at AND h.to_state = c.to_state AND h.from_state IS c.from_state)
     GROUP BY c.award_id, ca.state ORDER BY MIN(c.id)`,
  ).all() as Array<{ awardId: string; copyState: string }>;
}

/** Added after the award's own attempts. One still open in the copy was cut off there: it ended then, outcome unknown. */
export function addAttempt(db: Db, attempt: CopyAttempt, now: number): void {
  prepared(
    db,
    `INSERT INTO main.attempts (award_id, number, nonce, timestamp, started_at, outcome, error_code, finished_at)
     VALUES (@awardId, (SELECT COALESCE(MAX(number), 0) + 1 FROM main.attempts WHERE award_id = @awardId), @nonce, @timestamp, @startedAt,
       COALESCE(@outcome, 'interrupted'), @errorCode, COALESCE(@finishedAt, @now))`,
  ).run({ ...attempt, now });
}

/**
 * The columns a table of the restored database has, but those left out: read from the schema, so a column a later
 * migration adds is carried over by the merge without anyone remembering to name it here. Both files are at the same
 * version (each was opened, and so migrated, before the merge).
 */
function columnsOf(db: Db, table: string, leftOut: string[] = []): string {
  const rows = prepared(db, "SELECT name FROM pragma_table_info(?, 'main') ORDER BY cid").all(table) as Array<{ name: string }>;
  return rows.map((row) => row.name).filter((name) => !leftOut.includes(name)).join(', ');
}

/**
 * The copy's awards `ids` (a JSON array) as they stand, with their attempts and evidence, and their events in the copy's
 * order under new ids from `firstEventId` on. Returns how many events were written.
 */
export function copyAwards(db: Db, idsJson: string, firstEventId: number): number {
  // `seq` is the restored database's own order: the copy's awards come after the hub's.
  const awards = columnsOf(db, 'awards', ['seq']);
  prepared(db, `INSERT INTO main.awards (${awards}) SELECT ${awards} FROM copy.awards WHERE id IN (SELECT value FROM json_each(?)) ORDER BY seq`).run(idsJson);
  for (const table of ['attempts', 'award_evidence']) {
    const columns = columnsOf(db, table);
    prepared(db, `INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM copy.${table} WHERE award_id IN (SELECT value FROM json_each(?))`).run(idsJson);
  }
  const events = columnsOf(db, 'award_events', ['id']);
  return prepared(
    db,
    `INSERT INTO main.award_events (id, ${events})
     SELECT ? - 1 + ROW_NUMBER() OVER (ORDER BY id), ${events}
     FROM copy.award_events WHERE award_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  ).run(firstEventId, idsJson).changes;
}

/**
 * The copy's shifts, which the hub never holds, and each award's shift as the copy recorded it. Run before copyAwards:
 * the awards it writes name their shifts. A restored database has no shifts of its own.
 */
export function copyShifts(db: Db): void {
  const shifts = columnsOf(db, 'shifts');
  prepared(db, `INSERT INTO main.shifts (${shifts}) SELECT ${shifts} FROM copy.shifts`).run();
  prepared(
    db,
    'UPDATE main.awards SET shift_id = c.shift_id FROM copy.awards c WHERE c.id = main.awards.id AND c.shift_id IS NOT NULL',
  ).run();
}

/** Head-office decisions the copy carried out: kept, so none is carried out a second time here. */
export function copyDecisionsCarriedOut(db: Db): void {
  const decisions = columnsOf(db, 'hub_decisions');
  prepared(db, `INSERT INTO main.hub_decisions (${decisions}) SELECT ${decisions} FROM copy.hub_decisions WHERE true ON CONFLICT (id) DO NOTHING`).run();
}

/** How many awards wait for a manager's decision. */
export function unknownAwards(db: Db): number {
  return (prepared(db, "SELECT COUNT(*) AS n FROM main.awards WHERE state = 'UNKNOWN'").get() as { n: number }).n;
}

/** How many of these awards (a JSON array) wait to be sent. */
export function queuedAmong(db: Db, idsJson: string): number {
  return (prepared(db, "SELECT COUNT(*) AS n FROM main.awards WHERE state = 'QUEUED' AND id IN (SELECT value FROM json_each(?))").get(idsJson) as { n: number }).n;
}
