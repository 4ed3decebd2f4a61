// inTransaction and inReadTransaction on real SQLite files: what the work wrote commits or rolls back as one, a
// transaction inside another is a savepoint of it, the write lock is taken up front or not at all, and each connection
// has transactions of its own (app/store/database.ts keeps one transaction function per connection).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inReadTransaction, inTransaction, openDatabase, type Db } from '../../app/store/database.ts';

const opened: Db[] = [];

function open(path: string): Db {
  const db = openDatabase(path);
  db.exec('CREATE TABLE IF NOT EXISTS notes (text TEXT NOT NULL)');
  opened.push(db);
  return db;
}

function notes(db: Db): string[] {
  return (db.prepare('SELECT text FROM notes ORDER BY rowid').all() as Array<{ text: string }>).map((row) => row.text);
}

function write(db: Db, text: string): void {
  db.prepare('INSERT INTO notes (text) VALUES (?)').run(text);
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'kaunter-tx-')), 'kaunter.db');

describe('a transaction', () => {
  it("commits what its work wrote and gives back the work's value", () => {
    const db = open(fresh());
    const value = inTransaction(db, () => {
      write(db, 'one');
      write(db, 'two');
      return 'done';
    });
    expect(value).toBe('done');
    expect(notes(db)).toEqual(['one', 'two']);
    expect(db.inTransaction).toBe(false);
  });

  it('rolls back all its work when the work throws, and throws the same error', () => {
    const db = open(fresh());
    write(db, 'before');
    const failure = new Error('the work failed');
    expect(() =>
      inTransaction(db, () => {
        write(db, 'lost');
        throw failure;
      }),
    ).toThrow(failure);
    expect(notes(db)).toEqual(['before']);
    expect(db.inTransaction).toBe(false);
  });

  it('inside another is a savepoint: its failure undoes only its own writes, and the outer one commits', () => {
    const db = open(fresh());
    inTransaction(db, () => {
      write(db, 'outer');
      expect(() =>
        inTransaction(db, () => {
          write(db, 'inner');
          throw new Error('inner failed');
        }),
      ).toThrow('inner failed');
      inTransaction(db, () => write(db, 'inner kept'));
    });
    expect(notes(db)).toEqual(['outer', 'inner kept']);
  });

  it('takes the write lock up front when it writes, and not when it reads', () => {
    const path = fresh();
    const db = open(path);
    const other = open(path);
    other.pragma('busy_timeout = 0');
    inTransaction(db, () => {
      expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
    });
    inReadTransaction(db, () => {
      expect(notes(db)).toEqual([]);
      write(other, 'written meanwhile');
      // A reader's snapshot: what another connection committed after the read began is not in it.
      expect(notes(db)).toEqual([]);
    });
    expect(notes(db)).toEqual(['written meanwhile']);
  });

  it('on one connection is not one on another', () => {
    const first = open(fresh());
    const second = open(fresh());
    inTransaction(first, () => {
      expect(first.inTransaction).toBe(true);
      expect(second.inTransaction).toBe(false);
      inTransaction(second, () => {
        expect(second.inTransaction).toBe(true);
        write(second, 'second');
      });
      expect(() =>
        inTransaction(second, () => {
          write(second, 'second, undone');
          throw new Error('the second failed');
        }),
      ).toThrow('the second failed');
      write(first, 'first');
    });
    expect(notes(first)).toEqual(['first']);
    expect(notes(second)).toEqual(['second']);
  });
});
