// The manager's reports go into the Downloads folder whole or not at all: a failed export (the database read failing,
// a full disk) used to leave a file there that looked finished but lacked its last rows. A core killed mid-export
// leaves its unfinished file and the empty file that reserved the name, which the next export removes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDownload } from '../../app/core/downloads.ts';
import { writeChunk } from '../../app/awards/export.ts';
import { outputOf } from '../fixtures/cli.ts';
import { until } from '../fixtures/until.ts';

const NOW = Date.UTC(2026, 11, 5, 2, 30);
const downloads = () => mkdtempSync(join(tmpdir(), 'kaunter-downloads-'));

// A core's export that has begun writing and goes on until the process is killed.
const EXPORT_UNTIL_KILLED = `
const { writeDownload } = await import('./app/core/downloads.ts');
setInterval(() => {}, 60_000);
await writeDownload(process.argv[1], 'kaunter-training-awards', ${NOW}, async (out) => {
  out.write('row 0\\n');
  await new Promise(() => {});
});
`;

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

  it('that meets a write error says that error, not that the file closed: the error comes only after the file is closed', async () => {
    const dir = downloads();
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const failing = writeDownload(dir, 'kaunter-training-awards', NOW, async (out) => {
      await rows(10, out);
      // As a file stream meets a failed write: destroyed at once, its error emitted once its descriptor is closed.
      out.destroy(full);
      return rows(1, out);
    });
    await expect(failing).rejects.toBe(full);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("whose core is killed mid-way (SIGKILL) leaves its unfinished and empty files; the next export removes them, never a running core's", async () => {
    const dir = downloads();
    const core = spawn(process.execPath, ['--input-type=module', '-e', EXPORT_UNTIL_KILLED, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const done = outputOf(core);
    await until(() => readdirSync(dir).some((name) => name.endsWith('.tmp')), 'the export to begin writing');
    core.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const reserved = 'kaunter-training-awards-2026-12-05-10-30-00.csv';
    const unfinished = readdirSync(dir).filter((name) => name.endsWith('.tmp'));
    expect(unfinished).toHaveLength(1);
    expect(unfinished[0]).toMatch(new RegExp(`^${reserved.replaceAll('.', '\\.')}\\.kaunter-unfinished-${core.pid}-[0-9a-f]{12}\\.tmp$`));

    // Beside it: a running core's unfinished export (this test's own process), and a browser's download, not Kaunter's.
    const running = `kaunter-shifts-2026-12-05-10-29-00.csv.kaunter-unfinished-${process.pid}-0123456789ab.tmp`;
    writeFileSync(join(dir, running), 'still being written');
    writeFileSync(join(dir, 'statement.pdf.tmp'), 'a browser download');

    expect(statSync(join(dir, reserved)).size).toBe(0);
    // An unfinished file of a gone core whose name someone has since filled (a file of the user's own): that file stays.
    const filled = 'kaunter-shifts-2026-12-05-10-28-00.csv';
    writeFileSync(join(dir, filled), 'the user\'s own rows');
    writeFileSync(join(dir, `${filled}.kaunter-unfinished-${core.pid}-0123456789ab.tmp`), 'row 0');

    const next = await writeDownload(dir, 'kaunter-training-awards', NOW, (out) => rows(2, out));
    // The killed core's unfinished file goes, and with it the empty file that took its name, which the manager would
    // otherwise find in Downloads as an empty report.
    expect(next.path).toBe(join(dir, reserved));
    expect(readFileSync(next.path, 'utf8')).toBe('row 0\nrow 1\n');
    expect(readdirSync(dir).sort()).toEqual([reserved, filled, running, 'statement.pdf.tmp'].sort());
    expect(readFileSync(join(dir, running), 'utf8')).toBe('still being written');
    expect(readFileSync(join(dir, filled), 'utf8')).toBe('the user\'s own rows');
  });
});
