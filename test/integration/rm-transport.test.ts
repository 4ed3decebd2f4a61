// The transport's one promise: it knows whether the request was fully written before things went wrong. Each case
// builds the exact socket behaviour with a real server on loopback.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { send, type HttpRequest } from '../../app/rm/transport.ts';

const servers: Array<net.Server> = [];
const sockets = new Set<net.Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: net.Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A raw TCP server that reads one whole HTTP request (headers + Content-Length body) and then does `then`. */
function rawServer(then: (socket: net.Socket) => void): net.Server {
  return net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1] ?? 0);
      if (buffer.length >= headerEnd + 4 + length) {
        socket.removeAllListeners('data');
        then(socket);
      }
    });
  });
}

function post(port: number, body = '{"amount":100}', scheme = 'http'): HttpRequest {
  return { method: 'POST', url: `${scheme}://127.0.0.1:${port}/v3/loyalty/spending-reward`, headers: { 'Content-Type': 'application/json' }, body, idempotent: false };
}

describe('transport: certainly not applied (the request never fully left)', () => {
  it('connection refused', async () => {
    const port = await listen(net.createServer());
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const outcome = await send(post(port));
    expect(outcome).toMatchObject({ kind: 'notSent', code: 'NETWORK_UNREACHABLE' });
    expect(outcome.kind !== 'response' && outcome.detail).toContain('ECONNREFUSED');
  });

  it('DNS failure', async () => {
    const outcome = await send({ ...post(80), url: 'http://kaunter-does-not-exist.invalid/v3/x' });
    expect(outcome).toMatchObject({ kind: 'notSent', code: 'NETWORK_UNREACHABLE' });
  });

  it('TLS failure (the peer does not speak TLS)', async () => {
    const port = await listen(net.createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    const outcome = await send(post(port, '{}', 'https'));
    expect(outcome).toMatchObject({ kind: 'notSent', code: 'TLS_FAILURE' });
  });

  it('reset by the server while the body is still uploading', async () => {
    const port = await listen(
      net.createServer((socket) => {
        socket.once('data', () => socket.resetAndDestroy());
      }),
    );
    const outcome = await send(post(port, JSON.stringify({ pad: 'x'.repeat(32 * 1024 * 1024) })));
    expect(outcome.kind).toBe('notSent');
  });

  it('the upload cannot finish in time (the server never reads)', async () => {
    const port = await listen(net.createServer((socket) => socket.pause()));
    const outcome = await send(post(port, JSON.stringify({ pad: 'x'.repeat(64 * 1024 * 1024) })), { timeouts: { sendTimeoutMs: 300 } });
    expect(outcome).toMatchObject({ kind: 'notSent', code: 'CONNECT_TIMEOUT' });
  });
});

describe('transport: maybe applied (the request was written, the answer never came)', () => {
  it('reset after the whole request arrived', async () => {
    const port = await listen(rawServer((socket) => socket.resetAndDestroy()));
    expect(await send(post(port))).toMatchObject({ kind: 'lost', code: 'CONNECTION_LOST' });
  });

  it('closed after the whole request arrived, with no answer', async () => {
    const port = await listen(rawServer((socket) => socket.end()));
    expect(await send(post(port))).toMatchObject({ kind: 'lost', code: 'CONNECTION_LOST' });
  });

  it('no answer in time', async () => {
    const port = await listen(rawServer(() => {}));
    const started = Date.now();
    const outcome = await send(post(port), { timeouts: { responseTimeoutMs: 250 } });
    expect(outcome).toMatchObject({ kind: 'lost', code: 'RESPONSE_TIMEOUT' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('the answer is cut off half way', async () => {
    const port = await listen(
      rawServer((socket) => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"code":"SUC');
        setTimeout(() => socket.destroy(), 20);
      }),
    );
    expect(await send(post(port))).toMatchObject({ kind: 'lost', code: 'CONNECTION_LOST' });
  });
});

describe('transport: answers', () => {
  it('returns status and body, says "still waiting" once when slow, and uses a fresh connection per award', async () => {
    const connections = new Set<net.Socket>();
    const server = http.createServer((req, res) => {
      connections.add(req.socket);
      setTimeout(() => res.end('{"code":"SUCCESS"}'), 120);
    });
    const port = await listen(server);
    let slowNotices = 0;
    const first = await send(post(port), { timeouts: { slowNoticeMs: 50 }, onSlow: () => (slowNotices += 1) });
    const second = await send(post(port));
    expect(first).toEqual({ kind: 'response', status: 200, body: '{"code":"SUCCESS"}' });
    expect(second.kind).toBe('response');
    expect(slowNotices).toBe(1);
    expect(connections.size).toBe(2);
  });

  it('an idempotent request that dies on a reused keep-alive socket is retried once on a fresh connection', async () => {
    const requestsPerSocket = new Map<net.Socket, number>();
    const server = http.createServer((req, res) => {
      const n = (requestsPerSocket.get(req.socket) ?? 0) + 1;
      requestsPerSocket.set(req.socket, n);
      // The second request on the first connection meets a server that has just dropped the idle socket.
      if (n === 2) req.socket.destroy();
      else res.end('{"code":"SUCCESS"}');
    });
    const port = await listen(server);
    const get = { method: 'GET' as const, url: `http://127.0.0.1:${port}/v3/loyalty/member/1`, headers: {}, body: null, idempotent: true };
    expect((await send(get)).kind).toBe('response');
    expect(await send(get)).toEqual({ kind: 'response', status: 200, body: '{"code":"SUCCESS"}' });
    expect([...requestsPerSocket.values()]).toEqual([2, 1]);
  });

  it('reports a 5xx as a response for the reader to judge', async () => {
    const port = await listen(http.createServer((_req, res) => res.writeHead(503).end()));
    expect(await send(post(port))).toEqual({ kind: 'response', status: 503, body: '' });
  });
});

describe('transport over real TLS', () => {
  // A throwaway self-signed certificate made for this run (openssl is part of every Debian install).
  const dir = mkdtempSync(join(tmpdir(), 'kaunter-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };

  it('an untrusted certificate is a TLS failure, certainly not applied', async () => {
    let requests = 0;
    const port = await listen(https.createServer(tls, (_req, res) => { requests += 1; res.end('{}'); }));
    expect(await send(post(port, '{}', 'https'))).toMatchObject({ kind: 'notSent', code: 'TLS_FAILURE' });
    expect(requests).toBe(0);
  });

  /** The self-signed certificate trusted for `work` alone, as a real RM certificate is trusted. */
  async function trustingTheCertificate(work: () => Promise<void>): Promise<void> {
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      await work();
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
    }
  }

  it('after a completed handshake, a reset once the server has the request is "maybe applied"', async () => {
    const server = https.createServer(tls, (req) => {
      req.resume();
      req.on('end', () => req.socket.destroy());
    });
    const port = await listen(server);
    await trustingTheCertificate(async () => {
      expect(await send(post(port, '{}', 'https'))).toMatchObject({ kind: 'lost', code: 'CONNECTION_LOST' });
    });
  });

  it('each award has a connection of its own, which resumes the TLS session of the one before it', async () => {
    /** Per connection, in order: whether its handshake resumed an earlier session rather than a full one. */
    const resumed: boolean[] = [];
    const server = https.createServer(tls, (_req, res) => res.end('{"code":"SUCCESS"}'));
    server.on('secureConnection', (socket) => resumed.push(socket.isSessionReused()));
    const port = await listen(server);
    await trustingTheCertificate(async () => {
      for (let i = 0; i < 3; i += 1) expect(await send(post(port, '{}', 'https'))).toEqual({ kind: 'response', status: 200, body: '{"code":"SUCCESS"}' });
    });
    expect(resumed).toEqual([false, true, true]);
  });
});
