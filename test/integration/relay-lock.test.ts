// Exactly one relay per database, even across processes: a second sender is refused while the first lives, and takes
// over when it dies. A counting proxy between the senders and the sandbox measures how many awards are ever in flight.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../app/awards/outbox.ts';
import { RelayLock } from '../../app/awards/relay-lock.ts';
import { startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import { openDatabase } from '../../app/store/database.ts';
import { APP, KEYS, sale } from '../fixtures/award-rig.ts';
import { cliEnv, runCli, startCli } from '../fixtures/cli.ts';

let sandbox: RunningSandbox;
let proxy: http.Server;
let inFlight = 0;
let maxInFlight = 0;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ apps: [APP] });
  sandbox.setFault({ mode: 'latency', latencyMs: 150, path: '/v3/loyalty/spending-reward' });
  const target = new URL(sandbox.url);
  proxy = http.createServer((req, res) => {
    // Award sends only: asking RM's points for an amount (calculate) is a read, and may run beside a send.
    const award = req.url === '/v3/loyalty/spending-reward';
    if (award) maxInFlight = Math.max(maxInFlight, ++inFlight);
    const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => award && inFlight--);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  dir = mkdtempSync(join(tmpdir(), 'kaunter-lock-'));
  writeFileSync(join(dir, 'key.pem'), KEYS.privateKeyPem);
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await sandbox.close();
});

function envFor(dbPath: string): Record<string, string> {
  // The signature covers the URL as called, so the senders call the proxy and the sandbox checks what it receives.
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return cliEnv(url, APP, join(dir, 'key.pem'), dbPath);
}

describe('the relay lock', () => {
  it('in one process: a second relay for the same file is refused until the first lets go', () => {
    const dbPath = join(dir, 'in-process.db');
    const first = RelayLock.tryAcquire(dbPath);
    expect(first).not.toBeNull();
    expect(RelayLock.tryAcquire(dbPath)).toBeNull();
    first?.release();
    const again = RelayLock.tryAcquire(dbPath);
    expect(again).not.toBeNull();
    again?.release();
  });

  it('two processes draining one database never send at the same time; the second takes over when the first dies', async () => {
    const dbPath = join(dir, 'shared.db');
    const db = openDatabase(dbPath);
    const outbox = new Outbox(db, 'T1');
    for (let i = 0; i < 20; i += 1) outbox.submit(sale(100 + i), 'cashier:Aina');
    db.close();
    const env = envFor(dbPath);
    maxInFlight = 0;

    const first = startCli(['drain', '--until-empty'], env);
    // Wait until the first drain is sending, then start a second one against the same file.
    await waitUntil(() => sandbox.ledger().length >= 2);
    const second = await runCli(['drain', '--until-empty'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already sending/);

    first.child.kill('SIGKILL');
    await first.done;
    const third = await runCli(['drain', '--until-empty'], env);
    expect(third.code, third.stderr).toBe(0);
    expect(maxInFlight).toBe(1);

    const check = openDatabase(dbPath);
    const states = check.prepare('SELECT state, COUNT(*) AS n FROM awards GROUP BY state').all() as Array<{ state: string; n: number }>;
    check.close();
    expect(states.filter((s) => s.state !== 'AWARDED' && s.state !== 'UNKNOWN')).toEqual([]);
    expect(states.reduce((sum, s) => sum + s.n, 0)).toBe(20);
  }, 60_000);
});

async function waitUntil(check: () => boolean): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 20_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
