// The database file in trouble: full disk, read-only, damaged. Each gives a clear StoreError, and nothing that was
// committed is lost. The full disk and the read-only filesystem are real (a small tmpfs), where this machine allows
// mounting; otherwise those two cases are skipped with the reason printed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../app/awards/outbox.ts';
import { openDatabase } from '../../app/store/database.ts';
import { StoreError } from '../../app/store/errors.ts';
import { sale } from '../fixtures/award-rig.ts';

const mountPoint = mkdtempSync(join(tmpdir(), 'kaunter-tmpfs-'));
const canMount = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    return true;
  } catch {
    console.log('store-failures: cannot mount a tmpfs here (needs root); the full-disk and read-only cases are skipped');
    return false;
  }
})();

afterAll(() => {
  if (canMount) execFileSync('umount', [mountPoint]);
});

function caught(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return null;
}

describe('store failures', () => {
  it.skipIf(!canMount)('a full disk: a clear error, earlier awards intact, and it works again once there is space', () => {
    const dir = join(mountPoint, 'full');
    mkdirSync(dir);
    const path = join(dir, 'awards.db');
    const db = openDatabase(path);
    const outbox = new Outbox(db, 'T1');
    let saved = 0;
    let error: unknown = null;
    try {
      while (!error) {
        error = caught(() => outbox.submit(sale(100, { type: 'ID', memberId: String(10 ** 15 + saved) }, { receiptRef: 'R'.repeat(60) }), 'cashier:Aina'));
        if (!error) saved += 1;
      }
      expect(saved).toBeGreaterThan(20);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).problem).toBe('disk-full');
      expect((error as StoreError).message).toMatch(/disk is full/);
      expect(outbox.counts().queued).toBe(saved);
    } finally {
      db.close();
    }

    execFileSync('mount', ['-o', 'remount,size=8m', mountPoint]);
    const reopened = openDatabase(path);
    try {
      const again = new Outbox(reopened, 'T1');
      expect(again.counts().queued).toBe(saved);
      again.submit(sale(100), 'cashier:Aina');
      expect(again.counts().queued).toBe(saved + 1);
    } finally {
      reopened.close();
    }
  });

  it.skipIf(!canMount)('a read-only filesystem: refused with advice, the data still readable', () => {
    const dir = join(mountPoint, 'ro');
    mkdirSync(dir);
    const path = join(dir, 'awards.db');
    const db = openDatabase(path);
    new Outbox(db, 'T1').submit(sale(100), 'cashier:Aina');
    db.close();
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    try {
      const error = caught(() => openDatabase(path));
      expect(error).toBeInstanceOf(StoreError);
      expect(['read-only', 'cannot-open']).toContain((error as StoreError).problem);
      expect((error as StoreError).message).toMatch(/read-only|cannot open/i);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    }
    const db2 = openDatabase(path);
    expect(new Outbox(db2, 'T1').counts().queued).toBe(1);
    db2.close();
  });

  it('a damaged file: refused at open with "do not delete it", and the file is left exactly as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaunter-corrupt-'));
    const path = join(dir, 'awards.db');
    const db = openDatabase(path);
    const outbox = new Outbox(db, 'T1');
    for (let i = 0; i < 200; i += 1) outbox.submit(sale(100 + i, undefined, { receiptRef: `R-${i}` }), 'cashier:Aina');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(path);
    // Scribble over the middle of the file: damaged b-tree pages, as a failing disk leaves them.
    const damaged = Buffer.from(bytes);
    damaged.fill(0xa5, 4096 * 2, 4096 * 4);
    writeFileSync(path, damaged);
    const error = caught(() => openDatabase(path));
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).problem).toBe('corrupt');
    expect((error as StoreError).message).toMatch(/Do not delete it/);
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });

  it('not a database at all: refused as damaged, not overwritten', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kaunter-notdb-')), 'awards.db');
    writeFileSync(path, 'this is a text file, not SQLite '.repeat(200));
    const error = caught(() => openDatabase(path));
    expect((error as StoreError).problem).toBe('corrupt');
    expect(readFileSync(path, 'utf8')).toMatch(/^this is a text file/);
  });

  it('a file from a newer Kaunter: refused rather than downgraded', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kaunter-newer-')), 'awards.db');
    const db = openDatabase(path);
    db.pragma('user_version = 99');
    db.close();
    expect((caught(() => openDatabase(path)) as StoreError).problem).toBe('too-new');
  });
});
