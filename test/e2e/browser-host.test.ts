// The browser host itself, in real Chromium: the same window.kaunter as Electron's preload, the same dispatch, and a
// socket that opens only from our origin with a one-time token.
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../app/contract.ts';
import { startApp, type RunningApp } from './harness.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ rendererDir: join(process.cwd(), 'test', 'fixtures', 'bridge-page') });
  await app.page.waitForFunction(() => document.getElementById('state')?.textContent === 'bridge ready');
});
afterAll(async () => app?.close());

function rawGet(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: Number(new URL(app.host.origin).port), path, headers: { Host: host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function rawSocket(origin: string, protocol: string | null): Promise<{ opened: boolean; closeCode?: number; messages: string[] }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${app.host.origin.replace('http', 'ws')}/ipc`, protocol ? [protocol] : [], { origin });
    const messages: string[] = [];
    ws.on('message', (data: Buffer) => messages.push(data.toString()));
    ws.on('open', () => setTimeout(() => {
      ws.close();
      resolve({ opened: true, messages });
    }, 100));
    ws.on('unexpected-response', () => resolve({ opened: false, messages }));
    ws.on('error', () => resolve({ opened: false, messages }));
  });
}

describe('the browser host', () => {
  it('gives the page window.kaunter with one function per contract method, namespaced, and on()', async () => {
    const shape = await app.page.evaluate(() => {
      const api = window.kaunter as unknown as Record<string, Record<string, unknown> | ((...args: unknown[]) => unknown)>;
      return Object.entries(api).flatMap(([ns, value]) =>
        typeof value === 'function' ? [ns] : Object.keys(value).map((fn) => `${ns}.${fn}`),
      );
    });
    expect(shape.filter((name) => name !== 'on').sort()).toEqual([...METHOD_NAMES].sort());
    expect(shape).toContain('on');
    const badEvent = await app.page.evaluate(() => {
      try {
        (window.kaunter.on as (e: string, h: () => void) => void)('anything', () => undefined);
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(badEvent).toMatch(/no event called "anything"/);
  });

  it('carries calls and events: an award by member ID in training mode, applied once in the sandbox', async () => {
    const info = await app.page.evaluate(() => window.kaunter.app.info({}));
    expect(info).toMatchObject({ ok: true, value: { environment: 'training', training: true, host: 'browser' } });
    const members = (await (await fetch(`${app.sandbox.url}/sandbox/members`)).json()) as { items: Array<{ id: string }> };
    const id = members.items[0]?.id as string;
    const result = await app.page.evaluate(
      (member) => window.kaunter.award.submit({ id: crypto.randomUUID(), amountSen: 1250, member: { type: 'ID', memberId: member } }),
      id,
    );
    expect(result).toMatchObject({ ok: true, value: { settled: true, award: { state: 'AWARDED', amountSen: 1250 } } });
    expect(app.sandbox.ledger()).toHaveLength(1);
    const events = await app.page.evaluate(() => (window as unknown as { received: Array<{ name: string }> }).received.map((e) => e.name));
    expect(events).toContain('award.updated');
    expect(events).toContain('queue.changed');
  });

  it('validates like Electron main: a malformed payload is a typed error, never a crash', async () => {
    const result = await app.page.evaluate(() => window.kaunter.award.submit({ id: 'nope', amountSen: -1 } as never));
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const locked = await app.page.evaluate(() => window.kaunter.history.page({ filter: {}, cursor: null, limit: 10 }));
    expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('delivers a HID scan from main as a scan event', async () => {
    app.hidScan('0172826990');
    await app.page.waitForFunction(() => (window as unknown as { received: Array<{ name: string }> }).received.some((e) => e.name === 'scan'));
    const scan = await app.page.evaluate(() => (window as unknown as { received: Array<{ name: string; payload: unknown }> }).received.find((e) => e.name === 'scan')?.payload);
    expect(scan).toMatchObject({ text: '0172826990', identity: { type: 'PHONENUMBER', phoneNumber: '172826990' }, source: 'hid' });
  });

  it('refuses a socket from another origin even with the valid token, and without a token, or with a used one', async () => {
    const usedToken = new URL(app.host.url).hash.replace('#token=', '');
    const currentToken = await app.page.evaluate(() => sessionStorage.getItem('kaunter.bridge-token'));
    expect(currentToken).toBeTruthy();
    expect((await rawSocket('http://evil.example', `kaunter.${currentToken}`)).opened).toBe(false);
    expect((await rawSocket(app.host.origin, null)).opened).toBe(false);
    expect((await rawSocket(app.host.origin, `kaunter.${usedToken}`)).opened).toBe(false);
    // The same token from our own origin is accepted: the refusals above were the origin's and the token's doing.
    expect((await rawSocket(app.host.origin, `kaunter.${currentToken}`)).opened).toBe(true);
  });

  it('survives a peer that resets the connection mid-upgrade', async () => {
    const socket = net.connect(Number(new URL(app.host.origin).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`GET /ipc HTTP/1.1\r\nHost: ${new URL(app.host.origin).host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nOrigin: http://evil.example\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    socket.resetAndDestroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await fetch(`${app.host.origin}/`)).status).toBe(200);
  });

  it('serves the page with the strict CSP, and nothing outside the renderer folder or to another Host', async () => {
    const response = await fetch(`${app.host.origin}/`);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    expect(await response.text()).toContain('<script src="/__kaunter/bridge.js"></script>');
    // Raw paths, as an attacker sends them (fetch would normalise the dots away before sending).
    for (const path of ['/%2e%2e/%2e%2e/package.json', '/../package.json', '/..%2f..%2fpackage.json', '/page.js/../../bridge-page/page.js']) {
      expect((await rawGet(path, new URL(app.host.origin).host)).status, path).toBeGreaterThanOrEqual(400);
    }
    expect((await rawGet('/page.js', 'attacker.example:80')).status).toBe(421);
    expect((await rawGet('/page.js', new URL(app.host.origin).host)).status).toBe(200);
  });
});
