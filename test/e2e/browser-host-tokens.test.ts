// The browser host's door (issue 11 item 3): an address works once and only for a while, an open page is handed a
// fresh token before its own runs out, a socket whose Host is not ours is refused like a page request would be, and
// refusals are logged.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileLogger } from '../../app/logging/logger.ts';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server.ts';
import { browserOpener, writeForwardPage } from '../../main/browser-host/open-browser.ts';
import { TokenChain } from '../../main/browser-host/token-chain.ts';
import { MemorySecretStore } from '../fixtures/core-rig.ts';
import { until } from '../fixtures/until.ts';

const LIFETIME_MS = 1_500;
let host: BrowserHost;
let dataDir: string;
const newAddresses: string[] = [];

beforeAll(async () => {
  ({ host, dataDir } = await startHost(newAddresses));
});
afterAll(async () => host?.close());

const tokenOf = (url: string): string => new URL(url).hash.replace('#token=', '');

interface Socket {
  opened: boolean;
  welcomes: string[];
  close(): void;
}

function connect(token: string, headers: Record<string, string> = {}): Promise<Socket> {
  return connectTo(host, token, headers);
}

function connectTo(target: BrowserHost, token: string, headers: Record<string, string> = {}): Promise<Socket> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${target.origin.replace('http', 'ws')}/ipc`, [`kaunter.${token}`], { origin: target.origin, headers });
    const welcomes: string[] = [];
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; nextToken?: string };
      if (message.type === 'welcome' && message.nextToken) welcomes.push(message.nextToken);
    });
    ws.on('open', () => resolve({ opened: true, welcomes, close: () => ws.close() }));
    ws.on('unexpected-response', () => resolve({ opened: false, welcomes, close: () => undefined }));
    ws.on('error', () => resolve({ opened: false, welcomes, close: () => undefined }));
  });
}

describe('the browser host\'s door', () => {
  it('refuses a socket whose Host is not ours, even with the current token, and logs it', async () => {
    const token = tokenOf(host.url);
    expect((await connect(token, { Host: 'kaunter.evil.example' })).opened).toBe(false);
    await until(() => readFileSync(join(dataDir, 'kaunter.log'), 'utf8').includes('refused a socket: host kaunter.evil.example'), 'the refusal in the log', 5_000, 20);
  });

  it('opens once with the printed address; an open page is handed a fresh token before its own runs out', async () => {
    const first = await connect(tokenOf(host.url));
    expect(first.opened).toBe(true);
    expect((await connect(tokenOf(host.url))).opened).toBe(false);
    await until(() => first.welcomes.length >= 2, 'a fresh token for the open page', 5_000, 20);
    first.close();
    // The page's newest token still opens the door after the first one would have run out: a reload hours later works.
    await new Promise((resolve) => setTimeout(resolve, LIFETIME_MS / 2));
    const reload = await connect(first.welcomes.at(-1) as string);
    expect(reload.opened).toBe(true);
    reload.close();
  });

  it('two sockets with the same token at once: one opens, the other is refused, and the refusal is logged', async () => {
    const spare = await startSpareHost();
    try {
      const token = tokenOf(spare.host.url);
      // Let in means welcomed; the token is spent at the door, so the loser is refused before any upgrade.
      const letIn = (): Promise<boolean> =>
        new Promise((resolve) => {
          const ws = new WebSocket(`${spare.host.origin.replace('http', 'ws')}/ipc`, [`kaunter.${token}`], { origin: spare.host.origin });
          ws.on('message', () => {
            resolve(true);
            ws.close();
          });
          ws.on('close', () => resolve(false));
          ws.on('error', () => resolve(false));
        });
      expect((await Promise.all([letIn(), letIn()])).sort()).toEqual([false, true]);
      await until(
        () => /refused a socket: missing or stale token/.test(readFileSync(join(spare.dataDir, 'kaunter.log'), 'utf8')),
        'the refusal in the log',
        5_000,
        20,
      );
    } finally {
      await spare.host.close();
    }
  });

  it('an address nobody used in time is dead, and whoever tried it gets a fresh one printed for them', async () => {
    const unused = newAddresses.length;
    // The door as it stands after the test before: the newest token went to a page that has closed since.
    const latest = await connect(tokenOf(host.url));
    expect(latest.opened).toBe(false);
    const spare = await startSpareHost();
    try {
      await new Promise((resolve) => setTimeout(resolve, LIFETIME_MS + 100));
      expect((await connectTo(spare.host, tokenOf(spare.host.url))).opened).toBe(false);
      await until(() => spare.addresses.length > 0, 'a fresh address', 5_000, 20);
      const fresh = spare.addresses[0] as string;
      expect(fresh.startsWith(`${spare.host.origin}/#token=`)).toBe(true);
      const opened = await connectTo(spare.host, tokenOf(fresh));
      expect(opened.opened).toBe(true);
      opened.close();
      expect(readFileSync(join(spare.dataDir, 'kaunter.log'), 'utf8')).toMatch(/refused a socket: expired token/);
      expect(newAddresses.length).toBe(unused);
    } finally {
      await spare.host.close();
    }
  });
});

/** A browser host with short-lived tokens over the bridge's test page; fresh addresses it prints go to `addresses`. */
async function startHost(addresses: string[]): Promise<{ host: BrowserHost; dataDir: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'kaunter-tokens-'));
  const keychain = new MemorySecretStore();
  const started = await startBrowserHost({
    dataDir: folder,
    rendererDir: join(process.cwd(), 'test', 'fixtures', 'bridge-page'),
    downloadsDir: join(folder, 'Downloads'),
    secrets: () => keychain,
    log: fileLogger({ dir: folder, echo: null }),
    tokenLifetimeMs: LIFETIME_MS,
    onNewAddress: (url) => void addresses.push(url),
  });
  return { host: started, dataDir: folder };
}

/** A second host, whose printed address nobody uses. */
async function startSpareHost(): Promise<{ host: BrowserHost; dataDir: string; addresses: string[] }> {
  const addresses: string[] = [];
  return { ...(await startHost(addresses)), addresses };
}

describe('tokens and the browser, without a host', () => {
  it('a token is current until it is spent or runs out', () => {
    let now = 0;
    const tokens = new TokenChain(() => now, 1_000);
    const first = tokens.current;
    expect(tokens.verdict(first)).toBe('current');
    expect(tokens.verdict('x'.repeat(first.length))).toBe('wrong');
    expect(tokens.verdict(undefined)).toBe('wrong');
    now = 999;
    const admitted = tokens.admit(first);
    if (!('next' in admitted)) throw new Error(`the current token was refused: ${admitted.refused}`);
    expect(tokens.verdict(first)).toBe('wrong');
    // Spent at the door in one step: a second socket offering the same token a moment later is refused.
    expect(tokens.admit(first)).toEqual({ refused: 'wrong' });
    now = 999 + 1_000;
    expect(tokens.verdict(admitted.next)).toBe('expired');
    expect(tokens.admit(admitted.next)).toEqual({ refused: 'expired' });
  });

  it('opens the counter in the PC\'s browser where there is a desktop, and says nothing can be opened where there is none', () => {
    expect(browserOpener('http://127.0.0.1:1/#token=a', 'linux', { DISPLAY: ':0' })).toEqual(['xdg-open', ['http://127.0.0.1:1/#token=a']]);
    expect(browserOpener('http://127.0.0.1:1/#token=a', 'linux', {})).toBeNull();
    expect(browserOpener('u', 'darwin', {})).toEqual(['open', ['u']]);
    expect(browserOpener('u', 'win32', {})?.[0]).toBe('cmd');
  });

  it('gives the browser a private page that forwards to the address, so the token is on no command line', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kaunter-forward-'));
    const page = writeForwardPage(folder, 'http://127.0.0.1:4321/#token=abc_DEF-123');
    expect(page).toBe(join(folder, 'open-kaunter.html'));
    expect(readFileSync(page, 'utf8')).toContain('<meta http-equiv="refresh" content="0;url=http://127.0.0.1:4321/#token=abc_DEF-123">');
    expect(statSync(page).mode & 0o777).toBe(0o600);
    expect(browserOpener(page, 'linux', { DISPLAY: ':0' })?.[1]).toEqual([page]);
  });
});
