// The browser host: for development and end-to-end tests where no Electron binary exists. It serves the built renderer
// on 127.0.0.1 and carries the same contract over a WebSocket, dispatched and validated exactly as Electron main does.
// The socket opens only from our own origin and with a one-time token; it is never packaged (electron-builder bundles
// main/main.ts, which does not import this). A customer display page at /display pairs by a code instead
// (display-door.ts) and can only watch.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Caller } from '../../app/contract.ts';
import type { ScannerPort } from '../../app/core/ports.ts';
import { trainingRmHost, type TrainingRmHost } from '../../app/core/training-rm.ts';
import type { Dispatch } from '../../app/contract-check.ts';
import { fileLogger, type Logger } from '../../app/logging/logger.ts';
import type { RmHosts } from '../../app/rm/hosts.ts';
import type { KeychainScope, SecretStore } from '../../app/secrets.ts';
import { CallerRegistry } from '../callers/caller-registry.ts';
import { respondToAppRequest } from '../security/app-protocol.ts';
import { CoreProcess, type CoreLauncher } from '../core-process/core-process.ts';
import { nodeCoreLauncher } from '../core-process/node-launcher.ts';
import { DISPLAY_PAGE_PATH, DISPLAY_PAIR_PATH, DISPLAY_SOCKET_PATH, DisplayDoor } from './display-door.ts';
import { createKeychain } from '../keychain/keytar-store.ts';
import { refusalLog } from './refusal-log.ts';
import { listenOnRememberedPort } from './remembered-port.ts';
import { offeredToken, serveSocket } from './socket-caller.ts';
import { TokenChain, type Admission } from './token-chain.ts';

export interface BrowserHostOptions {
  dataDir: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  downloadsDir: string;
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
const DISPLAY_BRIDGE_PATH = '/__kaunter/display-bridge.js';
const COUNTER_SOCKET_PATH = '/ipc';
const MAX_MESSAGE_BYTES = 1024 * 1024;

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const log = options.log ?? fileLogger({ dir: options.dataDir });
  const refused = refusalLog(log);
  const sockets = new Set<WebSocket>();
  const callers = new CallerRegistry((callerId) => core.callerGone(callerId));
  const displays = new DisplayDoor(refused, options.tokenLifetimeMs);
  const training = trainingRmHost(options.dataDir, log);
  let core: CoreProcess;
  try {
    const launch = options.launchCore ?? nodeCoreLauncher({ stderr: (text) => log.error(`core process: ${text.trimEnd()}`) });
    core = await CoreProcess.start(launch, {
      init: { dataDir: options.dataDir, host: 'browser', version: options.version ?? '0.0.0-dev', downloadsDir: options.downloadsDir, rmHosts: options.rmHosts ?? {} },
      secrets: options.secrets ?? ((environment) => createKeychain({ environment })),
      scanner: options.scanner ?? null,
      customerDisplay: { kind: 'pairing', pairingCode: () => Promise.resolve(displays.newCode()) },
      trainingRm: () => training.get(),
      log,
      emit: callers.emit,
    });
  } catch (error) {
    await training.close();
    throw error;
  }
  const dispatch = core.dispatch;
  const bridges = { counter: await bundleBridge('bridge.ts'), display: await bundleBridge('display-bridge.ts') };

  const server = http.createServer((req, res) => {
    // A page on another site that rebinds its DNS name to 127.0.0.1 sends its own Host: it gets nothing.
    if (req.headers.host !== new URL(origin).host) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Wrong host');
      return;
    }
    if (req.method === 'POST' && req.url === DISPLAY_PAIR_PATH) {
      // Only the display page itself may try a code: another site's page posting here is refused before the code is read.
      if (req.headers.origin === origin) void displays.pair(req, res);
      else res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden');
      return;
    }
    void serve(req, res, options.rendererDir, bridges, () => origin);
  });
  const tokens = new TokenChain(undefined, options.tokenLifetimeMs);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node drops its own error listener before 'upgrade': without this, a peer resetting the connection kills the host.
    socket.on('error', () => socket.destroy());
    const display = req.url === DISPLAY_SOCKET_PATH;
    const foreign = refuseForeign(req, origin);
    const admission: Admission = foreign ? { refused: foreign } : display ? displays.admit(req) : admitCounter(req, tokens);
    if ('refused' in admission) {
      refused(admission.refused);
      if (admission.refused === EXPIRED_TOKEN) options.onNewAddress?.(addressWith(tokens.renew()));
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (error) => log.warn(`browser host: socket error ${error.message}`));
      if (display) displays.accept(ws, admission.next, callers, dispatch);
      else accept(ws, admission.next, dispatch, sockets, callers);
    });
  });
  const origin = `http://127.0.0.1:${await listenOnRememberedPort(server, options.dataDir, log)}`;
  const addressWith = (token: string): string => `${origin}/#token=${token}`;
  // Open pages get their next token before the one they hold runs out, so a reload hours later still connects.
  const refresh = setInterval(() => {
    displays.renewOpen();
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
      displays.close();
      wss.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await core.close();
      await training.close();
    },
  };
}

/** What every socket must pass: one of our paths, our Host (against DNS rebinding, as page requests), our own page. */
function refuseForeign(req: http.IncomingMessage, origin: string): string | null {
  if (req.url !== COUNTER_SOCKET_PATH && req.url !== DISPLAY_SOCKET_PATH) return `path ${req.url ?? ''}`;
  if (req.headers.host !== new URL(origin).host) return `host ${req.headers.host ?? '(none)'}`;
  if (req.headers.origin !== origin) return `origin ${req.headers.origin ?? '(none)'}`;
  return null;
}

const EXPIRED_TOKEN = 'expired token';

function admitCounter(req: http.IncomingMessage, tokens: TokenChain): Admission {
  const admission = tokens.admit(offeredToken(req.headers['sec-websocket-protocol'], 'kaunter.'));
  if ('next' in admission) return admission;
  return { refused: admission.refused === 'expired' ? EXPIRED_TOKEN : 'missing or stale token' };
}

function accept(ws: WebSocket, nextToken: string, dispatch: Dispatch, sockets: Set<WebSocket>, callers: CallerRegistry): void {
  sockets.add(ws);
  ws.send(JSON.stringify({ type: 'welcome', nextToken }));
  // Each socket is a caller of its own: a manager unlock on it unlocks it and no other socket, and ends when it closes.
  const caller: Caller = { id: `socket:${randomUUID()}`, role: 'counter' };
  serveSocket(ws, caller, callers, dispatch, () => sockets.delete(ws));
}

interface Bridges {
  counter: string;
  display: string;
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse, rendererDir: string, bridges: Bridges, origin: () => string): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path === BRIDGE_PATH || path === DISPLAY_BRIDGE_PATH) {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    res.end(path === BRIDGE_PATH ? bridges.counter : bridges.display);
    return;
  }
  // The customer display's page gets its own bridge, which can only hear the display's state.
  const display = path === DISPLAY_PAGE_PATH || path === `${DISPLAY_PAGE_PATH}.html`;
  const file = path === DISPLAY_PAGE_PATH ? `${DISPLAY_PAGE_PATH}.html` : (req.url ?? '/');
  // The same files, headers and path checks as Electron's app:// handler, with the request re-addressed to it.
  const response = await respondToAppRequest({ url: `app://kaunter${file}`, method: req.method ?? 'GET' }, rendererDir);
  const headers = Object.fromEntries(response.headers);
  let body = Buffer.from(await response.arrayBuffer());
  if (response.ok && headers['content-type']?.startsWith('text/html')) {
    const bridge = display ? DISPLAY_BRIDGE_PATH : BRIDGE_PATH;
    body = Buffer.from(body.toString('utf8').replace('<head>', `<head><script src="${bridge}"></script>`), 'utf8');
    headers['content-length'] = String(body.length);
  }
  headers['content-security-policy'] = (headers['content-security-policy'] ?? '').replace("connect-src 'self'", `connect-src 'self' ${origin().replace('http:', 'ws:')}`);
  res.writeHead(response.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function bundleBridge(file: string): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'page', file)],
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
