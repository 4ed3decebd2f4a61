// A pending file takes its place only if a file (or nothing) is still there when it is finished: an export runs for
// minutes, and a named pipe or a link put at its path meanwhile must not be replaced by it.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeChunk } from '../../app/awards/export.ts';
import { NotAFileError, pendingPrivateFile, SymlinkRefusedError } from '../../app/private-files.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'kaunter-pending-'));

describe('a pending file finished after what is at its path has changed', () => {
  it('is refused when a named pipe took the place of the file meanwhile, and the pipe is left as it is', async () => {
    const dir = folder();
    const path = join(dir, 'awards.csv');
    writeFileSync(path, 'last month\n');
    const file = pendingPrivateFile(path);
    await writeChunk(file.out, 'row 0\n');
    rmSync(path);
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    await expect(file.commit()).rejects.toThrow(new NotAFileError(path, 'a named pipe (FIFO)'));
    file.discard();
    expect(lstatSync(path).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['awards.csv']);
  });

  it('is refused when a symbolic link took its place meanwhile, and what the link points at is left alone', async () => {
    const dir = folder();
    const path = join(dir, 'awards.csv');
    const victim = join(dir, 'someone-elses.txt');
    writeFileSync(victim, 'not an export');
    const file = pendingPrivateFile(path);
    await writeChunk(file.out, 'row 0\n');
    symlinkSync(victim, path);
    await expect(file.commit()).rejects.toThrow(SymlinkRefusedError);
    file.discard();
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('not an export');
    expect(readdirSync(dir).sort()).toEqual(['awards.csv', 'someone-elses.txt']);
  });
});
