// What a hub on the shop's network meets besides counters and head-office browsers: addresses that do not parse, a
// folder asked for as a file, downloads abandoned halfway, values PostgreSQL cannot keep, and a tampered counter's
// phone number aimed at head office's spreadsheet. Each gets a clear answer, and the hub keeps serving everyone else.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../app/sync/hub-client.ts';
import { readBatch } from '../../app/sync/outgoing.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import type { PushBatch } from '../../app/sync/wire.ts';
import { isStatementTimeout } from '../../hub/errors.ts';
import { serveHub, type RunningHub } from '../../hub/server/server.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { addUser } from '../../hub/users.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedTerminal } from '../fixtures/hub-join.ts';
import { openPool } from '../../hub/db/pool.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';
import { until } from '../fixtures/until.ts';

const PASSWORD = 'correct horse battery';
let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
  await addUser(rig.pool, { name: 'Boss', role: 'head-office', password: PASSWORD }, 'test');
  await manyAwards(4_000);
}, 60_000);
afterAll(async () => rig?.close());

/** Sends `head` as it is (no client library would send such a request line) and returns the reply's status line. */
function rawStatusLine(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head));
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
    socket.on('end', () => resolve(reply.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

async function healthy(url: string): Promise<number> {
  return (await fetch(`${url}/healthz`)).status;
}

async function signIn(): Promise<string> {
  const response = await fetch(`${rig.hub.url}/api/hub/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Boss', password: PASSWORD }) });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/**
 * Connections holding a transaction open, as a stuck export does: idle while it waits for its reader, or active while
 * it fetches the next rows into buffers not yet full (on a busy machine, still so 300 ms after its first bytes).
 * PostgreSQL's own workers (autovacuum) are not counted.
 */
async function openTransactions(): Promise<number> {
  const row = await rig.pool.query<{ n: number }>(
    `SELECT COUNT(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND backend_type = 'client backend' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
  );
  return row.rows[0]?.n ?? -1;
}

/**
 * Starts an export of everything and stops reading it after the first bytes, as a browser whose user walked away: the
 * hub fills the buffers on the way and waits, its transaction open. Returns the download's request.
 */
async function stalledExport(url: string, cookie: string, openAfter = 1): Promise<ClientRequest> {
  const { hostname, port } = new URL(url);
  const request = httpRequest({ host: hostname, port, path: '/api/hub/v1/export', headers: { cookie } });
  request.on('error', () => undefined);
  const response = await new Promise<IncomingMessage>((resolve) => request.on('response', resolve).end());
  response.on('error', () => undefined);
  expect(response.statusCode).toBe(200);
  await new Promise((resolve) => response.once('data', resolve));
  response.pause();
  await until(async () => (await openTransactions()) === openAfter, 'the export to wait with its transaction open', 10_000, 50);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await openTransactions()).toBe(openAfter);
  return request;
}

/** A counter joined to the hub, and a way to push any body with its credential, as a tampered counter could. */
async function joinedCounter(outlet: string) {
  const { db } = counterDb();
  const { credential } = await joinedTerminal(rig, db, outlet, 'Till 1');
  const push = (batch: unknown) =>
    fetch(`${rig.hub.url}/api/terminal/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
      body: JSON.stringify(batch),
    });
  return { db, push, credential };
}

/** Enough bytes of export (4 kB of reason an award) to fill every socket buffer on the way, so it waits for its reader. */
async function manyAwards(count: number): Promise<void> {
  await enrolTerminal(rig.pool, 'Seremban', 'Till 9', 'test', ENROL_AS_NAMED);
  await rig.pool.query(
    `INSERT INTO awards (id, terminal_id, outlet_id, terminal_label, created_at, cashier, receipt_ref, amount_sen, member_type, member_id, state, updated_at,
       last_event_seq, resolved_by, resolved_at, resolution_reason)
     SELECT gen_random_uuid(), t.id, t.outlet_id, 'Till 9', 1764547200000 + i * 1000, 'Aisyah', 'R' || i, 100 + i % 5000, 'ID', 'M-' || i, 'AWARDED',
       1764547200000 + i * 1000, 1, 'Lim', 1764547200000 + i * 1000, repeat('checked with RM ', 256)
     FROM generate_series(1, $1::int) i, terminals t WHERE t.name = 'Till 9'`,
    [count],
  );
}

describe('hostile requests to the hub', () => {
  it('an address that cannot be parsed is refused, and the hub keeps serving', async () => {
    expect(await rawStatusLine(rig.hub.url, 'GET //[/ HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
    expect(await healthy(rig.hub.url)).toBe(200);
  });

  it('a folder, a name too long for the file system or a path through a file under /assets/ is "not found", not a crash', async () => {
    const uiDir = mkdtempSync(join(tmpdir(), 'kaunter-hub-ui-'));
    mkdirSync(join(uiDir, 'assets', 'fonts'), { recursive: true });
    writeFileSync(join(uiDir, 'hub.html'), '<!doctype html><title>hub</title>');
    writeFileSync(join(uiDir, 'assets', 'app.js'), 'export {};');
    const hub: RunningHub = await serveHub({ pool: rig.pool, host: '127.0.0.1', port: 0, uiDir, log: () => {} });
    try {
      for (const folder of ['/assets/', '/assets/fonts', '/assets/fonts/', `/assets/${'a'.repeat(300)}`, '/assets/app.js/x']) {
        expect((await fetch(`${hub.url}${folder}`)).status, folder).toBe(404);
      }
      const script = await fetch(`${hub.url}/assets/app.js`);
      expect(script.status).toBe(200);
      expect(await script.text()).toBe('export {};');
      expect((await fetch(`${hub.url}/`)).status).toBe(200);
      expect(await healthy(hub.url)).toBe(200);
    } finally {
      await hub.close();
    }
  });

  it('an export whose reader goes away ends at once and gives back its database connection', async () => {
    const download = await stalledExport(rig.hub.url, await signIn());
    // Then the tab is closed mid-download.
    download.destroy();
    await until(async () => (await openTransactions()) === 0, 'the export to roll back', 10_000, 50);
    expect(rig.pool.waitingCount).toBe(0);
    expect(await healthy(rig.hub.url)).toBe(200);
  }, 60_000);

  it('an export whose reader stops reading but stays connected is given up after the stall time', async () => {
    const hub = await serveHub({ pool: rig.pool, host: '127.0.0.1', port: 0, exportStallMs: 2_000, log: () => {} });
    try {
      const download = await stalledExport(hub.url, await signIn());
      await until(async () => (await openTransactions()) === 0, 'the hub to give the export up', 10_000, 50);
      // The hub closed its end (the paused browser would only notice once it read again).
      await until(() => new Promise((resolve) => hub.server.getConnections((_error, open) => resolve(open === 0))), 'the hub to close the connection', 10_000, 50);
      download.destroy();
    } finally {
      await hub.close();
    }
  }, 60_000);

  it('an export is given up at its deadline, however steadily its reader keeps the line alive', async () => {
    const hub = await serveHub({ pool: rig.pool, host: '127.0.0.1', port: 0, exportDeadlineMs: 1_500, log: () => {} });
    try {
      const download = await stalledExport(hub.url, await signIn());
      const started = Date.now();
      await until(async () => (await openTransactions()) === 0, 'the hub to give the export up at its deadline', 10_000, 50);
      // Well before the stall time (a minute here) would have ended it.
      expect(Date.now() - started).toBeLessThan(20_000);
      download.destroy();
    } finally {
      await hub.close();
    }
  }, 60_000);

  it("exports never take the counters' connections: two at a time, a third told to wait, and counters are answered at once", async () => {
    // As `kaunter hub serve` has it, smaller: the pages' pool has room beside two exports for everything else.
    const counters = openPool(rig.databaseUrl, 2);
    const browsers = openPool(rig.databaseUrl, 3);
    const hub = await serveHub({ pool: counters, browserPool: browsers, host: '127.0.0.1', port: 0, log: () => {} });
    const downloads: ClientRequest[] = [];
    try {
      const cookie = await signIn();
      downloads.push(await stalledExport(hub.url, cookie, 1), await stalledExport(hub.url, cookie, 2));
      const third = await fetch(`${hub.url}/api/hub/v1/export`, { headers: { cookie } });
      expect(third.status).toBe(429);
      expect(((await third.json()) as { error: { message: string } }).error.message).toMatch(/2 exports are being written already/);

      const enrolment = await enrolTerminal(rig.pool, 'Puchong', 'Till 1', 'test', ENROL_AS_NAMED);
      const joined = await new HubClient(hub.url, null).join(enrolment.code);
      if (joined.kind !== 'ok') throw new Error(joined.message);
      const started = Date.now();
      expect(await new HubClient(hub.url, joined.value.credential).checkIn()).toMatchObject({ kind: 'ok' });
      expect(Date.now() - started).toBeLessThan(2_000);

      // One export closed: the next is written.
      downloads.shift()?.destroy();
      await until(async () => (await openTransactions()) === 1, 'the first export to roll back', 10_000, 50);
      const next = await fetch(`${hub.url}/api/hub/v1/export`, { headers: { cookie } });
      expect(next.status).toBe(200);
      await next.body?.cancel();
    } finally {
      downloads.forEach((download) => download.destroy());
      await until(async () => (await openTransactions()) === 0, 'the export to roll back', 10_000, 50);
      await hub.close();
      await Promise.all([counters.end(), browsers.end()]);
    }
  }, 60_000);

  it("the pages' pool ends a statement that runs too long, as an error the hub words as such", async () => {
    const pages = openPool(rig.databaseUrl, 1, 200);
    try {
      const error: unknown = await pages.query('SELECT pg_sleep(2)').catch((caught: unknown) => caught);
      expect(String(error)).toMatch(/statement timeout/);
      expect(isStatementTimeout(error)).toBe(true);
      expect(isStatementTimeout(await rig.pool.query('SELECT 1/0').catch((caught: unknown) => caught))).toBe(false);
    } finally {
      await pages.end();
    }
  });

  it('values PostgreSQL cannot keep: NUL and half a surrogate pair are kept as U+FFFD; numbers out of range are refused, not "try again"', async () => {
    const { db, push } = await joinedCounter('Nilai');

    award(db, 'till', 'REJECTED', Date.UTC(2026, 10, 5));
    const good = readBatch(db) as PushBatch;
    const first = good.awards[0] as PushBatch['awards'][number];
    const attempt = first.attempts[0] as PushBatch['awards'][number]['attempts'][number];
    for (const [name, batch, message] of [
      ['attempt number beyond 32 bits', { ...good, awards: [{ ...first, attempts: [{ ...attempt, number: 2 ** 31 }] }] }, /number/],
      ['two attempts with one number', { ...good, awards: [{ ...first, attempts: [attempt, { ...attempt, nonce: 'another' }] }] }, /two attempts with the same number/],
    ] as const) {
      const response = await push(batch);
      expect(response.status, name).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message, name).toMatch(message);
    }

    const odd = { ...good, awards: [{ ...first, lastError: { code: 'X', message: 'RM said \u0000 then \ud800 alone' }, cashier: 'Ai\u0000sha' }] };
    expect((await push(odd)).status).toBe(200);
    const stored = await rig.pool.query<{ cashier: string; last_error_message: string }>('SELECT cashier, last_error_message FROM awards WHERE id = $1', [first.id]);
    expect(stored.rows[0]).toEqual({ cashier: 'Ai\uFFFDsha', last_error_message: 'RM said \uFFFD then \uFFFD alone' });
    // Sent again (the reply was lost, say), it is the same batch and changes nothing.
    expect((await push(odd)).status).toBe(200);
  });

  it('a sign-in name PostgreSQL cannot keep is refused as bad input, not answered "try again"', async () => {
    const response = await fetch(`${rig.hub.url}/api/hub/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bo\u0000ss', password: PASSWORD }) });
    expect(response.status).toBe(400);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/cannot store a value/);
  });

  it('a credential or page link that looks right but is no uuid is refused as such', async () => {
    const fakeCredential = `kht1.${'a'.repeat(36)}.${'b'.repeat(43)}`;
    const checkIn = await fetch(`${rig.hub.url}/api/terminal/v1/check-in`, { headers: { authorization: `Bearer ${fakeCredential}` } });
    expect(checkIn.status).toBe(401);
    const cookie = await signIn();
    for (const cursor of [Buffer.from(`1:${'-'.repeat(36)}`).toString('base64url'), Buffer.from(`${'9'.repeat(400)}:0f8fad5b-d9cb-469f-a165-70867728950e`).toString('base64url')]) {
      const page = await fetch(`${rig.hub.url}/api/hub/v1/history?cursor=${cursor}`, { headers: { cookie } });
      expect(page.status).toBe(400);
      expect(((await page.json()) as { error: { message: string } }).error.message).toMatch(/page link is no longer valid/);
    }
  });

  it('a counter may have one push and 4 requests open at once; more are told to wait, and every other counter is answered', async () => {
    const stolen = await joinedCounter('Rawang');
    const honest = await joinedCounter('Semenyih');
    const checkIn = (credential: string) => fetch(`${rig.hub.url}/api/terminal/v1/check-in`, { headers: { authorization: `Bearer ${credential}` } });
    /** A request whose body never finishes: it stays open, as a stolen credential could keep it. */
    const heldOpen = (path: string): ClientRequest => {
      const request = httpRequest(`${rig.hub.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '1000', authorization: `Bearer ${stolen.credential}` },
      });
      request.on('error', () => {});
      request.write('{"after":0,');
      return request;
    };
    // A held request that reaches the hub while one of the probes below is open can itself be told to wait (it would be
    // one too many); it is then held again, and the probes wait between tries for it to arrive.
    const held: Array<{ path: string; request: ClientRequest; answered: boolean }> = [];
    const hold = (path: string): void => {
      const entry = { path, request: heldOpen(path), answered: false };
      entry.request.on('response', () => (entry.answered = true));
      held.push(entry);
    };
    const holdAgainAnyAnswered = (): void => {
      for (const entry of held.filter((each) => each.answered)) {
        held.splice(held.indexOf(entry), 1);
        hold(entry.path);
      }
    };
    const probe = { timeout: 10_000, interval: 250 };
    hold('/api/terminal/v1/push');
    const secondPush = async () => stolen.push({ after: 0, events: [], awards: [] });
    await expect.poll(async () => (holdAgainAnyAnswered(), (await secondPush()).status), probe).toBe(429);
    expect(((await (await secondPush()).json()) as { error: { message: string } }).error.message).toBe('This counter has a push open at the hub already: try again when it is answered.');
    ['/api/terminal/v1/receipt', '/api/terminal/v1/receipt', '/api/terminal/v1/neighbours'].forEach(hold);
    await expect.poll(async () => (holdAgainAnyAnswered(), (await checkIn(stolen.credential)).status), probe).toBe(429);
    const refused = await checkIn(stolen.credential);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe('This counter has 4 requests open at the hub already: try again when they are answered.');
    // The counter's own client waits it out as it would an outage, rather than showing a refusal; and its status bar
    // says its awards wait, not that head office is out of reach.
    expect(await new HubClient(rig.hub.url, stolen.credential).checkIn()).toMatchObject({
      kind: 'unreachable',
      busy: true,
      message: expect.stringMatching(/4 requests open/) as unknown,
      retryAfterMs: 2_000,
    });
    award(stolen.db, 'till', 'AWARDED', Date.UTC(2026, 10, 6));
    let now = Date.UTC(2026, 10, 6, 2, 0);
    const pusher = new HubPusher({ db: stolen.db, client: new HubClient(rig.hub.url, stolen.credential), now: () => now });
    expect((await pusher.pushPending()).status).toEqual({ kind: 'waiting', waiting: 1 });
    now += 60_000;
    expect((await pusher.pushPending()).status).toEqual({ kind: 'waiting', waiting: 1 });
    // Told to wait for two minutes on end: head office is not serving this counter, since the first time it said so.
    now += 60_000;
    expect((await pusher.pushPending()).status).toMatchObject({ kind: 'unreachable', since: Date.UTC(2026, 10, 6, 2, 0), waiting: 1, message: expect.stringMatching(/open at the hub already/) as unknown });
    expect((await checkIn(honest.credential)).status).toBe(200);
    held.forEach(({ request }) => request.destroy());
    await expect.poll(async () => (await checkIn(stolen.credential)).status, { timeout: 5_000 }).toBe(200);
    expect((await pusher.pushPending()).status.kind).toBe('synced');
  });

  it("a tampered counter's phone number reaches head office's CSV as text, never as a formula", async () => {
    const { db, push } = await joinedCounter('Kajang');
    award(db, 'till', 'AWARDED', Date.UTC(2026, 10, 6), 1250, 1);
    const good = readBatch(db) as PushBatch;
    const first = good.awards[0] as PushBatch['awards'][number];
    const tampered = { ...good, awards: [{ ...first, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '"&HYPERLINK("x")&"' } }] };
    expect((await push(tampered)).status).toBe(200);
    const cookie = await signIn();
    const filter = encodeURIComponent(JSON.stringify({ outlet: 'Kajang' }));
    const csv = await (await fetch(`${rig.hub.url}/api/hub/v1/export?filter=${filter}`, { headers: { cookie } })).text();
    const rows = parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { columns: true });
    expect(rows).toHaveLength(1);
    const phone = Object.values(rows[0] ?? {}).find((cell) => cell.includes('HYPERLINK'));
    expect(phone).toBe(`'+60 "&HYPERLINK("x")&"`);
  });
});
