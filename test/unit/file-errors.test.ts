// A file someone named that cannot be read or made is said in words, from the real file system's errors.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { whyUnreadable, whyUnwritable } from '../../app/common/file-errors.ts';

function errorReading(path: string): unknown {
  try {
    readFileSync(path);
  } catch (error) {
    return error;
  }
  throw new Error(`${path} was read`);
}

describe('why a named file could not be read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kaunter-unreadable-'));
  writeFileSync(join(dir, 'a-file'), 'x');
  mkdirSync(join(dir, 'a-folder'));
  symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
  symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says each cause the file system gives in words, never as its code', () => {
    const said = [
      [join(dir, 'missing'), 'there is no such file'],
      [join(dir, 'a-folder'), 'it is a folder, not a file'],
      [join(dir, 'a-file', 'inside'), 'a part of its path is a file, not a folder'],
      [join(dir, 'loop-a'), 'its path goes round in a loop of links'],
      [join(dir, 'n'.repeat(300)), 'its path is too long'],
    ] as const;
    for (const [path, words] of said) expect(whyUnreadable(errorReading(path)), path).toBe(words);
  });

  it('says why a folder could not be made, in words for writing', () => {
    let refused: unknown;
    try {
      mkdirSync(join(dir, 'a-file', 'keys'), { recursive: true });
    } catch (error) {
      refused = error;
    }
    expect(whyUnwritable(refused)).toBe('a part of its path is a file, not a folder');
    expect(whyUnwritable(Object.assign(new Error('full'), { code: 'ENOSPC' }))).toBe('the disk is full');
    expect(whyUnwritable(Object.assign(new Error('denied'), { code: 'EACCES' }))).toBe('this user may not write there');
  });

  it('keeps a code it has no words for, and says when there was none', () => {
    expect(whyUnreadable(Object.assign(new Error('stale handle'), { code: 'ESTALE' }))).toBe('the system said ESTALE');
    expect(whyUnreadable(new Error('no code'))).toBe('the system did not say why');
    expect(whyUnreadable(null)).toBe('the system did not say why');
  });
});
