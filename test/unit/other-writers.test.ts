// The app's look at another process's commits (app/store/other-writers.ts) on real SQLite files: a commit by a second
// connection is told once, and a read that fails is not taken for a commit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { watchOtherWriters } from '../../app/store/other-writers.ts';

let dir = '';
const open: Db[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaunter-other-writers-'));
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function connection(): Db {
  const db = openDatabase(join(dir, 'awards.sqlite'));
  open.push(db);
  return db;
}

describe('watchOtherWriters', () => {
  it("tells of another connection's commit once, and not of its own", () => {
    const app = connection();
    const cli = connection();
    const onChange = vi.fn();
    const stop = watchOtherWriters(app, onChange);
    app.exec('CREATE TABLE scratch (x INTEGER)');
    app.prepare('INSERT INTO scratch (x) VALUES (1)').run();
    vi.advanceTimersByTime(3_000);
    expect(onChange).not.toHaveBeenCalled();
    cli.prepare('INSERT INTO scratch (x) VALUES (2)').run();
    vi.advanceTimersByTime(3_000);
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
  });

  it('takes a read that fails (the connection gone) for no change, however long it lasts', () => {
    const app = connection();
    const onChange = vi.fn();
    const stop = watchOtherWriters(app, onChange);
    app.close();
    vi.advanceTimersByTime(5_000);
    expect(onChange).not.toHaveBeenCalled();
    stop();
  });
});
