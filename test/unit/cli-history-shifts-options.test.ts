// What `kaunter history` and `kaunter shifts` take on the command line: dates that exist (never rolled into the next
// month), --out for --json as for --csv, and a --limit refused rather than quietly cut. Run in this process through the
// real program, over a real SQLite file, with the exit code the shell would see.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../app/awards/outbox.ts';
import { transition } from '../../app/awards/transitions.ts';
import { buildProgram, runProgram } from '../../app/cli.ts';
import { parseDateOption, parseLimitOption } from '../../app/commands/format.ts';
import { ShiftBook } from '../../app/shifts/shifts.ts';
import { openDatabase } from '../../app/store/database.ts';
import { BY_ID } from '../fixtures/award-rig.ts';

const ACCEPTED_FORMS = 'use the day as 25/11/2026 or 2026-11-25 (shop time), or a time like 2026-11-25T10:00:00+08:00.';

describe('--from and --to', () => {
  it.each([
    ['2026-02-30T00:00:00+08:00', 'is not a day of the calendar'],
    ['2026-02-31T23:59:59+08:00', 'is not a day of the calendar'],
    ['2026-04-31T00:00:00Z', 'is not a day of the calendar'],
    ['2026-02-29T10:00Z', 'is not a day of the calendar'],
    ['2026-13-01T10:00Z', 'is not a day of the calendar'],
    ['2026-02-00T10:00Z', 'is not a day of the calendar'],
    ['2026-02-28T24:30+08:00', 'is not a time of the day'],
    ['2026-02-28T25:00Z', 'is not a time of the day'],
    ['2026-02-28T23:60Z', 'is not a time of the day'],
    ['2026-02-28T23:59:60Z', 'is not a time of the day'],
    ['2026-02-28T10:00+08:60', 'has an impossible zone offset'],
    ['2026-02-28T10:00-24:00', 'has an impossible zone offset'],
    ['30/02/2026', 'is not a day of the calendar'],
    ['2026-02-30', 'is not a day of the calendar'],
    ['Feb 28 2026', 'is not a date Kaunter can read'],
  ])('refuses %s: it %s, in one line with the forms it takes', (text, problem) => {
    expect(() => parseDateOption(text, true)).toThrow(`"${text}" ${problem}: ${ACCEPTED_FORMS}`);
  });

  it.each([
    ['2028-02-29T10:00:00+08:00', '2028-02-29T02:00:00.000Z'],
    ['2026-02-28T23:59:59.999Z', '2026-02-28T23:59:59.999Z'],
    ['2026-02-28T24:00+08:00', '2026-02-28T16:00:00.000Z'],
    ['2026-02-28T10:00+14:00', '2026-02-27T20:00:00.000Z'],
  ])('takes %s as %s', (text, iso) => {
    expect(new Date(parseDateOption(text, true)).toISOString()).toBe(iso);
  });
});

describe('--limit', () => {
  it('takes a whole number of rows up to the most the table shows', () => {
    expect(parseLimitOption('50', 500)).toBe(50);
    expect(parseLimitOption('500', 500)).toBe(500);
    expect(parseLimitOption('2000')).toBe(2000);
  });

  it.each(['0', '-5', '12.5', 'abc', '', '1e3', '99999999999999999999'])('refuses "%s"', (text) => {
    expect(() => parseLimitOption(text, 500)).toThrow(`--limit "${text}" is not a number of rows: give a whole number like 50.`);
  });

  it('refuses more than the table shows instead of cutting the table', () => {
    expect(() => parseLimitOption('501', 500)).toThrow('--limit 501 is more than the table shows (500 rows at most): use --json or --csv for everything');
  });
});

describe('the commands', () => {
  let dir: string;
  let db: string;
  let stdout: string;
  let stderr: string;
  const HOUR = 3_600_000;
  const MORNING = Date.UTC(2026, 1, 2, 1);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kaunter-cli-options-'));
    db = join(dir, 'awards.db');
    const database = openDatabase(db);
    let now = MORNING;
    const book = new ShiftBook({ db: database, terminalId: 'T1', now: () => now, onChange: () => undefined });
    book.start('Aina');
    for (let i = 0; i < 3; i += 1) {
      now += HOUR;
      const { award } = new Outbox(database, 'T1', () => now).submit({ amountSen: 1000 + i, member: BY_ID, cashier: 'Aina' }, 'test');
      transition(database, award.id, ['QUEUED'], { to: 'SENDING', actor: 'test' }, now);
      transition(database, award.id, ['SENDING'], { to: 'AWARDED', actor: 'test' }, now);
    }
    book.end();
    database.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The command as the shell runs it: what it printed on each stream, and its exit code. */
  async function kaunter(...args: string[]): Promise<number> {
    stdout = '';
    stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    vi.spyOn(console, 'log').mockImplementation((line: string) => void (stdout += `${line}\n`));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void (stderr += `${line}\n`));
    return runProgram(buildProgram(), [...args, '--db', db]);
  }
  afterEach(() => vi.restoreAllMocks());

  it('history --json --out writes the JSON array into the file, not to standard output, and exits 0', async () => {
    const out = join(dir, 'month.json');
    expect(await kaunter('history', '--json', '--out', out)).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(`exported 3 awards to ${out}`);
    const awards = JSON.parse(readFileSync(out, 'utf8')) as Array<{ amountSen: number }>;
    expect(awards.map((award) => award.amountSen)).toEqual([1002, 1001, 1000]);
  });

  it('history --json without --out still prints the array on standard output', async () => {
    expect(await kaunter('history', '--json')).toBe(0);
    expect((JSON.parse(stdout) as unknown[]).length).toBe(3);
  });

  it('shifts --json --out writes the JSON array into the file, not to standard output, and exits 0', async () => {
    const out = join(dir, 'shifts.json');
    expect(await kaunter('shifts', '--json', '--out', out)).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(`exported 1 shift to ${out}`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject([{ cashier: 'Aina', awards: 3, awardedAmountSen: 3003 }]);
  });

  it.each(['history', 'shifts'])('%s --out without --json or --csv is refused, and no file is left', async (command) => {
    const out = join(dir, `${command}-table.txt`);
    expect(await kaunter(command, '--out', out)).toBe(1);
    expect(stderr).toContain('kaunter: --out writes the --json or --csv output: add one of them.');
    expect(existsSync(out)).toBe(false);
  });

  it('history --limit above a page is refused with exit 1 instead of showing 500 rows', async () => {
    expect(await kaunter('history', '--limit', '2000')).toBe(1);
    expect(stderr).toContain('kaunter: --limit 2000 is more than the table shows (500 rows at most)');
    expect(stdout).toBe('');
  });

  it('history --to a day February does not have is refused with exit 1, not rolled into March', async () => {
    expect(await kaunter('history', '--from', '2026-02-01', '--to', '2026-02-30T00:00:00+08:00')).toBe(1);
    expect(stderr).toContain('kaunter: "2026-02-30T00:00:00+08:00" is not a day of the calendar: use the day as 25/11/2026');
  });
});
