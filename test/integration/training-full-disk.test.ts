// Training's built-in Revenue Monster on a data folder it cannot write to: the same words as the awards database (what
// happened, what to do) rather than an errno, no temporary file left beside its state, and a start that works again
// once the folder is fixed, without restarting Kaunter. The full disk and the read-only filesystem are real (a small
// tmpfs) where this machine allows mounting; otherwise those cases are skipped with the reason printed.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trainingRmHost, type TrainingRmHost } from '../../app/core/training-rm.ts';
import { replaceFile, replaceFilesTogether } from '../../app/private-files.ts';
import { StoreError } from '../../app/store/errors.ts';
import { until } from '../fixtures/until.ts';

const canMount = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'kaunter-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    console.log('training-full-disk: cannot mount a tmpfs here (needs root); the full-disk and read-only cases are skipped');
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

const hosts: TrainingRmHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
});

function host(dataDir: string): TrainingRmHost {
  const made = trainingRmHost(dataDir);
  hosts.push(made);
  return made;
}

/** A 600 KB tmpfs for `work`, unmounted afterwards whatever happens (a mount left behind would outlive the test run). */
async function onSmallTmpfs(work: (mountPoint: string) => Promise<void> | void): Promise<void> {
  const mountPoint = mkdtempSync(join(tmpdir(), 'kaunter-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', mountPoint]);
  try {
    await work(mountPoint);
  } finally {
    await Promise.all(hosts.splice(0).map((made) => made.close()));
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  }
}

/** Fills the filesystem to its last byte with one file, whose path is returned (remove it to free the space). */
function fillDisk(dir: string): string {
  const path = join(dir, 'fill');
  const fd = openSync(path, 'w');
  try {
    for (;;) writeSync(fd, Buffer.alloc(64 * 1024));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return path;
}

async function failure(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => null,
    (error: unknown) => error,
  );
}

function listening(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;
}

function temporaryFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}

describe("training's Revenue Monster on a data folder it cannot write to", () => {
  it.skipIf(!canMount)('a full disk: the disk-full words, no temporary file, and it starts once space is freed', async () => {
    await onSmallTmpfs(async (mountPoint) => {
      const dataDir = join(mountPoint, 'data');
      mkdirSync(dataDir);
      const fill = fillDisk(mountPoint);
      const training = host(dataDir);
      const before = listening();

      const error = await failure(training.get());
      expect(error).toBeInstanceOf(StoreError);
      // The sandbox had its port before it met the full disk: given back (libuv lets go of it a turn later), not left
      // listening for nobody.
      await until(() => listening() === before, 'the sandbox to stop listening', 2_000);
      expect((error as StoreError).problem).toBe('disk-full');
      expect((error as StoreError).message).toMatch(/^This PC's disk is full, so Kaunter cannot save awards\. Free some space .*File: .*training-sandbox\.json$/);
      expect(temporaryFiles(dataDir)).toEqual([]);

      rmSync(fill);
      const rm = await training.get();
      expect(rm.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(JSON.parse(readFileSync(join(dataDir, 'training-sandbox.json'), 'utf8'))).toMatchObject({ version: 1 });
    });
  });

  it.skipIf(!canMount)('a read-only filesystem: the read-only words, and it starts once the folder is writable again', async () => {
    await onSmallTmpfs(async (mountPoint) => {
      const dataDir = join(mountPoint, 'data');
      mkdirSync(dataDir);
      execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
      const training = host(dataDir);

      const error = await failure(training.get());
      expect((error as StoreError).problem).toBe('read-only');
      expect((error as StoreError).message).toMatch(/^Kaunter cannot write to its data file .*Check the folder permissions/);

      execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
      expect((await training.get()).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });
  });

  // Runs everywhere, as root too (modes do not stop root; a file where the folder should be does).
  it('a data folder that cannot be made: said in words, and not remembered once the folder is fixed', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'kaunter-training-'));
    const notAFolder = join(parent, 'data');
    writeFileSync(notAFolder, 'a file where the data folder should be');
    const training = host(join(notAFolder, 'inside'));

    const error = await failure(training.get());
    expect((error as StoreError).problem).toBe('cannot-open');
    expect((error as StoreError).message).toMatch(/^Kaunter cannot open its data file\. Check that the folder exists/);

    rmSync(notAFolder);
    mkdirSync(join(notAFolder, 'inside'), { recursive: true });
    expect((await training.get()).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('replacing a file that cannot be replaced', () => {
  it.skipIf(!canMount)('on a nearly full disk: fails with ENOSPC and keeps the old file whole, rather than putting the part that fitted in its place', async () => {
    await onSmallTmpfs((mountPoint) => {
      const path = join(mountPoint, 'settings.json');
      replaceFile(path, 'the old content\n');
      const fill = fillDisk(mountPoint);
      // Room for part of the new content: one write() then takes what fits and returns short.
      truncateSync(fill, statSync(fill).size - 48 * 1024);

      expect(() => replaceFile(path, 'x'.repeat(200 * 1024))).toThrow(/ENOSPC/);
      expect(readFileSync(path, 'utf8')).toBe('the old content\n');
      expect(temporaryFiles(mountPoint)).toEqual([]);
    });
  });

  it.skipIf(!canMount)('files replaced together on a disk with room for only the first: neither is replaced, no temporary file is left', async () => {
    await onSmallTmpfs((mountPoint) => {
      const first = join(mountPoint, 'public_key.pem');
      const second = join(mountPoint, 'private_key.pem');
      replaceFilesTogether([{ path: first, content: 'old public\n' }, { path: second, content: 'old private\n' }]);
      const fill = fillDisk(mountPoint);
      truncateSync(fill, statSync(fill).size - 48 * 1024);

      const together = [{ path: first, content: 'p'.repeat(32 * 1024) }, { path: second, content: 'q'.repeat(64 * 1024) }];
      expect(() => replaceFilesTogether(together)).toThrow(/ENOSPC/);
      expect(readFileSync(first, 'utf8')).toBe('old public\n');
      expect(readFileSync(second, 'utf8')).toBe('old private\n');
      expect(temporaryFiles(mountPoint)).toEqual([]);
    });
  });

  it('files replaced together where the last cannot be written: the first is left as it was, no temporary file is left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaunter-replace-'));
    const first = join(dir, 'public_key.pem');
    writeFileSync(first, 'old public\n');

    expect(() => replaceFilesTogether([{ path: first, content: 'new public\n' }, { path: join(dir, 'gone', 'private_key.pem'), content: 'new private\n' }])).toThrow(/ENOENT/);
    expect(readFileSync(first, 'utf8')).toBe('old public\n');
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it('files replaced together where the last rename fails: the ones renamed before it get their old content and mode back, or go', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaunter-replace-'));
    const kept = join(dir, 'public_key.pem');
    writeFileSync(kept, 'old public\n', { mode: 0o640 });
    const added = join(dir, 'notes.txt');
    const last = join(dir, 'private_key.pem');
    mkdirSync(join(last, 'inside'), { recursive: true });

    const together = [{ path: kept, content: 'new public\n', mode: 0o644 }, { path: added, content: 'new notes\n' }, { path: last, content: 'new private\n' }];
    expect(() => replaceFilesTogether(together)).toThrow(/EISDIR/);
    expect(readFileSync(kept, 'utf8')).toBe('old public\n');
    expect((statSync(kept).mode & 0o777).toString(8)).toBe('640');
    expect(existsSync(added)).toBe(false);
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it('leaves no temporary file when the rename fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaunter-replace-'));
    const path = join(dir, 'settings.json');
    mkdirSync(path);

    expect(() => replaceFile(path, '{}\n')).toThrow(/EISDIR/);
    expect(temporaryFiles(dir)).toEqual([]);
  });
});
