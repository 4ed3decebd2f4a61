// The command line as a person meets it (issue 10's list): it says which database and RM it uses, reads dates the way
// the shop writes them and refuses the rest, takes states by any name the screens use, counts only what was really
// sent, exits 0 when it did what was asked, prints the shop's time, and is quiet when its reader goes away.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../app/awards/outbox.ts';
import { RelayLock } from '../../app/awards/relay-lock.ts';
import { transition } from '../../app/awards/transitions.ts';
import { startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import { openDatabase } from '../../app/store/database.ts';
import { APP, BY_ID, KEYS, MEMBER } from '../fixtures/award-rig.ts';
import { cliEnv, KAUNTER, runCli } from '../fixtures/cli.ts';

let sandbox: RunningSandbox;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await startSandbox({ apps: [APP] });
  dir = mkdtempSync(join(tmpdir(), 'kaunter-cli-use-'));
  writeFileSync(join(dir, 'key.pem'), KEYS.privateKeyPem);
  env = cliEnv(sandbox.url, APP, join(dir, 'key.pem'), join(dir, 'awards.db'));
});
afterAll(async () => sandbox?.close());

/**
 * A database with awards at known times: `at` are UTC milliseconds, each award AWARDED or left as it is. One transaction
 * for them all: each award's own three would each wait for the disk (synchronous=FULL), minutes on a busy machine.
 */
function seeded(name: string, awards: Array<{ at: number; state?: 'AWARDED' | 'QUEUED' }>): string {
  const path = join(dir, name);
  const db = openDatabase(path);
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
  });

  it('drain with RM unreachable says nothing was sent', async () => {
    const db = join(dir, 'offline.db');
    await runCli(['award', '--amount', '3.00', '--member-id', MEMBER.memberId, '--queue-only'], { ...env, KAUNTER_DB: db });
    const drain = await runCli(['drain'], { ...env, KAUNTER_DB: db, KAUNTER_API_URL: 'http://127.0.0.1:9', KAUNTER_OAUTH_URL: 'http://127.0.0.1:9' });
    expect(drain.stdout).toMatch(/^awarded 0; left: 1 queued, 0 unknown \(need a manager\)\. Revenue Monster could not be reached/m);
    expect(drain.stdout).not.toMatch(/sent 1/);
    const sent = await runCli(['drain'], { ...env, KAUNTER_DB: db });
    expect(sent.stdout).toMatch(/^awarded 1; left: 0 queued, 0 unknown/m);
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

  it('--csv --out says once how many it wrote, with no progress noise off a terminal', async () => {
    const db = seeded('csv.db', [{ at: Date.UTC(2026, 0, 1) }, { at: Date.UTC(2026, 0, 2) }, { at: Date.UTC(2026, 0, 3) }]);
    const out = join(dir, 'out.csv');
    const result = await runCli(['history', '--csv', '--out', out], { ...env, KAUNTER_DB: db });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('exported'))).toEqual([`exported 3 awards to ${out}`]);
    expect(result.stderr).not.toContain('\r');
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  it('`kaunter history | head` stops quietly when head has read enough', () => {
    const db = seeded('pipe.db', Array.from({ length: 3000 }, (_, i) => ({ at: Date.UTC(2026, 0, 1) + i * 60_000 })));
    const errFile = join(dir, 'pipe.err');
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${KAUNTER}" history --json 2>"${errFile}" | head -c 100 >/dev/null`], {
      env: { ...process.env, KAUNTER_DB: db },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const stderr = readFileSync(errFile, 'utf8');
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
  });
});
