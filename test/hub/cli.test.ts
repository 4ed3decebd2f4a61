// The hub's command line as head office and support staff use it: real `kaunter` processes, a real hub process, a
// real PostgreSQL and the sandbox on loopback.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import { createAward } from '../../app/awards/transitions.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { APP, BY_ID, KEYS, MEMBER } from '../fixtures/award-rig.ts';
import { cliEnv, runCli, startCli } from '../fixtures/cli.ts';
import { openPool } from '../../hub/db/pool.ts';
import { logIn, sessionUser } from '../../hub/people.ts';
import { newHubDatabase } from '../fixtures/hub-rig.ts';
import { startHubProcess, type HubProcess } from '../fixtures/hub-process.ts';
import { loopbackCertificate } from '../fixtures/tls.ts';

let sandbox: RunningSandbox;
let dir: string;
let database: string;
let hub: HubProcess;

beforeAll(async () => {
  sandbox = await startSandbox({ apps: [APP] });
  dir = mkdtempSync(join(tmpdir(), 'kaunter-hub-cli-'));
  writeFileSync(join(dir, 'key.pem'), KEYS.privateKeyPem);
  database = await newHubDatabase();
});
afterAll(async () => {
  await hub?.stop();
  await sandbox?.close();
});

const counterEnv = (name: string) => cliEnv(sandbox.url, APP, join(dir, 'key.pem'), join(dir, `${name}.db`));
const json = <T>(text: string) => JSON.parse(text) as T;

/** Work on a counter's database file directly, between two `kaunter` runs. */
function onCounterDb<T>(name: string, work: (db: Db) => T): T {
  const db = openDatabase(join(dir, `${name}.db`));
  try {
    return work(db);
  } finally {
    db.close();
  }
}

describe('kaunter hub (CLI)', () => {
  it('has --help on every hub command, and `kaunter hub --help` lists both sides', async () => {
    const top = await runCli(['hub', '--help']);
    for (const name of ['join', 'restore', 'migrate', 'serve', 'enrol', 'user', 'history', 'revoke']) expect(top.stdout).toContain(name);
    for (const command of ['hub migrate', 'hub serve', 'hub enrol', 'hub user add', 'hub user password', 'hub user remove', 'hub history', 'hub join', 'hub restore', 'sync']) {
      const result = await runCli([...command.split(' '), '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain(`Usage: kaunter ${command}`);
      // The counter's side of the hub never talks to RM, so it offers none of RM's options.
      if (['hub join', 'hub restore', 'sync'].includes(command)) {
        expect(result.stdout, command).toMatch(/--db <file>[\s\S]*--env|--env[\s\S]*--db <file>/);
        for (const rm of ['--client-id', '--client-secret', '--key', '--api-url', '--oauth-url']) expect(result.stdout, `${command} ${rm}`).not.toContain(rm);
      }
    }
  });

  it('migrate creates the schema once; serve refuses plain HTTP off loopback and an unmigrated database', async () => {
    const unmigrated = await newHubDatabase();
    const refused = await runCli(['hub', 'serve', '--port', '0'], { KAUNTER_HUB_DATABASE: unmigrated });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/run `kaunter hub migrate` first/);
    const first = await runCli(['hub', 'migrate', '--database', database]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/applied 001-awards\.sql/);
    const second = await runCli(['hub', 'migrate'], { KAUNTER_HUB_DATABASE: database });
    expect(second.stdout.trim()).toBe('the database is up to date');
    const open = await runCli(['hub', 'serve', '--database', database, '--host', '0.0.0.0', '--port', '0']);
    expect(open.code).toBe(1);
    expect(open.stderr).toMatch(/Plain HTTP is only for loopback.*--tls-cert/);
    const badDb = await runCli(['hub', 'migrate', '--database', 'postgres://nobody:wrong@127.0.0.1:1/none']);
    expect(badDb.code).toBe(1);
    expect(badDb.stderr).toMatch(/Could not use postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
    expect(badDb.stderr).not.toContain('wrong');
    const unencoded = await runCli(['hub', 'migrate', '--database', 'postgres://kaunter:ab#cd@127.0.0.1/hub']);
    expect(unencoded.code).toBe(1);
    expect(unencoded.stderr.trim()).toBe(
      'kaunter: Could not use the database URL (not a valid URL: if its password has #, ? or / in it, write them as %23, %3F and %2F): ' +
        'write it as postgres://user:password@host:port/database.',
    );
    // A database out of reach is said as such by every command that needs the schema, never as one to migrate: a port
    // nothing listens on, and one that hangs up once it is spoken to (pg says that in words, with no code).
    const hangsUp = createNetServer((socket) => socket.once('data', () => socket.end()));
    const resets = createNetServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    for (const server of [hangsUp, resets]) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const portOf = (server: typeof hangsUp) => (server.address() as AddressInfo).port;
    const cutWords = 'the connection was cut before PostgreSQL answered: is that PostgreSQL\'s port, and is it running?';
    const said = [
      ['postgres://nobody:wrong@127.0.0.1:1/none', 'nothing answers at that host and port: is PostgreSQL running there, and is the port right?'],
      [`postgres://nobody:wrong@127.0.0.1:${portOf(hangsUp)}/none`, cutWords],
      [`postgres://nobody:wrong@127.0.0.1:${portOf(resets)}/none`, cutWords],
      // A machine whose DNS does not answer at all (offline) is told that instead.
      [`postgres://nobody:wrong@no-such-host.invalid/none`, 'there is no host of that name: check the host in the URL.', 'the host name could not be looked up (no answer from DNS): give an IP address, or try again.'],
    ] as const;
    try {
      for (const command of [['hub', 'serve', '--port', '0'], ['hub', 'history']]) {
        for (const [url, ...words] of said) {
          const refused = await runCli([...command, '--database', url]);
          expect(refused.code, `${command.join(' ')} ${url}`).toBe(1);
          const messages = words.map((why) => `kaunter: Could not use ${url.replace(':wrong@', ':***@')}: ${why}`);
          expect(messages, `${command.join(' ')} ${url}`).toContain(refused.stderr.trim());
        }
      }
      // A server that takes the connection and never answers: pg gives up after its 10 s connection timeout.
      const silent = createNetServer(() => {});
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const silentUrl = `postgres://nobody@127.0.0.1:${portOf(silent)}/none`;
      const timedOut = await runCli(['hub', 'history', '--database', silentUrl]);
      silent.close();
      expect(timedOut.stderr.trim()).toBe(`kaunter: Could not use ${silentUrl}: no answer in time: check the host and port, and any firewall between.`);
      // PostgreSQL itself refusing: a password it does not take, and a database it does not have.
      const real = new URL(database);
      const wrongPassword = Object.assign(new URL(database), { password: 'not-the-password' }).toString();
      const noDatabase = Object.assign(new URL(database), { pathname: '/no_such_database' }).toString();
      const refusedByPostgres = [
        [wrongPassword, 'PostgreSQL refused the user name or password.'],
        [noDatabase, 'PostgreSQL has no database of that name: create it, or check its name in the URL.'],
      ] as const;
      for (const [url, words] of refusedByPostgres) {
        const refused = await runCli(['hub', 'history', '--database', url]);
        expect(refused.stderr.trim(), url).toMatch(new RegExp(`: ${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
        expect(refused.stderr).not.toContain('not-the-password');
        if (real.password) expect(refused.stderr).not.toContain(real.password);
      }
    } finally {
      hangsUp.close();
      resets.close();
    }
  });

  it('enrol, join (credential in a 0600 file), award, sync, and history at the hub in the counter\'s shape', async () => {
    hub = await startHubProcess(database);
    const enrol = await runCli(['hub', 'enrol', '--database', database, '--outlet', 'Mid Valley', '--terminal', 'Till 1', '--new-outlet', '--json']);
    expect(enrol.code, enrol.stderr).toBe(0);
    const enrolment = json<{ outlet: string; terminal: string; terminalId: string; code: string }>(enrol.stdout);
    // A new terminal replaces no live PC, under the field's name and its name before (kept for scripts).
    expect(enrolment).toMatchObject({ outlet: 'Mid Valley', terminal: 'Till 1', replacesLiveSeenAt: null, replacesLivePushAt: null });
    expect(enrolment.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    const env = counterEnv('till-1');
    const join1 = await runCli(['hub', 'join', '--hub', hub.url, '--code', enrolment.code], env);
    expect(join1.code, join1.stderr).toBe(0);
    expect(join1.stdout).toContain('joined outlet "Mid Valley" as terminal "Till 1"');
    expect(statSync(`${env.KAUNTER_DB}.hub.json`).mode & 0o777).toBe(0o600);
    const reuse = await runCli(['hub', 'join', '--hub', hub.url, '--code', enrolment.code], counterEnv('other'));
    expect(reuse.code).toBe(1);
    expect(reuse.stderr).toMatch(/already used, has expired/);

    expect((await runCli(['award', '--amount', '12.50', '--phone', `0${MEMBER.phoneNumber}`, '--receipt', 'R-1'], env)).code).toBe(0);
    expect((await runCli(['award', '--amount', '3.00', '--member-id', MEMBER.memberId, '--queue-only'], env)).code).toBe(0);
    const sync = await runCli(['sync'], env);
    expect(sync.code, sync.stderr).toBe(0);
    // Three events for the sent award (its points are RM's figure from the start); one for the queued award.
    expect(sync.stdout).toMatch(/^pushed 4 events of 2 awards; head office: synced$/m);

    const counterHistory = json<Array<Record<string, unknown>>>((await runCli(['history', '--json'], env)).stdout);
    const hubHistory = json<Array<Record<string, unknown>>>((await runCli(['hub', 'history', '--database', database, '--json', '--outlet', 'Mid Valley'])).stdout);
    expect(hubHistory).toEqual(counterHistory.map((item) => ({ ...item, outlet: 'Mid Valley', terminal: 'Till 1', terminalId: enrolment.terminalId })));
    // Typed in another case, the outlet and the terminal are the ones the hub has.
    const anyCase = await runCli(['hub', 'history', '--database', database, '--json', '--outlet', 'mid valley', '--terminal', 'TILL 1']);
    expect(json(anyCase.stdout)).toEqual(hubHistory);
    const table = await runCli(['hub', 'history', '--database', database, '--terminal', 'Till 1', '--state', 'QUEUED']);
    expect(table.stdout.trim().split('\n')).toHaveLength(1);
    expect(table.stdout).toMatch(/^Mid Valley \/ Till 1 {2}QUEUED/);
    const csv = await runCli(['hub', 'history', '--database', database, '--csv']);
    expect(csv.stdout.startsWith('\uFEFFOutlet,Terminal,Award ID')).toBe(true);
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(3);
    const file = join(dir, 'hub-export.csv');
    const toFile = await runCli(['hub', 'history', '--database', database, '--csv', '--out', file]);
    expect(toFile).toMatchObject({ code: 0, stdout: '', stderr: `exported 2 awards to ${file}\n` });
    expect(readFileSync(file, 'utf8')).toBe(csv.stdout);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const jsonFile = join(dir, 'hub-export.json');
    const jsonToFile = await runCli(['hub', 'history', '--database', database, '--json', '--outlet', 'Mid Valley', '--out', jsonFile]);
    expect(jsonToFile).toMatchObject({ code: 0, stdout: '', stderr: `exported 2 awards to ${jsonFile}\n` });
    expect(json(readFileSync(jsonFile, 'utf8'))).toEqual(hubHistory);
    // Nothing is quietly dropped or cut: --out alone, and a table longer than one page, are refused.
    expect(await runCli(['hub', 'history', '--database', database, '--out', jsonFile])).toMatchObject({ code: 1, stderr: expect.stringMatching(/--out writes the --json or --csv output/) as unknown });
    expect(await runCli(['hub', 'history', '--database', database, '--limit', '5000'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/500 rows at most/) as unknown });
    expect(await runCli(['hub', 'history', '--database', database, '--terminal', 'T'.repeat(81)])).toMatchObject({ code: 1, stderr: 'kaunter: --terminal is too long: at most 80 characters.\n' });

    // A read replica serves reports (the README's advice): every session read-only, as on a hot standby.
    const replica = `${database}${database.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c default_transaction_read_only=on')}`;
    const refused = await runCli(['hub', 'enrol', '--database', replica, '--outlet', 'Mid Valley', '--terminal', 'Till 7']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/read-only transaction/);
    expect(json((await runCli(['hub', 'history', '--database', replica, '--json', '--outlet', 'Mid Valley'])).stdout)).toEqual(hubHistory);
    const fromReplica = await runCli(['hub', 'history', '--database', replica, '--csv']);
    expect(fromReplica.code).toBe(0);
    expect(fromReplica.stdout).toBe(csv.stdout);
  });

  it('--json and --csv export everything and never read --limit, as `kaunter history`; the table still refuses a bad one', async () => {
    const history = (...extra: string[]) => runCli(['hub', 'history', '--database', database, ...extra]);
    const everything = await history('--json');
    expect(json<unknown[]>(everything.stdout)).toHaveLength(2);
    for (const limit of ['5000', 'abc']) {
      expect(await history('--json', '--limit', limit)).toMatchObject({ code: 0, stdout: everything.stdout });
      const csv = await history('--csv', '--limit', limit);
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stdout.trim().split('\r\n')).toHaveLength(3);
      expect(await history('--limit', limit)).toMatchObject({ code: 1, stdout: '' });
    }
  });

  it("a receipt Till 1 awarded (above) is refused at the outlet's Till 2 as at the counter, unless --award-again", async () => {
    const enrol = await runCli(['hub', 'enrol', '--database', database, '--outlet', 'Mid Valley', '--terminal', 'Till 2', '--json']);
    const env = counterEnv('till-2');
    expect((await runCli(['hub', 'join', '--hub', hub.url, '--code', json<{ code: string }>(enrol.stdout).code], env)).code).toBe(0);
    const award = (...extra: string[]) => runCli(['award', '--amount', '8.00', '--member-id', MEMBER.memberId, '--receipt', 'r-1', '--queue-only', ...extra], env);
    const refused = await award();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Receipt r-1 already earned points at Till 1 today at \d{2}:\d{2} \(RM 12\.50\)\..* To award it again on purpose, add --award-again\./);
    expect((await runCli(['queue'], env)).stdout).toMatch(/0 queued/);
    expect((await award('--award-again')).code).toBe(0);
    expect((await runCli(['queue'], env)).stdout).toMatch(/1 queued/);
  });

  it('user add takes the password from standard input and keeps only a scrypt hash', async () => {
    const result = await runCli(['hub', 'user', 'add', '--database', database, '--name', 'Siti', '--role', 'outlet-manager', '--outlet', 'Mid Valley'], {}, 'correct horse battery\n');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('added outlet-manager "Siti" for "Mid Valley"');
    const noOutlet = await runCli(['hub', 'user', 'add', '--database', database, '--name', 'Ali', '--role', 'outlet-manager', '--outlet', 'Nowhere'], {}, 'correct horse battery\n');
    expect(noOutlet.stderr).toMatch(/no outlet "Nowhere"/);
    const short = await runCli(['hub', 'user', 'add', '--database', database, '--name', 'Ali', '--role', 'head-office'], {}, 'short\n');
    expect(short.stderr).toMatch(/at least 10 characters/);
    const pool = openPool(database, 1);
    const stored = await pool.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE name = 'Siti'");
    await pool.end();
    expect(JSON.parse(stored.rows[0]!.password_hash)).toMatchObject({ algorithm: 'scrypt', n: 32768 });
    expect(stored.rows[0]!.password_hash).not.toContain('horse');
  });

  it('user password ends the user\'s sessions and lifts a lockout; user remove signs a departed user out for good', async () => {
    const added = await runCli(['hub', 'user', 'add', '--database', database, '--name', 'Leaver', '--role', 'head-office'], {}, 'first password ok\n');
    expect(added.code, added.stderr).toBe(0);
    const pool = openPool(database, 1);
    try {
      const session = await logIn(pool, 'Leaver', 'first password ok', '192.0.2.1');
      // Locked at this address by five wrong passwords just now.
      await pool.query("INSERT INTO login_failures (address, name) SELECT '192.0.2.1', 'Leaver' FROM generate_series(1, 5)");
      await expect(logIn(pool, 'Leaver', 'first password ok', '192.0.2.1')).rejects.toThrow(/Too many wrong passwords/);
      const changed = await runCli(['hub', 'user', 'password', '--database', database, '--name', 'Leaver'], {}, 'second password ok\n');
      expect(changed.code, changed.stderr).toBe(0);
      expect(changed.stdout).toContain('new password for "Leaver"; their sessions have ended');
      await expect(sessionUser(pool, session.token)).rejects.toThrow(/sign in again/);
      await expect(logIn(pool, 'Leaver', 'first password ok', '192.0.2.1')).rejects.toThrow(/do not match/);
      const again = await logIn(pool, 'Leaver', 'second password ok', '192.0.2.1');

      const removed = await runCli(['hub', 'user', 'remove', '--database', database, '--name', 'Leaver']);
      expect(removed.code, removed.stderr).toBe(0);
      expect(removed.stdout).toContain('removed "Leaver"');
      await expect(sessionUser(pool, again.token)).rejects.toThrow(/sign in again/);
      await expect(logIn(pool, 'Leaver', 'second password ok', '192.0.2.1')).rejects.toThrow(/do not match/);
      const unknown = await runCli(['hub', 'user', 'remove', '--database', database, '--name', 'Leaver']);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('There is no user "Leaver".');
      const audit = await pool.query<{ action: string }>("SELECT action FROM audit WHERE action IN ('user.password', 'user.remove') ORDER BY id");
      expect(audit.rows.map((row) => row.action)).toEqual(['user.password', 'user.remove']);
    } finally {
      await pool.end();
    }
  });

  it('sync --until-synced waits out a hub outage and exits 0 once everything is acknowledged', async () => {
    const env = counterEnv('till-1');
    await hub.stop();
    expect((await runCli(['award', '--amount', '4.00', '--member-id', MEMBER.memberId, '--queue-only'], env)).code).toBe(0);
    const plain = await runCli(['sync'], env);
    expect(plain.code).toBe(2);
    expect(plain.stdout).toMatch(/head office: unreachable since .* \(1 waiting\)/);
    // The status line is the status bar's; why, in the network's words, comes on a line of its own.
    expect(plain.stderr).toMatch(/^The hub at http:\/\/127\.0\.0\.1:\d+ could not be reached \(ECONNREFUSED\)\.$/m);
    const waiting = startCli(['sync', '--until-synced'], env);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    hub = await startHubProcess(database, hub.port);
    const result = await waiting.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/pushed 1 event of 1 award; head office: synced/);
  });

  it('joining as a terminal the hub has a history of brings it back onto the empty database first; a restore after is refused', async () => {
    const enrol = json<{ code: string }>((await runCli(['hub', 'enrol', '--database', database, '--outlet', 'Mid Valley', '--terminal', 'Till 1', '--replace', '--json'])).stdout);
    const fresh = counterEnv('replacement');
    // The hub's address from KAUNTER_HUB_URL. The history comes back before the terminal is linked, as in the app.
    const restore = await runCli(['hub', 'join', '--code', enrol.code], { ...fresh, KAUNTER_HUB_URL: hub.url });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('The hub holds this terminal\'s history: bringing it back first.');
    expect(restore.stdout).toContain('restored 3 awards of terminal "Till 1" at "Mid Valley"');
    expect(restore.stdout).toContain('2 awards had not been sent as far as the hub knew; the old PC may have sent them before it stopped, so they are UNKNOWN');
    // Everything comes back as the hub had it, except that the two awards that waited to be sent are held for a manager:
    // the old PC may have sent them after its last push.
    type Item = { id: string; state: string; lastError: unknown };
    const original = json<Item[]>((await runCli(['history', '--json'], counterEnv('till-1'))).stdout);
    const restored = json<Item[]>((await runCli(['history', '--json'], fresh)).stdout);
    const waited = original.filter((award) => award.state === 'QUEUED').map((award) => award.id);
    expect(waited).toHaveLength(2);
    const held = { state: 'UNKNOWN', status: 'Needs review', lastError: { code: 'RESTORED', message: expect.stringMatching(/old PC may have sent it/) as unknown } };
    expect(restored).toEqual(original.map((award) => (waited.includes(award.id) ? { ...award, ...held } : award)));
    const again = await runCli(['hub', 'restore'], fresh);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/restore only onto an empty database/);
    // The replacement carries on where the old PC stopped, and sends nothing the old PC may have sent: a new award syncs
    // without any conflict (3 events: its points are RM's figure from the start), with the two holding events.
    expect((await runCli(['award', '--amount', '5.00', '--member-id', MEMBER.memberId], fresh)).code).toBe(0);
    const sync = await runCli(['sync'], fresh);
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/pushed 5 events of 3 awards/);
    const queue = json<Item[]>((await runCli(['queue', '--json'], fresh)).stdout);
    expect(queue.map((award) => [award.id, award.state]).sort()).toEqual(waited.map((id) => [id, 'UNKNOWN']).sort());
    // The old PC's credential was replaced by the new enrolment.
    const old = await runCli(['sync'], counterEnv('till-1'));
    expect(old.code).toBe(4);

    // Head office shuts the terminal out from the command line: it is refused and says why.
    const revoked = await runCli(['hub', 'revoke', '--database', database, '--outlet', 'Mid Valley', '--terminal', 'Till 1']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/^revoked terminal "Till 1" at "Mid Valley" \([0-9a-f-]{36}\)$/m);
    expect((await runCli(['award', '--amount', '6.00', '--member-id', MEMBER.memberId, '--queue-only'], fresh)).code).toBe(0);
    const shut = await runCli(['sync'], fresh);
    expect(shut.code).toBe(4);
    expect(shut.stdout + shut.stderr).toMatch(/revoked/);
    const nobody = await runCli(['hub', 'revoke', '--database', database, '--outlet', 'Mid Valley', '--terminal', 'Till 99']);
    expect(nobody.code).not.toBe(0);
    expect(nobody.stderr).toContain('There is no terminal "Till 99" at outlet "Mid Valley"');
  });

  it('a restore cut short while it wrote is finished by the next `kaunter hub restore`, which writes only what is missing', async () => {
    const enrol = async () => json<{ code: string }>((await runCli(['hub', 'enrol', '--database', database, '--outlet', 'Mid Valley', '--terminal', 'Till 9', '--replace', '--json'])).stdout).code;
    const old = counterEnv('till-9');
    expect((await runCli(['hub', 'join', '--hub', hub.url, '--code', await enrol()], old)).code).toBe(0);
    const ids = onCounterDb('till-9', (db) =>
      Array.from({ length: 510 }, (_, i) => createAward(db, { id: randomUUID(), terminalId: 'T9', amountSen: 500 + i, member: BY_ID, cashier: 'Aina' }, 'cashier:Aina', Date.UTC(2026, 10, 9) + i).award.id),
    );
    expect((await runCli(['sync'], old)).code).toBe(0);

    const fresh = counterEnv('replacement-9');
    // The power goes while the second page is written (a page is one transaction: this leaves what a kill leaves).
    onCounterDb('replacement-9', (db) => db.exec(`CREATE TRIGGER power_cut BEFORE INSERT ON awards WHEN NEW.id = '${ids[0]}' BEGIN SELECT RAISE(ABORT, 'power cut'); END`));
    const cut = await runCli(['hub', 'join', '--hub', hub.url, '--code', await enrol()], fresh);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('power cut');
    expect(cut.stderr).toContain('The command to run is `kaunter hub restore`, not `hub join` again (its code is spent): it finishes the restore; award nothing on this PC until it has.');
    onCounterDb('replacement-9', (db) => db.exec('DROP TRIGGER power_cut'));
    // Not linked while part of the history is missing: nothing is sent that the history's ids may still need.
    const early = await runCli(['sync'], fresh);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('run `kaunter hub restore` to finish it, then sync');
    const elsewhere = await runCli(['hub', 'restore'], { ...fresh, KAUNTER_HUB_URL: 'http://127.0.0.1:9' });
    expect(elsewhere.code).not.toBe(0);
    expect(elsewhere.stderr).toContain('The hub at http://127.0.0.1:9 could not be reached');

    const finished = await runCli(['hub', 'restore'], fresh);
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toContain('restored 500 awards of terminal "Till 9" at "Mid Valley"');
    expect(finished.stdout).toContain('10 awards were already on this PC: left as they were.');
    expect(finished.stdout).toContain('500 awards had not been sent as far as the hub knew');
    const queue = json<Array<{ state: string }>>((await runCli(['queue', '--json'], fresh)).stdout);
    expect(queue.filter((award) => award.state === 'UNKNOWN')).toHaveLength(510);
    const sync = await runCli(['sync'], fresh);
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/pushed 510 events of 510 awards; head office: synced/);
  });

  it('a join whose restore fails before it writes: no sale until `kaunter hub restore` has brought the history back', async () => {
    const enrol = async () => json<{ code: string }>((await runCli(['hub', 'enrol', '--database', database, '--outlet', 'Mid Valley', '--terminal', 'Till 10', '--replace', '--json'])).stdout).code;
    const old = counterEnv('till-10');
    expect((await runCli(['hub', 'join', '--hub', hub.url, '--code', await enrol()], old)).code).toBe(0);
    onCounterDb('till-10', (db) => createAward(db, { id: randomUUID(), terminalId: 'T10', amountSen: 700, member: BY_ID, cashier: 'Aina' }, 'cashier:Aina', Date.now()));
    expect((await runCli(['sync'], old)).code).toBe(0);

    const fresh = counterEnv('replacement-10');
    onCounterDb('replacement-10', (db) => db.exec("CREATE TRIGGER disk_full BEFORE INSERT ON awards BEGIN SELECT RAISE(ABORT, 'disk full'); END"));
    const failed = await runCli(['hub', 'join', '--hub', hub.url, '--code', await enrol()], fresh);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('disk full');
    expect(failed.stderr).toContain('The command to run is `kaunter hub restore`, not `hub join` again (its code is spent): it finishes the restore; award nothing on this PC until it has.');
    // A sale now would take the event ids the history needs, and no restore could follow it.
    const early = await runCli(['award', '--amount', '2.00', '--member-id', MEMBER.memberId, '--queue-only'], fresh);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('the terminal\'s history has not come back yet: run `kaunter hub restore`');
    onCounterDb('replacement-10', (db) => db.exec('DROP TRIGGER disk_full'));

    const restored = await runCli(['hub', 'restore'], fresh);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('restored 1 award of terminal "Till 10" at "Mid Valley"');
    expect((await runCli(['award', '--amount', '2.00', '--member-id', MEMBER.memberId, '--queue-only'], fresh)).code).toBe(0);
    const sync = await runCli(['sync'], fresh);
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    // The new sale, and the restored one held for a manager (the old PC may have sent it): one event each.
    expect(sync.stdout).toMatch(/pushed 2 events of 2 awards; head office: synced/);
  });

  it('resolve on a joined counter sends the hub an award it has not got, then shows the chain\'s awards to its member', async () => {
    const joinAs = async (name: string, outlet: string, terminal: string) => {
      const code = json<{ code: string }>((await runCli(['hub', 'enrol', '--database', database, '--outlet', outlet, '--terminal', terminal, '--new-outlet', '--json'])).stdout).code;
      const env = counterEnv(name);
      expect((await runCli(['hub', 'join', '--hub', hub.url, '--code', code], env)).code).toBe(0);
      return env;
    };
    // Another outlet credits the member 4.00 and tells the hub.
    const other = await joinAs('chain-b', 'Bangsar', 'Till B');
    const credited = await runCli(['award', '--amount', '4.00', '--member-id', MEMBER.memberId], other);
    expect(credited.code, credited.stderr).toBe(0);
    const creditedId = /([0-9a-f-]{36})/.exec(credited.stdout)?.[1] as string;
    expect((await runCli(['sync'], other)).code).toBe(0);

    // Here the same amount's outcome is unknown, and the hub has not heard of it (no sync since).
    const here = await joinAs('chain-a', 'Mid Valley', 'Till A');
    const queued = await runCli(['award', '--amount', '4.00', '--member-id', MEMBER.memberId, '--queue-only'], here);
    const id = /([0-9a-f-]{36})/.exec(queued.stdout)?.[1] as string;
    sandbox.setFault({ mode: 'http-5xx', status: 500, path: '/v3/loyalty/spending-reward', count: 1 });
    expect((await runCli(['drain'], here)).stdout).toMatch(/1 unknown/);
    const evidence = await runCli(['resolve', id], here);
    expect(evidence.code, evidence.stderr).toBe(0);
    expect(evidence.stdout).toContain(`other award ${creditedId}: AWARDED`);
    const pool = openPool(database, 1);
    try {
      expect((await pool.query('SELECT state FROM awards WHERE id = $1', [id])).rows).toEqual([{ state: 'UNKNOWN' }]);
    } finally {
      await pool.end();
    }
  });

  it('serves HTTPS as a process given --tls-cert and --tls-key, and says so on its first line', async () => {
    const certificate = loopbackCertificate();
    const tls = await startHubProcess(database, 0, ['--tls-cert', certificate.certFile, '--tls-key', certificate.keyFile]);
    try {
      expect(tls.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const health = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        httpsGet(`${tls.url}/healthz`, { ca: certificate.ca }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).on('error', reject);
      });
      expect(health).toEqual({ status: 200, body: '{"ok":true}' });
    } finally {
      await tls.stop();
    }
    const half = await runCli(['hub', 'serve', '--database', database, '--port', '0', '--tls-cert', certificate.certFile]);
    expect(half.stderr).toMatch(/Give both --tls-cert and --tls-key/);
  });

  it('serve refuses what it cannot listen with, in words, and exits at once rather than after the pool idles', async () => {
    const certificate = loopbackCertificate();
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'not a certificate');
    const taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const takenPort = (taken.address() as AddressInfo).port;
    const withCert = ['--tls-cert', certificate.certFile, '--tls-key', certificate.keyFile];
    const cases = [
      [['--tls-cert', notes, '--tls-key', certificate.keyFile], `--tls-cert ${notes} is not a certificate in PEM: give the certificate chain file (its first line says BEGIN CERTIFICATE).`],
      // The files are checked before the database: both wrong, the file is said.
      [['--tls-cert', notes, '--tls-key', certificate.keyFile, '--database', 'postgres://nobody@127.0.0.1:1/none'], `--tls-cert ${notes} is not a certificate in PEM`],
      [['--tls-cert', certificate.certFile, '--tls-key', join(dir, 'no-such-key.pem')], `--tls-key ${join(dir, 'no-such-key.pem')} cannot be read: there is no such file.`],
      [['--port', String(takenPort)], `Port ${takenPort} on 127.0.0.1 is already in use (another hub, or another program): stop that one, or give --port another.`],
      [['--host', '10.255.255.1', ...withCert], '10.255.255.1 is not an address of this machine: give --host one of its addresses, or 0.0.0.0 for all of them.'],
      [['--host', 'no-such-host.invalid', ...withCert], '--host no-such-host.invalid '],
    ] as const;
    try {
      for (const [args, said] of cases) {
        const started = Date.now();
        const refused = await runCli(['hub', 'serve', '--database', database, '--port', '0', ...args]);
        expect(refused.code, args.join(' ')).toBe(1);
        expect(refused.stderr, args.join(' ')).toContain(`kaunter: ${said}`);
        expect(refused.stderr, args.join(' ')).not.toMatch(/\bE[A-Z_]{3,}\b|routines/);
        expect(refused.stdout).not.toMatch(/^listening/m);
        // The pools' idle connections held the process about 10 s after it had said why it stopped. (A resolver that
        // does not answer takes its own time over the name, so that case is not timed.)
        if (!args.includes('no-such-host.invalid')) expect(Date.now() - started, args.join(' ')).toBeLessThan(8_000);
      }
    } finally {
      taken.close();
    }
  });
});
