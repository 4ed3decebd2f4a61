// The browser host: for development and end-to-end tests where no Electron binary exists. It serves the built renderer
// on 127.0.0.1 and carries the same contract over a WebSocket, dispatched and validated exactly as Electron main does.
// The socket opens only from our own origin and with a one-time token; it is never packaged (electron-builder bundles
// main/main.ts, which does not import this).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventPayload } from '../../app/contract.ts';
import type { ScannerPort } from '../../app/core/ports.ts';
import { trainingRmHost, type TrainingRmHost } from '../../app/core/training-rm.ts';
import type { Dispatch } from '../../app/contract-check.ts';
import { fileLogger, type Logger } from '../../app/logging/logger.ts';
import type { RmHosts } from '../../app/rm/hosts.ts';
import type { KeychainScope, SecretStore } from '../../app/secrets.ts';
import { respondToAppRequest } from '../security/app-protocol.ts';
import { CoreProcess, type CoreLauncher } from '../core-process/core-process.ts';
import { nodeCoreLauncher } from '../core-process/node-launcher.ts';
import { answeredPing } from './heartbeat.ts';
import { createKeychain } from '../keychain/keytar-store.ts';
import { refusalLog } from './refusal-log.ts';
import { TokenChain } from './token-chain.ts';

export interface BrowserHostOptions {
  dataDir: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  downloadsDir: string;
  port?: number;
  scanner?: ScannerPort | null;
  secrets?: (scope: KeychainScope) => SecretStore;
  /** RM's hosts for the real environments, when a test or a support engineer points them at a sandbox. */
  rmHosts?: Partial<Record<'sandbox' | 'production', RmHosts>>;
  version?: string;
  /** Kaunter's log in the data folder by default. */
  log?: Logger;
  /** How the core's process is started; a Node child running main/core-process/entry.ts by default. */
  launchCore?: CoreLauncher;
  /** How long an address's token opens the counter (10 minutes by default). */
  tokenLifetimeMs?: number;
  /** Someone came with an expired address: here is a fresh one for the person at the PC (`npm start` prints it). */
  onNewAddress?: (url: string) => void;
}

export interface BrowserHost {
  /** Open this in a browser: it carries the one-time token in its fragment. */
  url: string;
  origin: string;
  /** The core in its own process: the same contract the page calls, and its restarts. */
  core: CoreProcess;
  /** Training's sandbox, run by this host so it outlives the core's restarts. */
  training: TrainingRmHost;
  close(): Promise<void>;
}

const BRIDGE_PATH = '/__kaunter/bridge.js';
const MAX_MESSAGE_BYTES = 1024 * 1024;

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const log = options.log ?? fileLogger({ dir: options.dataDir });
  const refused = refusalLog(log);
  const sockets = new Set<WebSocket>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const frame = JSON.stringify({ type: 'event', name: event, payload });
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(frame);
  };
  const training = trainingRmHost(options.dataDir, log);
  let core: CoreProcess;
  try {
    const launch = options.launchCore ?? nodeCoreLauncher({ stderr: (text) => log.error(`core process: ${text.trimEnd()}`) });
    core = await CoreProcess.start(launch, {
      init: { dataDir: options.dataDir, host: 'browser', version: options.version ?? '0.0.0-dev', downloadsDir: options.downloadsDir, rmHosts: options.rmHosts ?? {} },
      secrets: options.secrets ?? ((environment) => createKeychain({ environment })),
      scanner: options.scanner ?? null,
      trainingRm: () => training.get(),
      log,
      emit,
    });
  } catch (error) {
    await training.close();
    throw error;
  }
  const dispatch = core.dispatch;
  const bridge = await bundleBridge();

  const server = http.createServer((req, res) => {
    // A page on another site that rebinds its DNS name to 127.0.0.1 sends its own Host: it gets nothing.
    if (req.headers.host !== new URL(origin).host) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Wrong host');
      return;
    }
    void serve(req, res, options.rendererDir, bridge, () => origin);
  });
  const tokens = new TokenChain(undefined, options.tokenLifetimeMs);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node drops its own error listener before 'upgrade': without this, a peer resetting the connection kills the host.
    socket.on('error', () => socket.destroy());
    const refusal = refuseUpgrade(req, origin, tokens);
    if (refusal) {
      refused(refusal);
      if (refusal === 'expired token') options.onNewAddress?.(addressWith(tokens.renew()));
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, dispatch, sockets, tokens, log));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const addressWith = (token: string): string => `${origin}/#token=${token}`;
  // Open pages get their next token before the one they hold runs out, so a reload hours later still connects.
  const refresh = setInterval(() => {
    if (sockets.size === 0) return;
    const frame = JSON.stringify({ type: 'welcome', nextToken: tokens.renew() });
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(frame);
  }, tokens.lifetimeMs / 2);
  refresh.unref();

  return {
    url: addressWith(tokens.current),
    origin,
    core,
    training,
    async close() {
      clearInterval(refresh);
      for (const socket of sockets) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await core.close();
      await training.close();
    },
  };
}

function refuseUpgrade(req: http.IncomingMessage, origin: string, tokens: TokenChain): string | null {
  if (req.url !== '/ipc') return `path ${req.url ?? ''}`;
  // As for every page request: a site that rebinds its DNS name to 127.0.0.1 sends its own Host.
  if (req.headers.host !== new URL(origin).host) return `host ${req.headers.host ?? '(none)'}`;
  if (req.headers.origin !== origin) return `origin ${req.headers.origin ?? '(none)'}`;
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const presented = offered.find((p) => p.startsWith('kaunter.'))?.slice('kaunter.'.length);
  const verdict = tokens.verdict(presented);
  if (verdict === 'expired') return 'expired token';
  if (verdict === 'wrong') return 'missing or stale token';
  return null;
}

function accept(ws: WebSocket, dispatch: Dispatch, sockets: Set<WebSocket>, tokens: TokenChain, log: Logger): void {
  ws.on('error', (error) => log.warn(`browser host: socket error ${error.message}`));
  const next = tokens.take(ws.protocol.slice('kaunter.'.length));
  if (!next) {
    // Two sockets offered the same token at once and the other one spent it first.
    log.warn('browser host: refused a socket: its token was spent by another socket at the same moment');
    ws.close(1008, 'token');
    return;
  }
  sockets.add(ws);
  ws.on('close', () => sockets.delete(ws));
  ws.send(JSON.stringify({ type: 'welcome', nextToken: next }));
  ws.on('message', (data, isBinary) => {
    if (!isBinary && Buffer.isBuffer(data) && answeredPing(ws, data.toString('utf8'))) return;
    const call = isBinary || !Buffer.isBuffer(data) ? null : parseCall(data.toString('utf8'));
    if (!call) {
      ws.close(1003, 'not a Kaunter call');
      return;
    }
    void dispatch(call.method, call.payload).then((result) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: call.id, result }));
    });
  });
}

function parseCall(text: string): { id: number; method: unknown; payload: unknown } | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { type, id, method, payload } = message as Record<string, unknown>;
  if (type !== 'call' || typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  return { id, method, payload };
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse, rendererDir: string, bridge: string, origin: () => string): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path === BRIDGE_PATH) {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    res.end(bridge);
    return;
  }
  // The same files, headers and path checks as Electron's app:// handler, with the request re-addressed to it.
  const response = await respondToAppRequest({ url: `app://kaunter${req.url ?? '/'}`, method: req.method ?? 'GET' }, rendererDir);
  const headers = Object.fromEntries(response.headers);
  let body = Buffer.from(await response.arrayBuffer());
  if (response.ok && headers['content-type']?.startsWith('text/html')) {
    body = Buffer.from(body.toString('utf8').replace('<head>', `<head><script src="${BRIDGE_PATH}"></script>`), 'utf8');
    headers['content-length'] = String(body.length);
  }
  headers['content-security-policy'] = (headers['content-security-policy'] ?? '').replace("connect-src 'self'", `connect-src 'self' ${origin().replace('http:', 'ws:')}`);
  res.writeHead(response.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'page', 'bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    legalComments: 'none',
  });
  return result.outputFiles[0]?.text ?? '';
}
