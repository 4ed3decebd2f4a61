// Issue 11 item 3 on a real browser host: each socket is a caller of its own. A manager unlock on one socket leaves the
// other locked, and a socket that closes takes its session with it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../app/contract.ts';
import { fileLogger } from '../../app/logging/logger.ts';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server.ts';
import { MemorySecretStore } from '../fixtures/core-rig.ts';
import { MANAGER, seedSetUpTerminal } from './harness.ts';

let host: BrowserHost;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kaunter-callers-'));
  const keychain = new MemorySecretStore();
  await seedSetUpTerminal(dataDir, keychain);
  host = await startBrowserHost({
    dataDir,
    rendererDir: join(process.cwd(), 'test', 'fixtures', 'bridge-page'),
    downloadsDir: join(dataDir, 'Downloads'),
    secrets: () => keychain,
    log: fileLogger({ dir: dataDir, echo: null }),
  });
});
afterAll(async () => {
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A page's socket, as the bridge opens it: it calls the contract and hears the next token and events. */
class PageSocket {
  nextToken = '';
  readonly events: Array<{ name: string; payload: unknown }> = [];
  private readonly answers = new Map<number, (result: Result<unknown>) => void>();
  private nextId = 1;

  private readonly ws: WebSocket;
  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; nextToken?: string; id?: number; result?: Result<unknown>; name?: string; payload?: unknown };
      if (message.type === 'welcome' && message.nextToken) this.nextToken = message.nextToken;
      if (message.type === 'result' && message.id !== undefined && message.result) this.answers.get(message.id)?.(message.result);
      if (message.type === 'event' && message.name) this.events.push({ name: message.name, payload: message.payload });
    });
  }

  static open(token: string): Promise<PageSocket> {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc`, [`kaunter.${token}`], { origin: host.origin });
    return new Promise((resolve, reject) => {
      const socket = new PageSocket(ws);
      ws.once('message', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  call(method: string, payload: unknown = {}): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.answers.set(id, resolve);
      this.ws.send(JSON.stringify({ type: 'call', id, method, payload }));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

const HISTORY = { filter: {}, cursor: null, limit: 10 };

describe('each browser-host socket is a caller of its own', () => {
  it('a manager unlock on one socket leaves another locked; a closed socket takes its session with it', async () => {
    const first = await PageSocket.open(new URL(host.url).hash.replace('#token=', ''));
    const second = await PageSocket.open(first.nextToken);
    expect(await first.call('manager.unlock', { pin: MANAGER.pin })).toMatchObject({ ok: true, value: { unlocked: true } });
    expect(await first.call('history.page', HISTORY)).toMatchObject({ ok: true });
    expect(await second.call('history.page', HISTORY)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await second.call('manager.status')).toMatchObject({ ok: true, value: { unlocked: false } });

    expect(await second.call('manager.unlock', { pin: MANAGER.pin })).toMatchObject({ ok: true });
    expect(await second.call('manager.lock')).toMatchObject({ ok: true, value: { unlocked: false } });
    expect(second.events.filter((event) => event.name === 'manager.locked')).toHaveLength(1);
    expect(first.events.filter((event) => event.name === 'manager.locked')).toHaveLength(0);
    expect(await first.call('history.page', HISTORY)).toMatchObject({ ok: true });

    // The first page reloads: a new socket, with the token its old one was handed. Its session did not survive.
    const token = second.nextToken;
    await first.close();
    const reloaded = await PageSocket.open(token);
    expect(await reloaded.call('history.page', HISTORY)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await reloaded.close();
    await second.close();
  });
});
