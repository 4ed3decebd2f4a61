// A merge carries the put-back copy's own awards into the database restored from the hub. It must carry every column
// the schema has, including one a later migration adds: a hand-kept list of columns would drop that one silently. On
// real SQLite files, with the outbox's and the transitions' own code writing the copy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../app/awards/outbox.ts';
import { transition } from '../../app/awards/transitions.ts';
import { attachCopy, copyAwards, detachCopy } from '../../app/store/copy-statements.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';

const NOW = Date.UTC(2026, 11, 6, 2, 0, 0);

let dir: string;
let copy: Db;
let restored: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaunter-copy-statements-'));
  copy = openDatabase(join(dir, 'copy.db'));
  restored = openDatabase(join(dir, 'restored.db'));
});

afterEach(() => {
  copy.close();
  restored.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * As a later migration would: the same new column in both files, which are at the same version when they merge. The
 * copy's rows get `copyDefault` in it (events are append-only, so their value comes with the insert).
 */
function addColumnToBoth(table: string, column: string, copyDefault = "''"): void {
  copy.exec(`ALTER TABLE ${table} ADD COLUMN ${column} TEXT DEFAULT ${copyDefault}`);
  restored.exec(`ALTER TABLE ${table} ADD COLUMN ${column} TEXT`);
}

function rowsOf(db: Db, sql: string, id: string): Record<string, unknown>[] {
  return db.prepare(sql).all(id) as Record<string, unknown>[];
}

describe("the copy's own awards carried into the restored database", () => {
  it('keep every column of the award, its attempts, evidence and events, one added by a later migration too', () => {
    addColumnToBoth('awards', 'till_lane');
    addColumnToBoth('attempts', 'route');
    addColumnToBoth('award_events', 'screen', "'counter'");
    const { award } = new Outbox(copy, 'T1', () => NOW).submit(
      { amountSen: 1250, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' }, cashier: 'Aina', receiptRef: 'R-88' },
      'cashier:Aina',
    );
    transition(copy, award.id, ['QUEUED'], { to: 'SENDING', actor: 'relay' }, NOW + 1);
    copy.prepare("INSERT INTO attempts (award_id, number, nonce, timestamp, started_at, route) VALUES (?, 1, 'n-1', '1765000000', ?, 'lane 2')").run(award.id, NOW + 1);
    copy.prepare("INSERT INTO award_evidence (award_id, gathered_at, evidence) VALUES (?, ?, '{}')").run(award.id, NOW + 2);
    copy.prepare("UPDATE awards SET till_lane = 'lane 2' WHERE id = ?").run(award.id);
    copy.close();

    attachCopy(restored, join(dir, 'copy.db'));
    const events = copyAwards(restored, JSON.stringify([award.id]), 41);
    detachCopy(restored);
    copy = openDatabase(join(dir, 'copy.db'));

    expect(events).toBe(2);
    const withoutSeq = ({ seq: _seq, ...row }: Record<string, unknown>) => row;
    expect(rowsOf(restored, 'SELECT * FROM awards WHERE id = ?', award.id).map(withoutSeq)).toEqual(rowsOf(copy, 'SELECT * FROM awards WHERE id = ?', award.id).map(withoutSeq));
    expect(rowsOf(restored, 'SELECT till_lane FROM awards WHERE id = ?', award.id)).toEqual([{ till_lane: 'lane 2' }]);
    for (const table of ['attempts', 'award_evidence']) {
      const sql = `SELECT * FROM ${table} WHERE award_id = ?`;
      expect(rowsOf(restored, sql, award.id)).toEqual(rowsOf(copy, sql, award.id));
      expect(rowsOf(restored, sql, award.id)).toHaveLength(1);
    }
    // Events come under new numbers, from the one the merge gave, in the copy's order; all else as the copy has it.
    const withoutId = ({ id: _id, ...row }: Record<string, unknown>) => row;
    const eventsSql = 'SELECT * FROM award_events WHERE award_id = ? ORDER BY id';
    expect(rowsOf(restored, eventsSql, award.id).map((row) => row.id)).toEqual([41, 42]);
    expect(rowsOf(restored, eventsSql, award.id).map(withoutId)).toEqual(rowsOf(copy, eventsSql, award.id).map(withoutId));
    expect(rowsOf(restored, eventsSql, award.id).map((row) => row.screen)).toEqual(['counter', 'counter']);
  });
});
