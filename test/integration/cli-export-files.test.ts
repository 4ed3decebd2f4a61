// `kaunter history --csv --out FILE` as a real file: what Excel would turn into a date or a number comes back as the text
// that was stored, and the file appears whole or not at all (an unwritable folder, a write that fails mid-way, a stop).
// --out naming what is not a file is refused, and what an export killed outright leaves is removed by the next one.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../app/awards/outbox.ts';
import { transition } from '../../app/awards/transitions.ts';
import { openDatabase } from '../../app/store/database.ts';
import { BY_ID } from '../fixtures/award-rig.ts';
import { KAUNTER, outputOf, runCli, type CliResult } from '../fixtures/cli.ts';
import { until } from '../fixtures/until.ts';

let dir: string;
let small: string;
let large: string;

/** A database of `count` awarded awards, each made by `made(i)`'s receipt, member ID and cashier. */
function seeded(name: string, count: number, made: (i: number) => { receipt: string; memberId: string; cashier: string }): string {
  const path = join(dir, name);
  const db = openDatabase(path);
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const at = Date.UTC(2026, 10, 1) + i * 60_000;
      const { receipt, memberId, cashier } = made(i);
      const { award } = new Outbox(db, 'T1', () => at).submit({ amountSen: 1000 + i, member: { ...BY_ID, memberId }, cashier, receiptRef: receipt }, 'test');
      transition(db, award.id, ['QUEUED'], { to: 'SENDING', actor: 'test' }, at);
      transition(db, award.id, ['SENDING'], { to: 'AWARDED', actor: 'test' }, at);
    }
  })();
  db.close();
  return path;
}

const EXCEL_PRONE = [
  { receipt: '1-12', memberId: '0123456789', cashier: 'May' },
  { receipt: '3/4', memberId: '1E5', cashier: 'Aina' },
  { receipt: '12:30', memberId: '2777058682717858418', cashier: 'TRUE' },
  { receipt: 'INV-200', memberId: 'M-0001', cashier: 'Ben' },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaunter-cli-export-'));
  small = seeded('small.db', EXCEL_PRONE.length, (i) => EXCEL_PRONE[i]!);
  large = seeded('large.db', 15_000, (i) => ({ receipt: `INV-${i}`, memberId: BY_ID.memberId, cashier: 'Aina' }));
});

const history = (db: string, ...args: string[]) => runCli(['history', '--db', db, ...args]);

/** A cell as Excel shows it: ="..." is the text inside it. */
const shown = (cell: string) => /^="(.*)"$/.exec(cell)?.[1] ?? cell;

/**
 * The command with no way past file permissions: as root, without the capability that lets root write anywhere (so a
 * folder's 0500 means what it says), as it does for any other user.
 */
function runWithoutOverride(args: string[]): Promise<CliResult> {
  const command = [process.execPath, KAUNTER, ...args];
  const [file, ...rest] = process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', ...command] : command;
  return outputOf(spawn(file as string, rest, { stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** The command with files limited to `kilobytes` (ulimit -f), so writing the export fails part-way with EFBIG. */
function runWithFileLimit(kilobytes: number, args: string[]): Promise<CliResult> {
  const quoted = [process.execPath, KAUNTER, ...args].map((arg) => `'${arg}'`).join(' ');
  return outputOf(spawn('bash', ['-c', `ulimit -f ${kilobytes}; exec ${quoted}`], { stdio: ['ignore', 'pipe', 'pipe'] }));
}

describe('kaunter history --csv --out', () => {
  it('writes what Excel would read as a date or a number so that it shows as stored; parsed back, every value is the one stored', async () => {
    const out = join(dir, 'excel.csv');
    const result = await history(small, '--csv', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const rows = parse<Record<string, string>>(readFileSync(out), { bom: true, columns: true });
    expect(rows.map((row) => ({ receipt: shown(row.Receipt ?? ''), memberId: shown(row['Member ID'] ?? ''), cashier: shown(row.Cashier ?? '') }))).toEqual(EXCEL_PRONE);
    // Only what Excel would change is wrapped: another reader meets ="..." only there.
    expect(rows.map((row) => row.Receipt)).toEqual(['="1-12"', '="3/4"', '="12:30"', 'INV-200']);
    expect(rows.map((row) => row['Member ID'])).toEqual(['="0123456789"', '="1E5"', '="2777058682717858418"', 'M-0001']);
    expect(rows.map((row) => row.Cashier)).toEqual(['May', 'Aina', '="TRUE"', 'Ben']);
  });

  it('into a folder it may not write to: says so, and leaves nothing there, not even a temporary file', async () => {
    const folder = join(dir, 'locked');
    mkdirSync(folder);
    chmodSync(folder, 0o500);
    try {
      const result = await runWithoutOverride(['history', '--db', small, '--csv', '--out', join(folder, 'awards.csv')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`The export to ${join(folder, 'awards.csv')} failed: this user may not write to that folder (EACCES).`);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      chmodSync(folder, 0o700);
    }
  });

  it('a write that fails part-way (the file limit, like a full disk): the earlier file stays whole, and no partial file is left', async () => {
    const folder = join(dir, 'limited');
    mkdirSync(folder);
    const out = join(folder, 'awards.csv');
    writeFileSync(out, 'last month\r\n');
    for (const format of ['--csv', '--json']) {
      const result = await runWithFileLimit(64, ['history', '--db', large, format, '--out', out]);
      expect(result.code, format).toBe(1);
      expect(result.stderr, format).toContain(`The export to ${out} failed: the file grew larger than this system allows (EFBIG). ${out} is as it was before`);
      expect(readFileSync(out, 'utf8'), format).toBe('last month\r\n');
      expect(readdirSync(folder), format).toEqual(['awards.csv']);
    }
    // Without the limit the same export replaces it whole, for its owner only.
    const whole = await history(large, '--csv', '--out', out);
    expect(whole.code, whole.stderr).toBe(0);
    expect(parse(readFileSync(out), { bom: true })).toHaveLength(15_001);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['awards.csv']);
  });

  it('stopped part-way (SIGTERM, Ctrl+C): nothing at --out, and the temporary file is removed', async () => {
    const folder = join(dir, 'stopped');
    mkdirSync(folder);
    const out = join(folder, 'awards.csv');
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const child = spawn(process.execPath, [KAUNTER, 'history', '--db', large, '--json', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
      const done = outputOf(child);
      // Stopped once the export has begun writing: its temporary file is there, and the file it names is not.
      await until(() => readdirSync(folder).some((name) => name.endsWith('.tmp')), 'the export to begin writing');
      child.kill(signal);
      const result = await done;
      expect(result.code, signal).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(readdirSync(folder), signal).toEqual([]);
    }
  });
});

/**
 * A character device that discards what is written to it, as /dev/null does. As root it is a private node made with
 * mknod, never /dev/null itself: were the refusal ever lost, a test run would replace this machine's /dev/null. Any
 * other user cannot replace /dev/null, so it is /dev/null.
 */
function aDevice(folder: string): string {
  if (process.getuid?.() !== 0) return '/dev/null';
  const device = join(folder, 'null');
  const made = spawnSync('mknod', [device, 'c', '1', '3'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`mknod failed: ${made.stderr}`);
  return device;
}

describe('kaunter history --out naming what is not a file', () => {
  it('a device, a named pipe, a folder or a socket: refused up front with what to do instead, and left as it was', async () => {
    const folder = join(dir, 'not-files');
    mkdirSync(folder);
    const pipe = join(folder, 'pipe');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    const subfolder = join(folder, 'reports');
    mkdirSync(subfolder);
    const socket = join(folder, 'socket');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    const cases: [string, string, (stats: Stats) => boolean][] = [
      [aDevice(folder), 'a device', (stats) => stats.isCharacterDevice()],
      [pipe, 'a named pipe (FIFO)', (stats) => stats.isFIFO()],
      [subfolder, 'a folder', (stats) => stats.isDirectory()],
      [socket, 'a socket', (stats) => stats.isSocket()],
    ];
    const refused = (result: CliResult, out: string, found: string): void => {
      expect(result.code, out).toBe(1);
      expect(result.stderr, out).toContain(`kaunter: --out ${out} is ${found}, not a file: name a file to write, or leave out --out to print to the screen.`);
      expect(result.stderr, out).not.toContain('exported');
    };
    try {
      for (const [out, found, isStill] of cases) {
        refused(await history(small, '--csv', '--out', out), out, found);
        expect(isStill(lstatSync(out)), out).toBe(true);
      }
      // Up front, before a row is read: where no unfinished file could even be made, the refusal is still what is said.
      chmodSync(folder, 0o500);
      for (const [out, found] of cases) refused(await runWithoutOverride(['history', '--db', small, '--json', '--out', out]), out, found);
    } finally {
      chmodSync(folder, 0o700);
      server.close();
    }
    // No unfinished file beside any of them, nor in the folder given.
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(subfolder)).toEqual([]);
    expect(readdirSync('/dev').filter((name) => name.startsWith('null.'))).toEqual([]);
  });
});

describe('kaunter history --out killed outright (SIGKILL)', () => {
  it("leaves its unfinished file, named for that export and its pid; the next export to that file removes it, never a running writer's", async () => {
    const folder = join(dir, 'killed');
    mkdirSync(folder);
    const out = join(folder, 'awards.csv');
    const child = spawn(process.execPath, [KAUNTER, 'history', '--db', large, '--json', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    const done = outputOf(child);
    await until(() => readdirSync(folder).some((name) => name.endsWith('.tmp')), 'the export to begin writing');
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const left = readdirSync(folder);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^awards\\.csv\\.kaunter-unfinished-${child.pid}-[0-9a-f]{12}\\.tmp$`));

    // Beside it: one whose writer still runs (this test's own process), and a dead writer's of another file.
    const running = `awards.csv.kaunter-unfinished-${process.pid}-0123456789ab.tmp`;
    writeFileSync(join(folder, running), 'still being written');
    const anotherFile = `shifts.csv.kaunter-unfinished-${child.pid}-0123456789ab.tmp`;
    writeFileSync(join(folder, anotherFile), 'not this export');

    const next = await history(small, '--csv', '--out', out);
    expect(next.code, next.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['awards.csv', anotherFile, running].sort());
    expect(readFileSync(join(folder, running), 'utf8')).toBe('still being written');
    expect(parse(readFileSync(out), { bom: true })).toHaveLength(EXCEL_PRONE.length + 1);
  });
});
