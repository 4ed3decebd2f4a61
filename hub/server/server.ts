// `kaunter hub serve`: HTTP(S) for counters and browsers. TLS when given a certificate; plain HTTP only on loopback
// (where a reverse proxy on the same machine terminates TLS). Stateless: every request reads and writes PostgreSQL only.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Pool } from '../db/pool.ts';
import { HubError, isStatementTimeout, saidRefusal } from '../errors.ts';
import { sendError, sendJson } from './body.ts';
import { Router } from './router.ts';
import { NO_PROXY, type TrustedProxies } from './client-address.ts';
import { DEFAULT_UI_DIR, serveUi } from './static.ts';
import type { TlsPair } from './tls-files.ts';
import { addTerminalRoutes } from './terminal-routes.ts';
import { addUserRoutes } from './user-routes.ts';

export interface ServeOptions {
  /** Counters' pushes, check-ins and restores. */
  pool: Pool;
  /**
   * The head-office pages' sign-ins, reports, exports and decisions (default: `pool`). `kaunter hub serve` gives them a
   * small pool of their own, so that no report or export, however big or many, takes the connections counters push
   * through.
   */
  browserPool?: Pool;
  host: string;
  port: number;
  /** The certificate chain and its key, checked by readTlsFiles. */
  tls?: TlsPair;
  /**
   * Reverse proxies whose X-Forwarded-For names the client (for the per-address sign-in limit) and whose
   * X-Forwarded-Proto: https keeps session cookies Secure; none by default.
   */
  trustProxy?: TrustedProxies;
  /** The built head-office pages (default dist/hub-ui). */
  uiDir?: string;
  /** How long an export waits for a browser that stopped reading its download (default a minute). */
  exportStallMs?: number;
  /** How long an export may take in all, however slowly its browser reads (default half an hour). */
  exportDeadlineMs?: number;
  log?: (line: string) => void;
}

const EXPORT_STALL_MS = 60_000;
const EXPORT_DEADLINE_MS = 30 * 60_000;

export interface RunningHub {
  url: string;
  server: Server;
  /**
   * Stops taking connections and answers the requests under way, for up to `graceMs` (default none); then cuts what
   * is left (an export can run for half an hour). A counter's push cut halfway is sent again and applied once, but a
   * restart that answers it first spares the counter a round of back-off and the shop an "unreachable" for nothing.
   */
  close(graceMs?: number): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export async function serveHub(options: ServeOptions): Promise<RunningHub> {
  if (!options.tls && !isLoopback(options.host)) {
    throw new Error(`Plain HTTP is only for loopback. To listen on ${options.host}, give --tls-cert and --tls-key, or listen on 127.0.0.1 behind a reverse proxy that terminates TLS.`);
  }
  const log = options.log ?? ((line: string) => console.error(line));
  const router = new Router();
  router.on('GET', '/healthz', async ({ response }) => {
    await options.pool.query('SELECT 1');
    sendJson(response, 200, { ok: true });
  });
  addTerminalRoutes(router, options.pool, log);
  addUserRoutes(router, options.browserPool ?? options.pool, {
    secure: Boolean(options.tls),
    proxies: options.trustProxy ?? NO_PROXY,
    exportStallMs: options.exportStallMs ?? EXPORT_STALL_MS,
    exportDeadlineMs: options.exportDeadlineMs ?? EXPORT_DEADLINE_MS,
  });

  const uiDir = options.uiDir ?? DEFAULT_UI_DIR;
  // Nothing here may throw: an error outside a route's promise would end the process, and with it every counter's sync.
  let closing = false;
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    // Closing: a connection kept alive after its answer would hold the close open until it timed out.
    response.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    // Served over TLS, browsers are told to use nothing else here for a year (a proxy in front sets its own).
    if (options.tls) response.setHeader('strict-transport-security', 'max-age=31536000');
    const url = URL.parse(request.url ?? '/', 'http://hub.invalid');
    if (url === null) {
      sendError(response, new HubError('BAD_REQUEST', 'That address is not valid: check the link and try again.'));
      return;
    }
    if (request.method === 'GET' && serveUi(uiDir, url.pathname, response)) return;
    void dispatch(router, request, url, response, log);
  };
  const server = options.tls ? createHttpsServer(options.tls, handle) : createHttpServer(handle);
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) => reject(listenProblem(error, options.host, options.port));
    server.once('error', refused);
    server.listen(options.port, options.host, () => {
      // Listening: a later error (an accept the system refused) is logged, neither swallowed by this settled promise
      // nor, with no listener, thrown out of the process.
      server.off('error', refused);
      server.on('error', (error) => log(`hub: the server reported an error, and goes on serving: ${error.message}`));
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
    server,
    close: (graceMs = 0) =>
      new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        closing = true;
        server.closeIdleConnections();
      }),
  };
}

/** Why the hub could not listen, said as what to change; anything unforeseen as it is. */
function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const say: Record<string, string> = {
    EADDRINUSE: `Port ${port} on ${host} is already in use (another hub, or another program): stop that one, or give --port another.`,
    EADDRNOTAVAIL: `${host} is not an address of this machine: give --host one of its addresses, or 0.0.0.0 for all of them.`,
    EACCES:
      port < 1024
        ? `This user may not listen on port ${port} (below 1024): give --port 1024 or above, or serve behind a reverse proxy.`
        : `This system does not let the hub listen on port ${port} (a reserved port, or a security policy): give --port another.`,
    ENOTFOUND: `--host ${host} is neither an address nor a name this machine can look up: give one of its addresses, or 0.0.0.0.`,
    EAI_AGAIN: `--host ${host} could not be looked up (no answer from DNS): give an IP address, or try again.`,
  };
  const words = error.code === undefined ? undefined : say[error.code];
  return words === undefined ? error : new Error(words);
}

async function dispatch(router: Router, request: IncomingMessage, url: URL, response: ServerResponse, log: (line: string) => void): Promise<void> {
  try {
    const match = router.match(request.method ?? 'GET', url.pathname);
    if (match === null) throw new HubError('NOT_FOUND', `There is nothing at ${url.pathname}.`);
    if (match === 'wrong-method') throw new HubError('BAD_REQUEST', `${request.method ?? ''} is not allowed on ${url.pathname}.`);
    await match.handler({ request, response, url, param: match.param });
  } catch (error) {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (error instanceof HubError) {
      sendError(response, error);
      return;
    }
    log(`hub: ${request.method ?? ''} ${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
    if (isStatementTimeout(error)) {
      sendError(response, saidRefusal('BAD_REQUEST', 'headOffice.tooLong'));
      return;
    }
    if (isBadValue(error)) {
      sendError(response, new HubError('BAD_REQUEST', 'The hub cannot store a value in this request (a number out of range, or text it cannot keep). Nothing was applied.'));
      return;
    }
    sendError(response, saidRefusal('UNAVAILABLE', 'headOffice.unavailable', {}, { retryAfterSeconds: 2 }));
  }
}

/**
 * PostgreSQL refused a value itself (SQLSTATE class 22: out of range, a character it cannot keep). Sending it again
 * cannot help, so it is a refusal, not the "try again" an outage gets: a counter then says "refused" with the reason
 * instead of "waiting" for a hub that seems down.
 */
function isBadValue(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}
