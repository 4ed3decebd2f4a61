// People at the hub: sign-in with scrypt hashes, lockout and per-address limits against brute force, HttpOnly
// SameSite session cookies, CSRF, an outlet manager's restricted view, the audit trail, decisions that travel to the
// owning counter and come back as its events, and TLS.
import { randomBytes, scryptSync } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PinHash } from '../../app/settings.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { linkToHub } from '../../app/store/hub-sync.ts';
import { linkOf } from '../../app/sync/outgoing.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { serveHub } from '../../hub/server/server.ts';
import { readTlsFiles } from '../../hub/server/tls-files.ts';
import { parseTrustedProxies } from '../../hub/server/client-address.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { ADDRESS_FAILURES, NAME_FAILURES } from '../../hub/people.ts';
import { addUser } from '../../hub/users.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { startHubProcess } from '../fixtures/hub-process.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';
import { loopbackCertificate } from '../fixtures/tls.ts';

let rig: HubRig;
const PASSWORD = 'correct horse battery';
const counters: Record<string, { db: ReturnType<typeof counterDb>['db']; pusher: HubPusher; unknownId: string }> = {};

beforeAll(async () => {
  rig = await startHubRig();
  for (const [index, outlet] of ['Shah Alam', 'Klang'].entries()) {
    const enrolment = await enrolTerminal(rig.pool, outlet, 'Till 1', 'test', ENROL_AS_NAMED);
    const joined = await new HubClient(rig.hub.url, null).join(enrolment.code);
    if (joined.kind !== 'ok') throw new Error(joined.message);
    const { db } = counterDb();
    linkToHub(db, linkOf(rig.hub.url, joined.value, 0));
    award(db, 'till', 'AWARDED', Date.UTC(2026, 10, 10, 2));
    // Shah Alam's a minute before Klang's: the review lists the oldest first.
    const unknownId = award(db, 'till', 'UNKNOWN', Date.UTC(2026, 10, 10, 3, index), 4200);
    const pusher = new HubPusher({ db, client: new HubClient(rig.hub.url, joined.value.credential) });
    await pusher.pushPending();
    counters[outlet] = { db, pusher, unknownId };
  }
  await addUser(rig.pool, { name: 'Boss', role: 'head-office', password: PASSWORD }, 'test');
  await addUser(rig.pool, { name: 'Siti', role: 'outlet-manager', outlet: 'Klang', password: PASSWORD }, 'test');
  await addUser(rig.pool, { name: 'Target', role: 'head-office', password: PASSWORD }, 'test');
}, 120_000);
afterAll(async () => rig?.close());

interface Session {
  cookie: string;
  csrf: string;
}

async function call(path: string, init: RequestInit & { session?: Session } = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers = new Headers(init.headers);
  if (init.session) headers.set('cookie', init.session.cookie);
  if (init.body) headers.set('content-type', 'application/json');
  const response = await fetch(`${rig.hub.url}${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, body: (text.startsWith('{') ? JSON.parse(text) : { text }) as Record<string, unknown>, headers: response.headers };
}

async function logIn(name: string, password = PASSWORD): Promise<Session> {
  const response = await call('/api/hub/v1/login', { method: 'POST', body: JSON.stringify({ name, password }) });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', csrf: response.body.csrfToken as string };
}

/**
 * A request as a browser at `host` (the name in its address bar) sends it, answering its status and each Set-Cookie line
 * in order. By node:http, as fetch may not set Host.
 */
function asHost(host: string, path: string, init: { method?: string; cookie?: string; body?: string } = {}): Promise<{ status: number; setCookies: string[] }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host, ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) };
    const req = httpRequest(`${rig.hub.url}${path}`, { method: init.method ?? 'GET', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookies: res.headers['set-cookie'] ?? [] }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The Set-Cookie lines deleting the plain-HTTP session cookie at each of `paths`, on `domain` or host-only. */
function deletions(paths: string[], domain?: string): string[] {
  return paths.map((path) => `kaunter_hub_session=; Path=${path}${domain ? `; Domain=${domain}` : ''}; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT`);
}

/** Every cookie path a browser sends to /api/hub/v1/<last>: "/", each leading part with and without its "/", itself. */
function pathsTo(last: string): string[] {
  return ['/', '/api', '/api/', '/api/hub', '/api/hub/', '/api/hub/v1', '/api/hub/v1/', `/api/hub/v1/${last}`];
}

/**
 * Sign-ins through a hub behind a trusted proxy on loopback, each from the address the test names (X-Forwarded-For),
 * answering their HTTP status; the failures are cleared before and after.
 */
async function fromAddresses(work: (signIn: (address: string, name: string, password: string) => Promise<number>) => Promise<void>): Promise<void> {
  await rig.pool.query('DELETE FROM login_failures');
  const proxied = await serveHub({ pool: rig.pool, host: '127.0.0.1', port: 0, trustProxy: parseTrustedProxies('loopback'), log: () => {} });
  try {
    await work(async (address, name, password) =>
      (await fetch(`${proxied.url}/api/hub/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ name, password }) })).status,
    );
  } finally {
    await proxied.close();
    await rig.pool.query('DELETE FROM login_failures');
  }
}

describe('hub people', () => {
  it('signs in with an HttpOnly SameSite cookie (not Secure on loopback HTTP) and signs out', async () => {
    const response = await call('/api/hub/v1/login', { method: 'POST', body: JSON.stringify({ name: 'Boss', password: PASSWORD }) });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^kaunter_hub_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(response.body).toMatchObject({ name: 'Boss', role: 'head-office', outlet: null });
    const session = { cookie: setCookie.split(';')[0] ?? '', csrf: response.body.csrfToken as string };
    expect((await call('/api/hub/v1/me', { session })).status).toBe(200);
    expect((await call('/api/hub/v1/logout', { method: 'POST', session, headers: { 'x-kaunter-csrf': session.csrf } })).status).toBe(200);
    expect((await call('/api/hub/v1/me', { session })).body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await call('/api/hub/v1/history')).status).toBe(401);
  });

  it("keeps passwords with scrypt at p = 3; a hash an older hub made with less work is made again at the user's next sign-in", async () => {
    const hashOf = async (name: string) => JSON.parse((await rig.pool.query<{ h: string }>('SELECT password_hash AS h FROM users WHERE name = $1', [name])).rows[0]?.h ?? '{}') as PinHash;
    expect(await hashOf('Boss')).toMatchObject({ algorithm: 'scrypt', peppered: false, n: 2 ** 15, r: 8, p: 3 });
    // As a hub before this version stored it: the same scrypt with p = 1.
    await addUser(rig.pool, { name: 'Old Hash', role: 'head-office', password: PASSWORD }, 'test');
    const salt = randomBytes(16);
    const older = { algorithm: 'scrypt', peppered: false, salt: salt.toString('base64'), n: 2 ** 15, r: 8, p: 1, hash: scryptSync(PASSWORD, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 2 ** 26 }).toString('base64') };
    await rig.pool.query('UPDATE users SET password_hash = $1 WHERE name = $2', [JSON.stringify(older), 'Old Hash']);

    await logIn('Old Hash');
    const remade = await hashOf('Old Hash');
    expect(remade).toMatchObject({ n: 2 ** 15, r: 8, p: 3 });
    expect(remade.salt).not.toBe(older.salt);
    await logIn('Old Hash');
    expect(await hashOf('Old Hash')).toEqual(remade);
    expect((await call('/api/hub/v1/login', { method: 'POST', body: JSON.stringify({ name: 'Old Hash', password: 'not it' }) })).status).toBe(401);
    await rig.pool.query('DELETE FROM login_failures');
  });

  it('a request with two session cookies is not signed in: one planted by a sibling site cannot stand in for the real one', async () => {
    const boss = await logIn('Boss');
    const planted = await logIn('Siti');
    // The planted one first, as a browser sends a cookie of the longer path (Path=/api/hub/v1) first.
    const both = { cookie: `${planted.cookie}; ${boss.cookie}`, csrf: boss.csrf };
    // Refused under a code of its own, so the page can say why rather than show the sign-in form again without a word.
    const refused = await call('/api/hub/v1/me', { session: both });
    expect(refused).toMatchObject({ status: 401, body: { error: { code: 'TWO_SESSION_COOKIES' } } });
    // Which to keep cannot be told, so every one this request could carry is deleted, the hub's own (host only, Path=/)
    // too: a sign-in form must not stand over a cookie that still signs this browser in.
    expect(refused.headers.getSetCookie()).toEqual(deletions(pathsTo('me')));
    expect((await call('/api/hub/v1/history', { session: both })).status).toBe(401);
    // Signing out with both ends neither: the page is told it is signed out, and neither session is ended by mistake.
    expect((await call('/api/hub/v1/logout', { method: 'POST', session: both, headers: { 'x-kaunter-csrf': boss.csrf } })).status).toBe(401);
    expect((await call('/api/hub/v1/me', { session: boss })).body).toMatchObject({ name: 'Boss' });
    expect((await call('/api/hub/v1/me', { session: planted })).body).toMatchObject({ name: 'Siti' });
    // Another cookie beside the session's is no second session cookie.
    expect((await call('/api/hub/v1/me', { session: { ...boss, cookie: `kaunter_hub_session_old=x; ${boss.cookie}; theme=dark` } })).body).toMatchObject({ name: 'Boss' });
  });

  it('a sign-in beside a stray session cookie deletes it wherever it could be, then sets its own; one without, only its own', async () => {
    const body = JSON.stringify({ name: 'Boss', password: PASSWORD });
    const clean = await asHost('hub.shop.example', '/api/hub/v1/login', { method: 'POST', body });
    expect(clean.status).toBe(200);
    expect(clean.setCookies).toEqual([expect.stringMatching(/^kaunter_hub_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/)]);

    // A stray one, as a sibling subdomain sets it (Domain=shop.example) or this host's name at a longer path: the
    // Cookie header says neither, so each path reaching the sign-in on each domain reaching the host is deleted. Not the
    // hub's own slot (host only, Path=/): the new cookie goes there, last, so the browser ends with it alone.
    const stray = await asHost('hub.shop.example:8443', '/api/hub/v1/login', { method: 'POST', body, cookie: 'kaunter_hub_session=planted' });
    expect(stray.status).toBe(200);
    const paths = pathsTo('login');
    expect(stray.setCookies.slice(0, -1)).toEqual([...deletions(paths.slice(1)), ...deletions(paths, 'hub.shop.example'), ...deletions(paths, 'shop.example')]);
    const own = stray.setCookies.at(-1)!;
    expect(own).toMatch(/^kaunter_hub_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect((await asHost('hub.shop.example', '/api/hub/v1/me', { cookie: own.split(';')[0] })).status).toBe(200);

    // A stray the sign-in did not carry (Path=/api/hub/v1/history): refused where it rides along, and deleted there too;
    // and an address, where no Domain= can have been set, gets none.
    const refused = await asHost('hub.shop.example', '/api/hub/v1/history', { cookie: `kaunter_hub_session=planted; ${own.split(';')[0]}` });
    expect(refused.status).toBe(401);
    expect(refused.setCookies).toEqual([...deletions(pathsTo('history')), ...deletions(pathsTo('history'), 'hub.shop.example'), ...deletions(pathsTo('history'), 'shop.example')]);
    const byAddress = await asHost('127.0.0.1:8080', '/api/hub/v1/login', { method: 'POST', body, cookie: 'kaunter_hub_session=planted' });
    expect(byAddress.setCookies.slice(0, -1)).toEqual(deletions(paths.slice(1)));
  });

  it('brute force is slowed and locked, also with parallel guesses; the right password waits out the lockout', async () => {
    const guesses = await Promise.all(Array.from({ length: 8 }, (_, i) => call('/api/hub/v1/login', { method: 'POST', body: JSON.stringify({ name: 'Target', password: `guess number ${i}` }) })));
    const statuses = guesses.map((g) => g.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const locked = await call('/api/hub/v1/login', { method: 'POST', body: JSON.stringify({ name: 'Target', password: PASSWORD }) });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(20);
    expect(locked.body).toMatchObject({ error: { message: expect.stringMatching(/try again in \d+ seconds/) as unknown } });
    // Two quiet hours later the wrong passwords have faded, as the counter's wrong PINs do.
    await rig.pool.query("UPDATE login_failures SET at = at - interval '2 hours' WHERE name = 'Target'");
    await logIn('Target');
    const audit = await rig.pool.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM audit WHERE action = 'user.login-failed' AND actor = 'user:Target'");
    expect(audit.rows[0]?.n).toBe(3);
  });

  it('a burst of sign-ins from one address cannot pass its limit: a few are checked at a time, each seeing the failures before it', async () => {
    await rig.pool.query('DELETE FROM login_failures');
    const burst = await Promise.all(
      Array.from({ length: 100 }, (_, i) => call('/api/hub/v1/login', { method: 'POST', body: JSON.stringify({ name: `burst ${i}`, password: 'wrong' }) })),
    );
    expect(new Set(burst.map((answer) => answer.status))).toEqual(new Set([401, 429]));
    const failures = await rig.pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM login_failures');
    // The limit, and at most the two checks already running when it was reached.
    expect(failures.rows[0]?.n).toBeGreaterThan(0);
    expect(failures.rows[0]?.n).toBeLessThanOrEqual(ADDRESS_FAILURES + 2);
    await rig.pool.query('DELETE FROM login_failures');
  });

  it('a burst from one address does not keep anyone else out: a manager elsewhere signs in meanwhile', async () => {
    await rig.pool.query('DELETE FROM login_failures');
    const proxied = await serveHub({ pool: rig.pool, host: '127.0.0.1', port: 0, trustProxy: parseTrustedProxies('loopback'), log: () => {} });
    try {
      const from = (address: string, name: string, password: string) =>
        fetch(`${proxied.url}/api/hub/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ name, password }) });
      const burst = Array.from({ length: 100 }, (_, i) => from('198.51.100.7', `burst ${i}`, 'wrong'));
      const manager = await from('198.51.100.8', 'Boss', PASSWORD);
      expect(manager.status).toBe(200);
      const statuses = await Promise.all(burst.map(async (answer) => (await answer).status));
      expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(ADDRESS_FAILURES + 2);
    } finally {
      await proxied.close();
      await rig.pool.query('DELETE FROM login_failures');
    }
  });

  it('an unknown name is refused like a wrong password, and locked like one, so the lockout does not tell which names exist', async () => {
    const response = await call('/api/hub/v1/login', { method: 'POST', body: JSON.stringify({ name: 'Nobody', password: PASSWORD }) });
    expect(response).toMatchObject({ status: 401, body: { error: { message: 'That name and password do not match.' } } });
    const answers = async (name: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await call('/api/hub/v1/login', { method: 'POST', body: JSON.stringify({ name, password: `guess ${i}` }) })).status);
      const last = await call('/api/hub/v1/login', { method: 'POST', body: JSON.stringify({ name, password: 'one more' }) });
      return { statuses, message: (last.body.error as { message: string }).message.replace(/\d+ seconds/, 'N seconds'), retryAfter: Number(last.headers.get('retry-after')) };
    };
    const real = await answers('Siti');
    const made = await answers('Nobody Else');
    expect(real.statuses).toEqual([401, 401, 401, 429]);
    expect(made).toMatchObject({ statuses: real.statuses, message: real.message });
    expect(made.retryAfter).toBeGreaterThan(20);
    await rig.pool.query('DELETE FROM login_failures');
  });

  it('many addresses guessing one name: past the limit only addresses the user signed in from may try, for a real name or not', async () => {
    await fromAddresses(async (from) => {
      expect(await from('198.51.100.30', 'Boss', PASSWORD)).toBe(200);
      for (const name of ['Boss', 'Nobody At All']) {
        const guesses: number[] = [];
        for (let i = 0; i < NAME_FAILURES; i += 1) guesses.push(await from(`203.0.113.${100 + i}`, name, `guess ${i}`));
        expect(new Set(guesses), name).toEqual(new Set([401]));
        expect(await from('203.0.113.200', name, PASSWORD), name).toBe(429);
      }
      expect(await from('198.51.100.30', 'Boss', PASSWORD)).toBe(200);
    });
  });

  it('a name signs in whatever its case, as the user the hub has; its wrong passwords in any case count towards one lockout', async () => {
    await fromAddresses(async (from) => {
      const signedIn = await call('/api/hub/v1/login', { method: 'POST', body: JSON.stringify({ name: ' bOSS ', password: PASSWORD }) });
      expect(signedIn).toMatchObject({ status: 200, body: { name: 'Boss', role: 'head-office' } });
      // At one address: three wrong passwords in three cases lock the name, in a fourth case and with the right password.
      const wrong: number[] = [];
      for (const [i, name] of ['Boss', 'boss', 'BOSS'].entries()) wrong.push(await from('203.0.113.50', name, `guess ${i}`));
      expect(wrong).toEqual([401, 401, 401]);
      expect(await from('203.0.113.50', 'bOSS', PASSWORD)).toBe(429);
      const audit = await rig.pool.query<{ actor: string }>("SELECT DISTINCT actor FROM audit WHERE action IN ('user.login', 'user.login-failed') AND subject = (SELECT id::text FROM users WHERE name = 'Boss')");
      expect(audit.rows).toEqual([{ actor: 'user:Boss' }]);
    });
    await fromAddresses(async (from) => {
      // From many addresses: the name-wide limit counts every case as one name, for a name nobody has too (or the
      // limit would tell which names exist).
      expect(await from('198.51.100.30', 'Boss', PASSWORD)).toBe(200);
      for (const name of ['Boss', 'Nobody At All']) {
        const spellings = [name, name.toLowerCase(), name.toUpperCase()];
        const guesses: number[] = [];
        for (let i = 0; i < NAME_FAILURES; i += 1) guesses.push(await from(`203.0.113.${100 + i}`, spellings[i % spellings.length] as string, `guess ${i}`));
        expect(new Set(guesses), name).toEqual(new Set([401]));
        expect(await from('203.0.113.200', name.toLowerCase(), PASSWORD), name).toBe(429);
      }
      expect(await from('198.51.100.30', 'BOSS', PASSWORD)).toBe(200);
    });
  });

  it('the addresses of one IPv6 /64 are one address to the limits: a machine cannot take a new one for every guess', async () => {
    await fromAddresses(async (from) => {
      const guesses: number[] = [];
      for (let i = 1; i <= 4; i += 1) guesses.push(await from(`2001:db8:7:7::${i.toString(16)}`, 'Siti', `guess ${i}`));
      expect(guesses).toEqual([401, 401, 401, 429]);
      // Another /64 is another place.
      expect(await from('2001:db8:7:8::1', 'Siti', PASSWORD)).toBe(200);
      // The audit keeps each address as it was.
      const audited = await rig.pool.query<{ address: string }>("SELECT detail->>'address' AS address FROM audit WHERE action = 'user.login-failed' AND actor = 'user:Siti' ORDER BY id DESC LIMIT 3");
      expect(audited.rows.map((row) => row.address)).toEqual(['2001:db8:7:7::3', '2001:db8:7:7::2', '2001:db8:7:7::1']);
    });
  });

  it("a stranger's wrong passwords lock the name only where they come from: the user signs in from elsewhere", async () => {
    await fromAddresses(async (from) => {
      const stranger: number[] = [];
      for (let i = 0; i < 5; i += 1) stranger.push(await from('203.0.113.9', 'Boss', `guess ${i}`));
      expect(stranger).toEqual([401, 401, 401, 429, 429]);
      expect(await from('203.0.113.9', 'Boss', PASSWORD)).toBe(429);
      expect(await from('198.51.100.20', 'Boss', PASSWORD)).toBe(200);
    });
  });

  it('changes need the CSRF header and this hub as Origin', async () => {
    const boss = await logIn('Boss');
    const id = counters['Shah Alam']!.unknownId;
    const body = JSON.stringify({ decision: 'void', reason: 'customer left' });
    expect((await call(`/api/hub/v1/decisions/${id}`, { method: 'POST', body, session: boss })).status).toBe(403);
    expect((await call(`/api/hub/v1/decisions/${id}`, { method: 'POST', body, session: boss, headers: { 'x-kaunter-csrf': 'x'.repeat(43) } })).status).toBe(403);
    const crossSite = await call(`/api/hub/v1/decisions/${id}`, { method: 'POST', body, session: boss, headers: { 'x-kaunter-csrf': boss.csrf, origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    const open = await rig.pool.query('SELECT 1 FROM decisions WHERE award_id = $1', [id]);
    expect(open.rowCount).toBe(0);
  });

  it('an outlet manager sees only their outlet (history, totals, detail, review, decisions)', async () => {
    const siti = await logIn('Siti');
    const history = await call('/api/hub/v1/history', { session: siti });
    const items = history.body.items as Array<{ outlet: string }>;
    expect(items.length).toBe(2);
    expect(new Set(items.map((i) => i.outlet))).toEqual(new Set(['Klang']));
    const asked = await call(`/api/hub/v1/history?filter=${encodeURIComponent(JSON.stringify({ outlet: 'Shah Alam' }))}`, { session: siti });
    expect(asked.body.items).toEqual([]);
    const totals = await call('/api/hub/v1/totals?by=outlet', { session: siti });
    expect((totals.body.items as Array<{ key: string }>).map((r) => r.key)).toEqual(['Klang']);
    const other = counters['Shah Alam']!.unknownId;
    expect((await call(`/api/hub/v1/decisions/${other}`, { method: 'POST', body: JSON.stringify({ decision: 'void', reason: 'x' }), session: siti, headers: { 'x-kaunter-csrf': siti.csrf } })).status).toBe(404);
    expect((await call('/api/hub/v1/review', { session: siti })).body.items).toMatchObject([{ outlet: 'Klang', state: 'UNKNOWN' }]);
    const boss = await logIn('Boss');
    // The oldest first, as at the counter: the most overdue are never the ones left out of a full list.
    expect((await call('/api/hub/v1/review', { session: boss })).body.items).toMatchObject([{ outlet: 'Shah Alam' }, { outlet: 'Klang' }]);

    // Another outlet's attempts come only with its award's detail: head office reads them at the same address, so her
    // 404 there is the outlet scope at work, not a missing route.
    expect((await call(`/api/hub/v1/awards/${other}`, { session: boss })).body).toMatchObject({ attempts: [{ number: 1 }] });
    const refused = await call(`/api/hub/v1/awards/${other}`, { session: siti });
    expect(refused.status).toBe(404);
    expect(refused.body).not.toHaveProperty('attempts');
    // Places and export: Klang only.
    expect((await call('/api/hub/v1/places', { session: siti })).body.items).toMatchObject([{ outlet: 'Klang', terminal: 'Till 1' }]);
    const exported = await fetch(`${rig.hub.url}/api/hub/v1/export`, { headers: { cookie: siti.cookie } });
    const rows = parse<Record<string, string>>(await exported.text(), { columns: true, bom: true });
    expect(exported.headers.get('x-total-count')).toBe('2');
    expect(rows.map((row) => row.Outlet)).toEqual(['Klang', 'Klang']);
  });

  it('an outlet manager sees another outlet\'s award to the same member as evidence only: state, points and time', async () => {
    const own = counters.Klang!.unknownId;
    const elsewhere = counters['Shah Alam']!.unknownId;
    const asSiti = (await call(`/api/hub/v1/awards/${own}`, { session: await logIn('Siti') })).body;
    expect(asSiti.neighbours).toEqual([{ id: null, outlet: null, terminal: null, state: 'UNKNOWN', pointsPreview: 42, pointsConfirmed: false, createdAt: Date.UTC(2026, 10, 10, 3) }]);
    expect((asSiti.evidence as { neighbours: unknown[] }).neighbours).toEqual([
      { id: null, state: 'UNKNOWN', pointsPreview: 42, createdAt: Date.UTC(2026, 10, 10, 3), place: { outlet: null, terminal: null } },
    ]);
    expect(JSON.stringify(asSiti)).not.toContain(elsewhere);
    expect(JSON.stringify(asSiti)).not.toContain('Shah Alam');
    const asBoss = (await call(`/api/hub/v1/awards/${own}`, { session: await logIn('Boss') })).body;
    expect(asBoss.neighbours).toMatchObject([{ id: elsewhere, outlet: 'Shah Alam', terminal: 'Till 1', state: 'UNKNOWN' }]);
    expect((asBoss.evidence as { neighbours: unknown[] }).neighbours).toMatchObject([{ id: elsewhere, place: { outlet: 'Shah Alam', terminal: 'Till 1' } }]);
  });

  it('a decision without a reason is refused with its message key, for the page to say in its language; nothing is decided', async () => {
    const boss = await logIn('Boss');
    const { unknownId } = counters['Shah Alam']!;
    const blank = await call(`/api/hub/v1/decisions/${unknownId}`, {
      method: 'POST',
      body: JSON.stringify({ decision: 'credited', reason: '   ' }),
      session: boss,
      headers: { 'x-kaunter-csrf': boss.csrf, origin: rig.hub.url },
    });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toMatchObject({ code: 'BAD_REQUEST', key: 'headOffice.decisionWhy', message: "Say why (a few words) before deciding; it goes into the award's history." });
    expect((await rig.pool.query('SELECT 1 FROM decisions WHERE award_id = $1', [unknownId])).rowCount).toBe(0);
  });

  it('a decision at the hub travels to the owning counter, is carried out there, and comes back as its events', async () => {
    const boss = await logIn('Boss');
    const { db, pusher, unknownId } = counters['Shah Alam']!;
    const decided = await call(`/api/hub/v1/decisions/${unknownId}`, {
      method: 'POST',
      body: JSON.stringify({ decision: 'credited', reason: 'RM history shows +42 at 11:00' }),
      session: boss,
      headers: { 'x-kaunter-csrf': boss.csrf, origin: rig.hub.url },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const twice = await call(`/api/hub/v1/decisions/${unknownId}`, { method: 'POST', body: JSON.stringify({ decision: 'void', reason: 'again' }), session: boss, headers: { 'x-kaunter-csrf': boss.csrf } });
    expect(twice.status).toBe(409);
    expect((await pusher.pushPending()).status.kind).toBe('synced');
    expect(db.prepare('SELECT state, resolved_by FROM awards WHERE id = ?').get(unknownId)).toEqual({ state: 'AWARDED', resolved_by: 'Boss (head office)' });
    const detail = await call(`/api/hub/v1/awards/${unknownId}`, { session: boss });
    expect(detail.body).toMatchObject({ award: { state: 'AWARDED' }, decisions: [{ decision: 'credited', decidedBy: 'Boss', outcome: 'carried out' }] });
    expect((detail.body.events as Array<{ actor: string; to: string }>).at(-1)).toMatchObject({ to: 'AWARDED', actor: 'manager:Boss (head office)' });
    const audit = await rig.pool.query<{ actor: string; action: string }>('SELECT actor, action FROM audit WHERE subject = $1 ORDER BY id', [unknownId]);
    expect(audit.rows.map((r) => `${r.actor} ${r.action}`)).toEqual(['user:Boss award.decide', expect.stringMatching(/^terminal:[0-9a-f-]{36} decision\.carried-out$/)]);
  });

  it('a decision the counter can no longer carry out is reported back as refused', async () => {
    const siti = await logIn('Siti');
    const { db, pusher, unknownId } = counters.Klang!;
    expect((await call(`/api/hub/v1/decisions/${unknownId}`, { method: 'POST', body: JSON.stringify({ decision: 'resend', reason: 'no credit seen' }), session: siti, headers: { 'x-kaunter-csrf': siti.csrf } })).status).toBe(200);
    // Meanwhile the counter's own manager settled it.
    const { resolveUnknown } = await import('../../app/awards/reconcile.ts');
    resolveUnknown(db, unknownId, 'void', 'Lim', 'customer left', Date.now());
    await pusher.pushPending();
    const detail = await call(`/api/hub/v1/awards/${unknownId}`, { session: siti });
    expect(detail.body).toMatchObject({ award: { state: 'VOIDED' }, decisions: [{ outcome: expect.stringMatching(/^refused: .*VOIDED/) as unknown }] });
  });

  it('a malformed id in a path is refused for what it is, never as an outage', async () => {
    const boss = await logIn('Boss');
    const detail = await call('/api/hub/v1/awards/not-a-uuid', { session: boss });
    expect(detail).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'There is no such award.' } } });
    const decided = await call('/api/hub/v1/decisions/not-a-uuid', { method: 'POST', body: JSON.stringify({ decision: 'void', reason: 'x' }), session: boss, headers: { 'x-kaunter-csrf': boss.csrf } });
    expect(decided).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'There is no such award.' } } });
    const joined = await new HubClient(rig.hub.url, null).join((await enrolTerminal(rig.pool, 'Klang', 'Till 8', 'test', ENROL_AS_NAMED)).code);
    if (joined.kind !== 'ok') throw new Error(joined.message);
    const report = await call('/api/terminal/v1/decisions/not-a-uuid', { method: 'POST', body: JSON.stringify({ outcome: 'carried-out', message: '' }), headers: { authorization: `Bearer ${joined.value.credential}` } });
    expect(report).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST', message: expect.stringMatching(/"not-a-uuid" is not a decision id/) as unknown } } });
    expect(report.headers.get('retry-after')).toBeNull();
  });

  it('many failures from one address lock that address out, whatever the name', async () => {
    const responses = [];
    for (let i = 0; i < 22; i += 1) responses.push((await call('/api/hub/v1/login', { method: 'POST', body: JSON.stringify({ name: `Name ${i}`, password: 'wrong password' }) })).status);
    expect(responses.at(-1)).toBe(429);
    expect((await call('/api/hub/v1/login', { method: 'POST', body: JSON.stringify({ name: 'Boss', password: PASSWORD }) })).status).toBe(429);
  });

  it('behind a trusted reverse proxy the per-address limit counts the client it names; a forged X-Forwarded-For counts for nothing', async () => {
    await rig.pool.query('DELETE FROM login_failures');
    const login = async (url: string, forwardedFor: string, name: string, password = 'wrong password') =>
      (await fetch(`${url}/api/hub/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ name, password }) })).status;
    const failedFrom = async () => (await rig.pool.query<{ address: string }>('SELECT DISTINCT address FROM login_failures ORDER BY address')).rows.map((r) => r.address);

    // Not trusted (the default): the header is ignored, every failure counts against the peer that sent it.
    expect(await login(rig.hub.url, '203.0.113.50', 'Nobody 1')).toBe(401);
    expect(await login(rig.hub.url, '203.0.113.51', 'Nobody 2')).toBe(401);
    expect(await failedFrom()).toEqual(['127.0.0.1']);
    await rig.pool.query('DELETE FROM login_failures');

    expect(() => parseTrustedProxies('loopback, proxy.example')).toThrow(/"proxy\.example" is neither/);
    const proxied = await serveHub({ pool: rig.pool, host: '127.0.0.1', port: 0, trustProxy: parseTrustedProxies('loopback'), log: () => {} });
    try {
      const guesses = [];
      for (let i = 0; i < 21; i += 1) guesses.push(await login(proxied.url, '203.0.113.7', `Guess ${i}`));
      expect(guesses.at(-1)).toBe(429);
      expect(await failedFrom()).toEqual(['203.0.113.7']);
      // Another shop's browser through the same proxy still signs in; a client that claims to be behind another proxy
      // is counted by the last address the trusted proxy saw.
      expect(await login(proxied.url, '198.51.100.9', 'Boss', PASSWORD)).toBe(200);
      expect(await login(proxied.url, '10.9.9.9, 203.0.113.7', 'Boss', PASSWORD)).toBe(429);
    } finally {
      await proxied.close();
      await rig.pool.query('DELETE FROM login_failures');
    }
  });

  it('X-Forwarded-Proto: https makes the session cookie Secure and __Host- from a --trust-proxy peer, and from no other', async () => {
    await rig.pool.query('DELETE FROM login_failures');
    const cookieThrough = async (url: string) => {
      const response = await fetch(`${url}/api/hub/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ name: 'Boss', password: PASSWORD }),
      });
      expect(response.status).toBe(200);
      return response.headers.get('set-cookie') ?? '';
    };
    // A plain-HTTP hub on loopback behind a proxy on the same machine, as README sets it up: `serve --trust-proxy loopback`.
    const proxied = await startHubProcess(rig.databaseUrl, 0, ['--trust-proxy', 'loopback']);
    const elsewhere = await startHubProcess(rig.databaseUrl, 0, ['--trust-proxy', '10.0.0.5']);
    try {
      expect(await cookieThrough(proxied.url)).toMatch(/^__Host-kaunter_hub_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
      // A peer not named (no --trust-proxy, or another proxy's address) is not believed.
      expect(await cookieThrough(rig.hub.url)).toMatch(/; Max-Age=43200$/);
      expect(await cookieThrough(elsewhere.url)).toMatch(/; Max-Age=43200$/);
    } finally {
      await proxied.stop();
      await elsewhere.stop();
    }
  });

  it('serves HTTPS with --tls-cert/--tls-key: its session cookie is Secure, and browsers are told to come back only over HTTPS', async () => {
    const certificate = loopbackCertificate();
    await rig.pool.query('DELETE FROM login_failures');
    const tls = await serveHub({ pool: rig.pool, host: '127.0.0.1', port: 0, tls: readTlsFiles({ certFile: certificate.certFile, keyFile: certificate.keyFile }), log: () => {} });
    try {
      expect(tls.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const reply = await new Promise<{ status: number; cookie: string; hsts: unknown }>((resolve, reject) => {
        const req = httpsRequest(`${tls.url}/api/hub/v1/login`, { method: 'POST', ca: certificate.ca, headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie']?.[0] ?? ''), hsts: res.headers['strict-transport-security'] });
        });
        req.on('error', reject);
        req.end(JSON.stringify({ name: 'Boss', password: PASSWORD }));
      });
      expect(reply.status).toBe(200);
      // Host-only at Path=/ as __Host- asks, so a sibling subdomain cannot plant one; read back under that name only.
      expect(reply.cookie).toMatch(/^__Host-kaunter_hub_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
      const token = reply.cookie.split(';')[0]!.slice('__Host-kaunter_hub_session='.length);
      const me = (cookie: string) =>
        new Promise<number>((resolve, reject) => {
          const req = httpsRequest(`${tls.url}/api/hub/v1/me`, { ca: certificate.ca, headers: { cookie } }, (res) => {
            res.resume();
            lastSetCookies = res.headers['set-cookie'] ?? [];
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end();
        });
      let lastSetCookies: string[] = [];
      expect(await me(`__Host-kaunter_hub_session=${token}`)).toBe(200);
      expect(await me(`kaunter_hub_session=${token}`)).toBe(401);
      // Two are refused here too; a browser keeps a __Host- cookie at its one slot only, so that is all there is to delete.
      expect(await me(`__Host-kaunter_hub_session=planted; __Host-kaunter_hub_session=${token}`)).toBe(401);
      expect(lastSetCookies).toEqual(['__Host-kaunter_hub_session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure']);
      expect(reply.hsts).toBe('max-age=31536000');
      // Plain HTTP on loopback (behind a proxy, which sets its own) says nothing of the kind.
      expect((await fetch(`${rig.hub.url}/healthz`)).headers.get('strict-transport-security')).toBeNull();
    } finally {
      await tls.close();
    }
  });
});
