// The manager's reports go into the Downloads folder whole or not at all: a failed export (the database read failing,
// a full disk) used to leave a file there that looked finished but lacked its last rows.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDownload } from '../../app/core/downloads.ts';
import { writeChunk } from '../../app/awards/export.ts';

const NOW = Date.UTC(2026, 11, 5, 2, 30);
const downloads = () => mkdtempSync(join(tmpdir(), 'kaunter-downloads-'));

async function rows(count: number, out: Parameters<Parameters<typeof writeDownload>[3]>[0]): Promise<number> {
  for (let row = 0; row < count; row += 1) await writeChunk(out, `row ${row}\n`);
  return count;
}

describe('a report written into Downloads', () => {
  it('is there whole, for this user only, named with the shop time; a second in the same second gets -2', async () => {
    const dir = downloads();
    const first = await writeDownload(dir, 'kaunter-training-awards', NOW, (out) => rows(20_000, out));
    const second = await writeDownload(dir, 'kaunter-training-awards', NOW, (out) => rows(3, out));
    expect(first).toEqual({ path: join(dir, 'kaunter-training-awards-2026-12-05-10-30-00.csv'), rows: 20_000 });
    expect(second.path).toBe(join(dir, 'kaunter-training-awards-2026-12-05-10-30-00-2.csv'));
    expect(readFileSync(first.path, 'utf8').split('\n')).toHaveLength(20_001);
    expect(readFileSync(second.path, 'utf8')).toBe('row 0\nrow 1\nrow 2\n');
    if (process.platform !== 'win32') expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['kaunter-training-awards-2026-12-05-10-30-00-2.csv', 'kaunter-training-awards-2026-12-05-10-30-00.csv']);
  });

  it('that fails part-way leaves nothing behind, not even its temporary file, and the failure is the caller\'s', async () => {
    const dir = downloads();
    const failing = writeDownload(dir, 'kaunter-training-awards', NOW, async (out) => {
      await rows(5_000, out);
      throw new Error('the database could not be read');
    });
    await expect(failing).rejects.toThrow('the database could not be read');
    expect(readdirSync(dir)).toEqual([]);
  });
});
