// `kaunter sandbox` as support staff and scripts run it: a real child process, its first stdout line, a real request,
// then SIGTERM and a clean exit.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadPrivateKey } from '../../app/rm/keys.ts';
import { until } from '../fixtures/until.ts';
import {
  TEST_APP,
  TEST_PUBLIC_KEY_PEM,
  call,
  errorOf,
  fetchToken,
  httpRequest,
  json,
} from '../fixtures/sandbox-client.ts';
import { KAUNTER, outputOf, type CliResult } from '../fixtures/cli.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const running: ChildProcessWithoutNullStreams[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'kaunter-sandbox-cli-test-'));

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Started {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  url: string;
  stderr: () => string;
}

/** Starts the command and waits for `lineCount` stdout lines; the first must be `listening http://127.0.0.1:PORT`. */
function startCommand(args: string[], lineCount: number, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [KAUNTER, 'sandbox', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  running.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${lineCount} lines within 15 s; stderr: ${stderr}`)), 15_000);
    child.on('exit', (code) => reject(new Error(`exited early with ${code}; stderr: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (lines.length === lineCount) {
        clearTimeout(timer);
        const url = /^listening (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? '')?.[1];
        if (url) resolve({ child, lines, url, stderr: () => stderr });
        else reject(new Error(`unexpected first line: ${lines[0]}`));
      }
    });
  });
}

function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

function runToExit(args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, [KAUNTER, 'sandbox', ...args], { cwd: ROOT });
  running.push(child);
  return outputOf(child);
}

function valueOf(lines: string[], key: string): string {
  const line = lines.find((candidate) => candidate.startsWith(`${key} `));
  if (!line) throw new Error(`no "${key}" line in ${JSON.stringify(lines)}`);
  return line.slice(key.length + 1);
}

describe('kaunter sandbox', () => {
  it('prints `listening URL` first, then training credentials that work; SIGTERM closes it and removes the key', async () => {
    const { child, lines, url, stderr } = await startCommand(['--port', '0'], 5);
    const app = { clientId: valueOf(lines, 'client-id'), clientSecret: valueOf(lines, 'client-secret'), publicKeyPem: null };
    const privateKeyPath = valueOf(lines, 'private-key');
    const privateKey = loadPrivateKey(readFileSync(privateKeyPath, 'utf8'));
    const { accessToken } = await fetchToken(url, app);
    const response = await call(url, {
      method: 'POST',
      path: '/v3/loyalty/spending-reward/calculate',
      body: { currencyType: 'MYR', amount: 300 },
      accessToken,
      privateKey,
    });
    expect(json(response)).toEqual({ item: { point: 3 }, code: 'SUCCESS' });
    expect(await stop(child, 'SIGTERM')).toBe(0);
    expect(existsSync(privateKeyPath)).toBe(false);
    expect(stderr()).toContain('POST /v3/loyalty/spending-reward/calculate -> 200 SUCCESS');
    expect(stderr()).not.toContain(app.clientSecret);
  });

  it('registers the given app and loads --members; SIGINT closes it', async () => {
    const publicKeyPath = join(scratch, 'public_key.pem');
    writeFileSync(publicKeyPath, TEST_PUBLIC_KEY_PEM);
    const args = ['--client-id', TEST_APP.clientId, '--client-secret', TEST_APP.clientSecret, '--public-key', publicKeyPath];
    const { child, lines, url, stderr } = await startCommand([...args, '--members', fixture('sandbox-members.json')], 2);
    expect(lines[1]).toBe(`client-id ${TEST_APP.clientId}`);
    expect(stderr()).toContain('can be read by other users in ps');
    const { accessToken } = await fetchToken(url);
    const member = await call(url, { method: 'GET', path: '/v3/loyalty/member/9000000000000000001', accessToken });
    expect(json<{ item: { name: string; loyaltyPoint: number } }>(member).item).toMatchObject({
      name: 'Aminah binti Yusof',
      loyaltyPoint: 50,
    });
    const demo = await call(url, { method: 'GET', path: '/v3/loyalty/member/6190354873541245312', accessToken });
    expect(errorOf(demo).code).toBe('MEMBER_NOT_FOUND');
    expect(await stop(child, 'SIGINT')).toBe(0);
  });

  it('takes the client secret from KAUNTER_SANDBOX_CLIENT_SECRET or --client-secret-file, so it never shows in ps', async () => {
    const publicKeyPath = join(scratch, 'public_key.pem');
    writeFileSync(publicKeyPath, TEST_PUBLIC_KEY_PEM);
    const secretFile = join(scratch, 'client-secret.txt');
    writeFileSync(secretFile, `${TEST_APP.clientSecret}\n`);
    const fromVariable = startCommand(['--client-id', TEST_APP.clientId, '--public-key', publicKeyPath], 2, {
      KAUNTER_SANDBOX_CLIENT_SECRET: TEST_APP.clientSecret,
    });
    const fromFile = startCommand(['--client-id', TEST_APP.clientId, '--client-secret-file', secretFile, '--public-key', publicKeyPath], 2);
    for (const started of await Promise.all([fromVariable, fromFile])) {
      expect((await fetchToken(started.url)).accessToken.length).toBeGreaterThan(10);
      const commandLine = readFileSync(`/proc/${started.child.pid}/cmdline`, 'utf8');
      expect(commandLine).toContain('--client-id');
      expect(commandLine).not.toContain(TEST_APP.clientSecret);
      expect(started.stderr()).not.toContain('ps;');
      expect(await stop(started.child, 'SIGTERM')).toBe(0);
    }
  });

  it('writes its request log to stderr through the redacting logger: no client secret, no full phone number', async () => {
    const started = await startCommand(['--client-id', TEST_APP.clientId], 2, { KAUNTER_SANDBOX_CLIENT_SECRET: TEST_APP.clientSecret });
    const quoting = await httpRequest({ method: 'GET', url: `${started.url}/v3/loyalty/member/60172826990/${TEST_APP.clientSecret}`, headers: {} });
    expect(quoting.status).toBe(404);
    await until(() => started.stderr().includes('GET /v3/loyalty/member/'), 'the request in the log', 5_000, 20);
    expect(started.stderr()).not.toContain(TEST_APP.clientSecret);
    expect(started.stderr()).not.toContain('172826990');
    expect(await stop(started.child, 'SIGTERM')).toBe(0);
  });

  it('--faults enables the fault endpoints, and the options reach the rule and token lifetime', async () => {
    const publicKeyPath = join(scratch, 'public_key.pem');
    writeFileSync(publicKeyPath, TEST_PUBLIC_KEY_PEM);
    const app = ['--client-id', TEST_APP.clientId, '--client-secret', TEST_APP.clientSecret, '--public-key', publicKeyPath];
    const { child, url } = await startCommand([...app, '--faults', '--points-per-ringgit', '2', '--token-lifetime', '60'], 2);
    const set = await httpRequest({
      method: 'POST',
      url: `${url}/sandbox/faults`,
      headers: { 'Content-Type': 'application/json' },
      body: '{"mode":"rate-limit","path":"/v1/token","count":1}',
    });
    expect(set.status).toBe(200);
    await expect(fetchToken(url)).rejects.toThrow(/429/);
    const grant = await fetchToken(url);
    expect(grant.expiresIn).toBe(60);
    const preview = await call(url, {
      method: 'POST',
      path: '/v3/loyalty/spending-reward/calculate',
      body: { currencyType: 'MYR', amount: 300 },
      accessToken: grant.accessToken,
    });
    expect(json(preview)).toEqual({ item: { point: 6 }, code: 'SUCCESS' });
    expect(await stop(child, 'SIGTERM')).toBe(0);
  });

  it('refuses bad input with a clear message and exit code 1, printing nothing on stdout', async () => {
    const cases: [string[], RegExp][] = [
      // The row is named by its place and member ID; the phone itself is masked, as on every line Kaunter prints.
      [['--members', fixture('sandbox-members-bad.json')], /sandbox-members-bad\.json\[1\] \(memberId "9000000000000000002"\): phoneNumber "\*{7}555"/],
      [['--members', join(scratch, 'missing.json')], /Cannot read the members file/],
      [['--client-id', 'only-id'], /--client-id and the client secret .* go together/],
      [['--client-id', 'id', '--client-secret-file', join(scratch, 'no-such-secret.txt')], /Cannot read the client secret file/],
      [['--port', 'eighty'], /port/],
      [['--points-per-ringgit', '0'], /greater than 0/],
    ];
    const results = await Promise.all(cases.map(([args]) => runToExit(args)));
    results.forEach((result, index) => {
      const [args, message] = cases[index] ?? [[], /never/];
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    });
  });

  it('--help describes every option', () => {
    const result = spawnSync(process.execPath, [KAUNTER, 'sandbox', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 15_000 });
    expect(result.status).toBe(0);
    for (const option of ['--port', '--client-id', '--client-secret', '--client-secret-file', 'KAUNTER_SANDBOX_CLIENT_SECRET', '--public-key', '--members', '--faults', '--points-per-ringgit', '--token-lifetime']) {
      expect(result.stdout).toContain(option);
    }
  });
});
