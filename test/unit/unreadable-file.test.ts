// A file someone named that cannot be read is said in words, from the real file system's errors.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { whyUnreadable } from '../../app/common/unreadable-file.ts';

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

  it('keeps a code it has no words for, and says when there was none', () => {
    expect(whyUnreadable(Object.assign(new Error('i/o error'), { code: 'EIO' }))).toBe('the system said EIO');
    expect(whyUnreadable(new Error('no code'))).toBe('the system did not say why');
    expect(whyUnreadable(null)).toBe('the system did not say why');
  });
});
