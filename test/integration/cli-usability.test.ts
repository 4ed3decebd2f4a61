// The command line as a person meets it (issue 10's list): it says which database and RM it uses, reads dates the way
// the shop writes them and refuses the rest, takes states by any name the screens use, counts only what was really
// sent, exits 0 when it did what was asked, prints the shop's time, and is quiet when its reader goes away.
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../app/awards/outbox.ts';
import { RelayLock } from '../../app/awards/relay-lock.ts';
import { markClaimed, transition } from '../../app/awards/transitions.ts';
import type { RunningSandbox } from '../../app/sandbox/index.ts';
import { openDatabase } from '../../app/store/database.ts';
import { APP, BY_ID, MEMBER } from '../fixtures/award-rig.ts';
import { KAUNTER, runCli, startCliSandbox } from '../fixtures/cli.ts';

let sandbox: RunningSandbox;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  ({ sandbox, dir, env } = await startCliSandbox('kaunter-cli-use-'));
});
afterAll(async () => sandbox?.close());

/** The browser host (a running Kaunter with its core) as its own process, on `dataDir`: it holds the relay lock. */
async function startHostProcess(dataDir: string): Promise<{ stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join('test', 'fixtures', 'browser-host-child.ts'), dataDir, join(dataDir, 'no-renderer')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => line.startsWith('url ') && resolve());
  });
  return {
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A database with awards at known times: `at` are UTC milliseconds, each award AWARDED or left as it is. */
function seeded(name: string, awards: Array<{ at: number; state?: 'AWARDED' | 'QUEUED' }>): string {
  const path = join(dir, name);
  const db = openDatabase(path);
  // One transaction: thousands of fsynced commits took most of a 30 s timeout on a loaded 2-core machine.
  db.transaction(() => {
    for (const { at, state } of awards) {
      const outbox = new Outbox(db, 'T1', () => at);
      const { award } = outbox.submit({ amountSen: 1000, member: BY_ID, cashier: 'Aina' }, 'test');
      if (state !== 'QUEUED') {
        transition(db, award.id, ['QUEUED'], { to: 'SENDING', actor: 'test' }, at);
        transition(db, award.id, ['SENDING'], { to: 'AWARDED', actor: 'test' }, at);
      }
    }
  })();
  db.close();
  return path;
}

const MYT = 8 * 3_600_000;

describe('the command line, as a person meets it', () => {
  it('says which database and which RM each award command uses, and how to pick another', async () => {
    const result = await runCli(['award', '--amount', '1.00', '--member-id', MEMBER.memberId], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`kaunter award: using ${join(dir, 'awards.db')}, RM at ${sandbox.url}`);
    const { KAUNTER_DB: _ownDb, ...withoutDb } = env;
    const byDefault = await runCli(['award', '--amount', '1.00', '--member-id', MEMBER.memberId, '--queue-only'], { ...withoutDb, KAUNTER_DATA_DIR: join(dir, 'data') });
    expect(byDefault.stderr).toContain(`using ${join(dir, 'data', 'awards-training.db')} (the training database in Kaunter's data folder; --db FILE for another)`);
  });

  it('when the app (or another command) sends for that database, says so and how to award without touching its awards', async () => {
    const db = join(dir, 'busy.db');
    openDatabase(db).close();
    const lock = RelayLock.tryAcquire(db);
    try {
      const result = await runCli(['award', '--amount', '1.00', '--member-id', MEMBER.memberId], { ...env, KAUNTER_DB: db });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Another Kaunter (the desktop app, or another command) is sending for ${db}`);
      expect(result.stderr).toMatch(/its own database with --db FILE .* add --queue-only/);
    } finally {
      lock?.release();
    }
  });

  it('exits 0 for --queue-only, which did what was asked (2 is kept for an award it meant to send)', async () => {
    const queued = await runCli(['award', '--amount', '2.00', '--member-id', MEMBER.memberId, '--queue-only'], { ...env, KAUNTER_DB: join(dir, 'q.db') });
    expect(queued.code, queued.stderr).toBe(0);
    expect(queued.stdout).toMatch(/^QUEUED/);
    // Nobody sends for that database yet: it says who will, and that the RM it was given is not used.
    expect(queued.stderr).toContain(`using ${join(dir, 'q.db')}. Nothing is sent from here (not ${sandbox.url}: this command only queues): \`kaunter drain\` on this database sends it`);
    expect(queued.stderr).not.toContain('RM at');
  });

  it("--queue-only into the database a running Kaunter sends for: that Kaunter sends it, with its own RM, not the one given", async () => {
    const dataDir = join(dir, 'app-data');
    mkdirSync(dataDir);
    const host = await startHostProcess(dataDir);
    try {
      const db = join(dataDir, 'awards-training.db');
      expect(RelayLock.tryAcquire(db), 'the running Kaunter holds the relay lock of its training database').toBeNull();
      const { KAUNTER_DB: _ownDb, ...withoutDb } = env;
      const queued = await runCli(['award', '--amount', '4.00', '--member-id', MEMBER.memberId, '--queue-only'], { ...withoutDb, KAUNTER_DATA_DIR: dataDir });
      expect(queued.code, queued.stderr).toBe(0);
      const sender = `The Kaunter already running on this database (the desktop app, or \`kaunter drain\`) sends it, with its built-in training RM (not ${sandbox.url}: this command only queues).`;
      expect(queued.stderr).toContain(`kaunter award: using ${db} (the training database in Kaunter's data folder; --db FILE for another). ${sender}`);
      expect(queued.stderr).not.toContain('RM at');
      expect(queued.stdout).toContain(`Queued. ${sender}`);
    } finally {
      await host.stop();
    }
  });

  it('drain with RM unreachable says nothing was sent', async () => {
    const db = join(dir, 'offline.db');
    await runCli(['award', '--amount', '3.00', '--member-id', MEMBER.memberId, '--queue-only'], { ...env, KAUNTER_DB: db });
    const drain = await runCli(['drain'], { ...env, KAUNTER_DB: db, KAUNTER_API_URL: 'http://127.0.0.1:9', KAUNTER_OAUTH_URL: 'http://127.0.0.1:9' });
    expect(drain.stdout).toMatch(/^awarded 0; left: 1 queued, 0 unknown \(need a manager\)\. Revenue Monster could not be reached/m);
    expect(drain.stdout).not.toMatch(/sent 1/);
    expect(drain.code, 'awards are left queued').toBe(2);
    const sent = await runCli(['drain'], { ...env, KAUNTER_DB: db });
    expect(sent.stdout).toMatch(/^awarded 1; left: 0 queued, 0 unknown/m);
    expect(sent.code, 'nothing is left queued').toBe(0);
  });

  it("drain while RM's sign-in fails says sending is paused and why, and leaves the award as it was", async () => {
    const db = join(dir, 'no-token.db');
    await runCli(['award', '--amount', '3.00', '--member-id', MEMBER.memberId, '--queue-only'], { ...env, KAUNTER_DB: db });
    sandbox.setFault({ mode: 'http-5xx', status: 503, path: '/v1/token' });
    try {
      const drain = await runCli(['drain'], { ...env, KAUNTER_DB: db });
      expect(drain.stdout).toMatch(/^awarded 0; left: 1 queued, 0 unknown \(need a manager\)\. Sending is paused: RM's sign-in service failed or did not answer \(TOKEN_UNAVAILABLE\)\. Drain again in a few minutes, or use --until-empty$/m);
      expect(drain.code, 'awards are left queued').toBe(2);
    } finally {
      sandbox.setFault(null);
    }
    const sent = await runCli(['drain'], { ...env, KAUNTER_DB: db });
    expect(sent.stdout).toMatch(/^awarded 1; left: 0 queued, 0 unknown/m);
  });

  it("marks points that are Kaunter's estimate, not RM's figure, in the table and in --json", async () => {
    const path = join(dir, 'estimates.db');
    const db = openDatabase(path);
    const outbox = new Outbox(db, 'T1', () => Date.UTC(2026, 10, 25, 2));
    const estimated = outbox.submit({ amountSen: 1000, member: BY_ID, cashier: 'Aina', pointsPreview: 10 }, 'test').award.id;
    const confirmed = outbox.submit({ amountSen: 2000, member: BY_ID, cashier: 'Aina' }, 'test', () => 20).award.id;
    db.close();
    const table = await runCli(['history'], { ...env, KAUNTER_DB: path });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n').find((line) => line.includes(estimated))).toContain('(10 points, estimate)');
    expect(table.stdout.split('\n').find((line) => line.includes(confirmed))).toContain('(20 points)');
    const json = JSON.parse((await runCli(['history', '--json'], { ...env, KAUNTER_DB: path })).stdout) as Array<{ id: string; pointsPreview: number; pointsSource: string }>;
    expect(json.map(({ id, pointsPreview, pointsSource }) => ({ id, pointsPreview, pointsSource })).sort((a, b) => a.pointsPreview - b.pointsPreview)).toEqual([
      { id: estimated, pointsPreview: 10, pointsSource: 'estimate' },
      { id: confirmed, pointsPreview: 20, pointsSource: 'RM' },
    ]);
  });

  it('--json says of a claim QR what History says: not seen claimed, its points not given, until Kaunter sees it claimed', async () => {
    const db = join(dir, 'qr-json.db');
    const qr = await runCli(['award', '--amount', '20', '--qr'], { ...env, KAUNTER_DB: db });
    expect(qr.code, qr.stderr).toBe(0);
    const history = async () => (JSON.parse((await runCli(['history', '--json'], { ...env, KAUNTER_DB: db })).stdout) as Array<Record<string, unknown>>)[0];
    expect(await history()).toMatchObject({ memberType: 'QRCODE', state: 'AWARDED', status: 'QR not seen claimed', pointsGiven: false, claimedAt: null });

    const claimedAt = Date.UTC(2026, 11, 5, 3, 4, 5);
    const store = openDatabase(db);
    markClaimed(store, (await history())?.id as string, claimedAt);
    store.close();
    expect(await history()).toMatchObject({ state: 'AWARDED', status: 'Awarded', pointsGiven: true, claimedAt: '2026-12-05T03:04:05.000Z' });
  });

  it('reads days as the shop writes them (25/11/2026, 2026-11-25), refuses the rest, and a --from after --to', async () => {
    const day = Date.UTC(2026, 11, 5) - MYT; // 5 December 2026, midnight in Malaysia
    const db = seeded('dates.db', [{ at: day + 3_600_000 }, { at: day - 3_600_000 }, { at: Date.UTC(2026, 4, 12) }]);
    const dec5 = await runCli(['history', '--json', '--from', '05/12/2026', '--to', '05/12/2026'], { ...env, KAUNTER_DB: db });
    expect(dec5.code, dec5.stderr).toBe(0);
    expect((JSON.parse(dec5.stdout) as unknown[]).length).toBe(1);
    const iso = await runCli(['history', '--json', '--from', '2026-12-05', '--to', '2026-12-05'], { ...env, KAUNTER_DB: db });
    expect(iso.stdout).toBe(dec5.stdout);
    for (const [args, message] of [
      [['--from', '12/31/2026'], /not a day of the calendar/],
      [['--from', 'Dec 5 2026'], /not a date Kaunter can read: use the day as 25\/11\/2026/],
      [['--from', '2026-12-05T10:00'], /not a date Kaunter can read/],
      [['--from', '06/12/2026', '--to', '05/12/2026'], /--from 06\/12\/2026 is not before --to 05\/12\/2026/],
    ] as Array<[string[], RegExp]>) {
      const refused = await runCli(['history', ...args], { ...env, KAUNTER_DB: db });
      expect(refused.code, args.join(' ')).toBe(1);
      expect(refused.stderr, args.join(' ')).toMatch(message);
      expect(refused.stdout).toBe('');
    }
  });

  it('prints times in the shop\'s time with the zone, and takes states by any name the screens use', async () => {
    const at = Date.UTC(2026, 10, 25, 10, 4, 5);
    const db = seeded('states.db', [{ at }, { at: at + 1000, state: 'QUEUED' }]);
    const table = await runCli(['history', '--state', 'Awarded'], { ...env, KAUNTER_DB: db });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.trim().split('\n')).toHaveLength(1);
    expect(table.stdout).toContain('2026-11-25 18:04:05 MYT');
    expect((await runCli(['history', '--state', 'queued', '--json'], { ...env, KAUNTER_DB: db })).stdout).toContain('"state":"QUEUED"');
    expect((await runCli(['history', '--state', 'needs-review', '--json'], { ...env, KAUNTER_DB: db })).stdout).toBe('[]\n');
    const wrong = await runCli(['history', '--state', 'done'], { ...env, KAUNTER_DB: db });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/"done" is not a state: use QUEUED, .* refused or needs-review/);
  });

  it('a filter too long or left empty is named by its option, in words an operator reads', async () => {
    const db = seeded('filters.db', [{ at: Date.UTC(2026, 0, 1) }]);
    const said = [
      [['history', '--member', '9'.repeat(65)], 'kaunter: --member is too long: at most 64 characters.'],
      [['history', '--receipt', ' '], 'kaunter: --receipt is empty: give it a value, or leave it out.'],
      [['shifts', '--cashier', 'A'.repeat(61)], 'kaunter: --cashier is too long: at most 60 characters.'],
      [['history', '--to', '1969-12-01'], 'kaunter: --to is before 1970, and nothing Kaunter keeps is that old: give a later day.'],
    ] as const;
    for (const [args, message] of said) {
      const refused = await runCli([...args], { ...env, KAUNTER_DB: db });
      expect(refused.code, args.join(' ')).toBe(1);
      expect(refused.stderr.trim()).toBe(message);
    }
    // No award is older than 1970: a --from before it (or on its first day, which starts before 1970 in UTC) asks for all.
    for (const from of ['1969-12-01', '1970-01-01']) {
      const everything = await runCli(['history', '--from', from], { ...env, KAUNTER_DB: db });
      expect(everything.code, everything.stderr).toBe(0);
      expect(everything.stdout, from).toContain('2026-01-01 08:00:00 MYT');
      expect(everything.stdout.trim().split('\n'), from).toHaveLength(1);
    }
    // A state named more often than there are states is still one filter, not one too long.
    const repeated = await runCli(['history', '--state', ...Array<string>(8).fill('Awarded'), 'refused', 'REJECTED'], { ...env, KAUNTER_DB: db });
    expect(repeated.code, repeated.stderr).toBe(0);
    expect(repeated.stdout).toContain('2026-01-01 08:00:00 MYT');
    expect(repeated.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('--csv --out says once how many it wrote, with no progress noise off a terminal', async () => {
    const db = seeded('csv.db', [{ at: Date.UTC(2026, 0, 1) }, { at: Date.UTC(2026, 0, 2) }, { at: Date.UTC(2026, 0, 3) }]);
    const out = join(dir, 'out.csv');
    const result = await runCli(['history', '--csv', '--out', out], { ...env, KAUNTER_DB: db });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('exported'))).toEqual([`exported 3 awards to ${out}`]);
    expect(result.stderr).not.toContain('\r');
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  it('--csv --out refuses a symbolic link planted where the export goes, and leaves what it points at alone', async () => {
    const db = seeded('csv-link.db', [{ at: Date.UTC(2026, 0, 1) }]);
    const victim = join(dir, 'someone-elses.txt');
    writeFileSync(victim, 'not an export');
    const out = join(dir, 'planted.csv');
    symlinkSync(victim, out);
    const result = await runCli(['history', '--csv', '--out', out], { ...env, KAUNTER_DB: db });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`kaunter: ${out} is a symbolic link. Kaunter does not write through links`);
    expect(readFileSync(victim, 'utf8')).toBe('not an export');
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
  });

  it('refuses an empty --db or KAUNTER_DB, saying why, and leaves no kaunter.log in the folder it was run from', () => {
    const here = mkdtempSync(join(tmpdir(), 'kaunter-cli-cwd-'));
    for (const [args, db] of [[['--db', ''], env.KAUNTER_DB], [[], ''], [['--db', ' '], env.KAUNTER_DB]] as const) {
      const run = spawnSync(process.execPath, [KAUNTER, 'award', '--amount', '1.00', '--member-id', MEMBER.memberId, '--queue-only', ...args], {
        cwd: here,
        env: { ...process.env, ...env, KAUNTER_DB: db },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toContain('kaunter: --db (or KAUNTER_DB) is empty. Give the awards database\'s file');
      expect(readdirSync(here)).toEqual([]);
    }
  });

  it('an error quoting what it was given goes through the log\'s redactor: no client secret, no member\'s full phone number', async () => {
    const secret = await runCli(['history', '--from', APP.clientSecret], env);
    expect(secret.code).toBe(1);
    expect(secret.stderr).toContain('kaunter: "[secret]" is not a date Kaunter can read');
    const flag = await runCli(['history', '--client-secret', 'flag-secret-1234', '--to', 'flag-secret-1234'], { ...env, KAUNTER_CLIENT_SECRET: '' });
    expect(flag.stderr).toContain('kaunter: "[secret]" is not a date Kaunter can read');
    const phone = await runCli(['history', '--from', '+65 9123 4567'], env);
    expect(phone.stderr).toContain('kaunter: "+** **** *567" is not a date Kaunter can read');
    for (const result of [secret, flag, phone]) expect(result.stderr).not.toMatch(new RegExp(`${APP.clientSecret}|flag-secret-1234|9123 4567`));
  });

  it('--csv --out on a terminal: progress redrawn in place, then the count once, in words ("1 award")', () => {
    const db = seeded('tty.db', [{ at: Date.UTC(2026, 0, 1) }, { at: Date.UTC(2026, 0, 2) }, { at: Date.UTC(2026, 0, 3) }]);
    const one = seeded('tty-one.db', [{ at: Date.UTC(2026, 0, 1) }]);
    // `script` gives the command a real pseudo-terminal, as a person at a shell has; what it prints is what they see.
    const onTerminal = (database: string, out: string) => {
      const run = spawnSync('script', ['-qec', `"${process.execPath}" "${KAUNTER}" history --csv --out "${out}"`, '/dev/null'], {
        env: { ...process.env, KAUNTER_DB: database },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
      const raw = run.stdout.replace(/\r\n/g, '\n');
      // A terminal shows, of each line, what follows its last carriage return (with "erase line" done).
      const shown = raw.split('\n').map((line) => (line.split('\r').at(-1) ?? '').replaceAll('\x1b[K', '')).filter(Boolean);
      return { raw, shown };
    };
    const three = onTerminal(db, join(dir, 'tty.csv'));
    expect(three.raw).toContain('exported 3 of 3');
    expect(three.shown).toEqual([`kaunter history: reading ${db}`, `exported 3 awards to ${join(dir, 'tty.csv')}`]);
    expect(onTerminal(one, join(dir, 'tty-one.csv')).shown.at(-1)).toBe(`exported 1 award to ${join(dir, 'tty-one.csv')}`);
  });

  it('queue and history say on stderr which database they read, and stdout stays clean for a pipe', async () => {
    const db = seeded('read.db', [{ at: Date.UTC(2026, 0, 1) }, { at: Date.UTC(2026, 0, 2), state: 'QUEUED' }]);
    const history = await runCli(['history', '--json'], { ...env, KAUNTER_DB: db });
    expect(history.stderr).toContain(`kaunter history: reading ${db}`);
    expect((JSON.parse(history.stdout) as unknown[]).length).toBe(2);
    const queue = await runCli(['queue', '--json'], { ...env, KAUNTER_DB: db });
    expect(queue.stderr).toContain(`kaunter queue: reading ${db}`);
    expect((JSON.parse(queue.stdout) as unknown[]).length).toBe(1);
    const { KAUNTER_DB: _ownDb, ...withoutDb } = env;
    const byDefault = await runCli(['queue'], { ...withoutDb, KAUNTER_DATA_DIR: join(dir, 'read-data') });
    expect(byDefault.stderr).toContain(`kaunter queue: reading ${join(dir, 'read-data', 'awards-training.db')} (the training database in Kaunter's data folder; --db FILE for another)`);
  });

  it('--version prints the version in package.json, as support asks for it', async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    const run = await runCli(['--version']);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 0, stdout: `${version}\n` });
  });

  it('--help lists the exit codes of award and drain', async () => {
    const award = await runCli(['award', '--help']);
    expect(award.stdout).toMatch(/Exit codes: 0 done as asked \(awarded; or queued, with --queue-only\), 2 meant to send but left queued/);
    expect(award.stdout).toMatch(/3 outcome unknown .*, 4 refused by RM .*\n5 no claim QR could be made .*, 1 bad input/);
    expect((await runCli(['drain', '--help'])).stdout).toContain('Exit codes: 0 nothing is left queued, 2 awards are still queued');
  });

  it('on a Node started with TypeScript turned off, says so and how to mend it, instead of a stack trace', () => {
    const said =
      `kaunter needs Node.js to run TypeScript by itself, and this Node ${process.versions.node} was started with that turned off ` +
      '(--no-experimental-strip-types or --no-strip-types, on the command line or in NODE_OPTIONS): run kaunter without it.\n';
    const onCommandLine = spawnSync(process.execPath, ['--no-experimental-strip-types', KAUNTER, 'queue'], { encoding: 'utf8', timeout: 30_000 });
    expect({ status: onCommandLine.status, stderr: onCommandLine.stderr }).toEqual({ status: 1, stderr: said });
    const inOptions = spawnSync(process.execPath, [KAUNTER, 'queue'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NODE_OPTIONS: '--no-experimental-strip-types' } });
    expect({ status: inOptions.status, stderr: inOptions.stderr }).toEqual({ status: 1, stderr: said });
  });

  it('`kaunter history | head` stops quietly when head has read enough', () => {
    const db = seeded('pipe.db', Array.from({ length: 3000 }, (_, i) => ({ at: Date.UTC(2026, 0, 1) + i * 60_000 })));
    const errFile = join(dir, 'pipe.err');
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${KAUNTER}" history --json 2>"${errFile}" | head -c 100 >/dev/null`], {
      env: { ...process.env, KAUNTER_DB: db },
      encoding: 'utf8',
      timeout: 150_000,
    });
    expect(run.status).toBe(0);
    const stderr = readFileSync(errFile, 'utf8');
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
  });
});
