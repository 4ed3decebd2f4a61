// Names at the hub as people type them: an outlet, a terminal or a user named again in another case is the one that
// exists, never a second one, and revoke, user password and user remove find it too; an outlet the hub does not know is refused unless `--new-outlet` says it is new; a
// terminal still pushing is not handed to another PC without `--replace`; the code's expiry is printed in shop time;
// and an empty sign-in asks in plain words. Real PostgreSQL, real `kaunter` processes, real HTTP.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';
import { enrolTerminal, joinWithCode, LIVE_DAYS, revokeTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { addUser } from '../../hub/users.ts';
import { logIn, sessionUser } from '../../hub/people.ts';
import { exportHubCsv } from '../../hub/export.ts';
import { ALL_OUTLETS } from '../../hub/history.ts';
import { HubError } from '../../hub/errors.ts';

let rig: HubRig;
const PASSWORD = 'correct horse battery';
const ASKED = { newOutlet: false, replaceLive: false };

beforeAll(async () => {
  rig = await startHubRig();
});
afterAll(async () => {
  await rig?.close();
});

const hub = (...args: string[]) => runCli(['hub', ...args, '--database', rig.databaseUrl]);
const outletNames = async () => (await rig.pool.query<{ name: string }>('SELECT name FROM outlets ORDER BY name')).rows.map((row) => row.name);
const refusal = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: unknown) => (error instanceof HubError ? { code: error.code, message: error.message } : { code: 'OTHER', message: String(error) }),
  );
/** A terminal joined (it has a credential) that last pushed `daysAgo` days ago, and was last heard from then too. */
async function joinedPushing(outlet: string, terminal: string, daysAgo: number): Promise<string> {
  const joined = await joinWithCode(rig.pool, (await enrolTerminal(rig.pool, outlet, terminal, 'test', ENROL_AS_NAMED)).code);
  await rig.pool.query(`UPDATE terminals SET last_push_at = now() - make_interval(days => $2), last_seen_at = NULL WHERE id = $1`, [joined.terminalId, daysAgo]);
  return joined.terminalId;
}

describe('outlet, terminal and user names ignore case', () => {
  it('an outlet typed in another case is the one that exists; an unknown one is refused, naming close matches', async () => {
    const first = await enrolTerminal(rig.pool, 'Mid Valley', 'Till 1', 'test', { newOutlet: true, replaceLive: false });
    const again = await enrolTerminal(rig.pool, '  mid valley ', 'Till 2', 'test', ASKED);
    expect(again.outlet).toBe('Mid Valley');
    // Even when told the outlet is new: "MID VALLEY" is the same shop.
    expect((await enrolTerminal(rig.pool, 'MID VALLEY', 'Till 3', 'test', { newOutlet: true, replaceLive: false })).outlet).toBe('Mid Valley');
    // A terminal typed in another case is the one that exists too: a new code for it, not a second terminal.
    const sameTill = await enrolTerminal(rig.pool, 'Mid Valley', 'till 1', 'test', ASKED);
    expect(sameTill).toMatchObject({ terminal: 'Till 1', terminalId: first.terminalId });
    const typo = await refusal(enrolTerminal(rig.pool, 'Mid Vally', 'Till 1', 'test', ASKED));
    expect(typo).toEqual({ code: 'NOT_FOUND', message: 'There is no outlet "Mid Vally". Did you mean "Mid Valley"? To open a new outlet, enrol its first terminal with --new-outlet.' });
    expect(await outletNames()).toEqual(['Mid Valley']);
  });

  it('two enrolments at once of one new outlet in two cases make one outlet', async () => {
    const names = ['Sunway Pyramid', 'sunway pyramid', 'SUNWAY PYRAMID', 'Sunway pyramid'];
    const made = await Promise.all(names.map((name, i) => enrolTerminal(rig.pool, name, `Till ${i + 1}`, 'test', { newOutlet: true, replaceLive: false })));
    expect(new Set(made.map((enrolment) => enrolment.outlet)).size).toBe(1);
    expect((await outletNames()).filter((name) => name.toLowerCase() === 'sunway pyramid')).toHaveLength(1);
  });

  it('a user name in another case is refused, naming the user that exists; an outlet manager\'s outlet in any case', async () => {
    await addUser(rig.pool, { name: 'Lim Ah Kow', role: 'head-office', password: PASSWORD }, 'test');
    expect(await refusal(addUser(rig.pool, { name: ' lim ah kow', role: 'head-office', password: PASSWORD }, 'test'))).toEqual({
      code: 'CONFLICT',
      message: 'There is already a user "Lim Ah Kow": names are the same whatever their case, so "lim ah kow" would be a second one. Use "Lim Ah Kow", or choose another name.',
    });
    expect(await refusal(addUser(rig.pool, { name: 'Lim Ah Kow', role: 'head-office', password: PASSWORD }, 'test'))).toMatchObject({ message: 'There is already a user "Lim Ah Kow".' });
    expect(await addUser(rig.pool, { name: 'Siti', role: 'outlet-manager', outlet: 'mid valley', password: PASSWORD }, 'test')).toMatchObject({ outlet: 'Mid Valley' });
    const users = await rig.pool.query<{ name: string }>(`SELECT name FROM users WHERE lower(name) = 'lim ah kow'`);
    expect(users.rows).toEqual([{ name: 'Lim Ah Kow' }]);
  });
});

describe('names typed in another case after enrol', () => {
  it('revoke finds the outlet and terminal whatever their case, and names them as the hub spells them', async () => {
    const till1 = await joinedPushing('Pavilion', 'Till 1', 0);
    const till2 = await joinedPushing('Pavilion', 'Till 2', 0);
    const revoked = await hub('revoke', '--outlet', ' pavilion ', '--terminal', 'TILL 2');
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toBe(`revoked terminal "Till 2" at "Pavilion" (${till2})\n`);
    const states = await rig.pool.query<{ id: string; revoked: boolean }>('SELECT id, revoked_at IS NOT NULL AS revoked FROM terminals WHERE id = ANY($1::uuid[]) ORDER BY name', [[till1, till2]]);
    expect(states.rows).toEqual([{ id: till1, revoked: false }, { id: till2, revoked: true }]);
    const audit = await rig.pool.query("SELECT detail FROM audit WHERE action = 'terminal.revoke' AND subject = $1", [till2]);
    expect(audit.rows).toEqual([{ detail: { outlet: 'Pavilion', terminal: 'Till 2' } }]);
    const nobody = await hub('revoke', '--outlet', 'PAVILION', '--terminal', 'Till 9');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('There is no terminal "Till 9" at outlet "Pavilion".');

    // A hub from before names ignored case may hold two terminals differing only in case: the one spelled as typed is it.
    await rig.pool.query(`INSERT INTO terminals (outlet_id, name) SELECT outlet_id, 'till 1' FROM terminals WHERE id = $1`, [till1]);
    expect(await revokeTerminal(rig.pool, 'Pavilion', 'till 1', 'test')).toMatchObject({ outlet: 'Pavilion', terminal: 'till 1' });
    expect((await rig.pool.query('SELECT revoked_at FROM terminals WHERE id = $1', [till1])).rows).toEqual([{ revoked_at: null }]);
  });

  it('user password and user remove find the user whatever the case, and name them as the hub spells them', async () => {
    await addUser(rig.pool, { name: 'Nurul Huda', role: 'head-office', password: PASSWORD }, 'test');
    const session = await logIn(rig.pool, 'Nurul Huda', PASSWORD, '192.0.2.7');
    // Locked at this address by wrong passwords typed in capitals: the reset lifts that lockout too.
    await rig.pool.query("INSERT INTO login_failures (address, name) SELECT '192.0.2.7', 'NURUL HUDA' FROM generate_series(1, 5)");
    const changed = await runCli(['hub', 'user', 'password', '--database', rig.databaseUrl, '--name', 'nurul huda'], {}, 'a brand new password\n');
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toBe('new password for "Nurul Huda"; their sessions have ended\n');
    await expect(sessionUser(rig.pool, session.token)).rejects.toThrow(/sign in again/);
    expect((await logIn(rig.pool, 'Nurul Huda', 'a brand new password', '192.0.2.7')).user.name).toBe('Nurul Huda');

    const removed = await runCli(['hub', 'user', 'remove', '--database', rig.databaseUrl, '--name', ' NURUL HUDA ']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toBe('removed "Nurul Huda"\n');
    expect((await rig.pool.query("SELECT name FROM users WHERE lower(name) = 'nurul huda'")).rows).toEqual([]);
    const audit = await rig.pool.query("SELECT action, detail FROM audit WHERE action IN ('user.password', 'user.remove') ORDER BY id");
    expect(audit.rows).toEqual([
      { action: 'user.password', detail: { name: 'Nurul Huda' } },
      { action: 'user.remove', detail: { name: 'Nurul Huda' } },
    ]);
  });
});

describe('a live terminal', () => {
  it(`one heard from within ${LIVE_DAYS} days is not given a new code without replaceLive; a quiet or revoked one is`, async () => {
    const live = await joinedPushing('Bangsar', 'Till 1', 2);
    const refused = await refusal(enrolTerminal(rig.pool, 'Bangsar', 'Till 1', 'test', ASKED));
    expect(refused?.code).toBe('CONFLICT');
    expect(refused?.message).toMatch(/^This terminal \("Till 1" at "Bangsar"\) is live \(last heard from \d\d\/\d\d\/\d{4} \d\d:\d\d MYT\): joining with a new code replaces that PC.*--replace\.$/);
    // The refused enrolment left the live PC's terminal as it was: no code waiting for it.
    expect((await rig.pool.query('SELECT enrol_code_hash FROM terminals WHERE id = $1', [live])).rows).toEqual([{ enrol_code_hash: null }]);
    const replaced = await enrolTerminal(rig.pool, 'Bangsar', 'Till 1', 'test', { newOutlet: false, replaceLive: true });
    expect(replaced.terminalId).toBe(live);
    expect(Date.now() - Date.parse(replaced.replacesLiveSeenAt ?? '')).toBeGreaterThan(2 * 86_400_000 - 60_000);

    await joinedPushing('Bangsar', 'Till 2', LIVE_DAYS + 1);
    expect((await enrolTerminal(rig.pool, 'Bangsar', 'Till 2', 'test', ASKED)).replacesLiveSeenAt).toBeNull();
    // A till that sold nothing for those days but stayed on checked in yesterday: it is live all the same.
    const idle = await joinedPushing('Bangsar', 'Till 4', LIVE_DAYS + 1);
    await rig.pool.query("UPDATE terminals SET last_seen_at = now() - interval '1 day' WHERE id = $1", [idle]);
    expect((await refusal(enrolTerminal(rig.pool, 'Bangsar', 'Till 4', 'test', ASKED)))?.code).toBe('CONFLICT');
    const idleReplaced = await enrolTerminal(rig.pool, 'Bangsar', 'Till 4', 'test', { newOutlet: false, replaceLive: true });
    expect(Date.now() - Date.parse(idleReplaced.replacesLiveSeenAt ?? '')).toBeLessThan(86_400_000 + 60_000);
    const revoked = await joinedPushing('Bangsar', 'Till 3', 0);
    await rig.pool.query('UPDATE terminals SET revoked_at = now() WHERE id = $1', [revoked]);
    expect((await enrolTerminal(rig.pool, 'Bangsar', 'Till 3', 'test', ASKED)).replacesLiveSeenAt).toBeNull();
  });
});

describe('kaunter hub enrol and user add, as printed', () => {
  it('refuses an unknown outlet without --new-outlet, prints the expiry in shop time, and warns of a live terminal', async () => {
    const unknown = await hub('enrol', '--outlet', 'Klang Parade', '--terminal', 'Till 1');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no outlet "Klang Parade". To open a new outlet, enrol its first terminal with --new-outlet.');

    const made = await hub('enrol', '--outlet', 'Klang Parade', '--terminal', 'Till 1', '--new-outlet');
    expect(made.code, made.stderr).toBe(0);
    const expires = (await rig.pool.query<{ at: Date }>(`SELECT t.enrol_expires_at AS at FROM terminals t JOIN outlets o ON o.id = t.outlet_id WHERE o.name = 'Klang Parade'`)).rows[0]!.at;
    const shop = new Date(expires.getTime() + 8 * 3_600_000).toISOString();
    const until = `${shop.slice(8, 10)}/${shop.slice(5, 7)}/${shop.slice(0, 4)} ${shop.slice(11, 16)} MYT`;
    expect(made.stdout).toMatch(new RegExp(`^enrolment code for "Till 1" at "Klang Parade": [0-9A-Z-]{19} \\(valid once, until ${until}\\)\\n$`));
    expect(Math.round((expires.getTime() - Date.now()) / 3_600_000)).toBe(7 * 24);

    await joinedPushing('Klang Parade', 'Till 1', 0);
    const live = await hub('enrol', '--outlet', 'klang parade', '--terminal', 'Till 1');
    expect(live.code).toBe(1);
    expect(live.stderr).toMatch(/is live \(last heard from .* MYT\): joining with a new code replaces that PC.*--replace/);
    const replaced = await hub('enrol', '--outlet', 'klang parade', '--terminal', 'Till 1', '--replace');
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toMatch(/^this terminal is live \(last heard from \d\d\/\d\d\/\d{4} \d\d:\d\d MYT\); joining with this code replaces that PC/);
    expect(replaced.stdout).toMatch(/^enrolment code for "Till 1" at "Klang Parade": /);
    // --json says when the hub last heard from the PC it replaces, also under the field's name before.
    const asJson = await hub('enrol', '--outlet', 'Klang Parade', '--terminal', 'Till 1', '--replace', '--json');
    expect(asJson.code, asJson.stderr).toBe(0);
    const { replacesLiveSeenAt, replacesLivePushAt } = JSON.parse(asJson.stdout) as { replacesLiveSeenAt: string; replacesLivePushAt: string };
    expect(Date.now() - Date.parse(replacesLiveSeenAt)).toBeLessThan(120_000);
    expect(replacesLivePushAt).toBe(replacesLiveSeenAt);
  });

  it('user add refuses a name differing only in case, in words naming the existing user', async () => {
    const added = await runCli(['hub', 'user', 'add', '--database', rig.databaseUrl, '--name', 'Tan Mei Ling', '--role', 'head-office'], {}, `${PASSWORD}\n`);
    expect(added.code, added.stderr).toBe(0);
    const twin = await runCli(['hub', 'user', 'add', '--database', rig.databaseUrl, '--name', 'tan mei ling', '--role', 'head-office'], {}, `${PASSWORD}\n`);
    expect(twin.code).toBe(1);
    expect(twin.stderr).toContain('There is already a user "Tan Mei Ling"');
  });
});

describe('the hub CSV and the sign-in', () => {
  it('names the two terminal columns apart', async () => {
    let csv = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        csv += chunk.toString('utf8');
        done();
      },
    });
    await exportHubCsv(rig.pool, {}, ALL_OUTLETS, out);
    const header = csv.replace(/^\uFEFF/, '').split('\r\n')[0]?.split(',') ?? [];
    expect(header.slice(0, 5)).toEqual(['Outlet', 'Terminal', 'Award ID', 'Created (local time)', 'Terminal ID']);
    expect(new Set(header).size).toBe(header.length);
  });

  it('an empty name or password is asked for in plain words', async () => {
    for (const body of [{ name: '', password: '' }, { name: '  ', password: PASSWORD }, { name: 'Lim Ah Kow', password: '' }]) {
      const response = await fetch(`${rig.hub.url}/api/hub/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe('Type your name and password.');
    }
  });
});
