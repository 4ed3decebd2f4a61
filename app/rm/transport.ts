// One HTTP exchange that knows how far it got. `fetch` cannot say whether a failed request was fully written before it
// failed; node:http can ('finish' fires only once the last byte is handed to the kernel). That line is the difference
// between "RM certainly did not apply this award" and "RM may have applied it" (docs/revenue-monster.md, What the API
// does not give).
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { TRANSPORT_CODES } from './errors.ts';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body: string | null;
  /**
   * Non-idempotent requests (awards, cancels) always use a fresh connection: a reused keep-alive socket that the server
   * closed while idle fails after the write, which would make a never-received award look "maybe applied".
   */
  idempotent: boolean;
}

export interface TransportTimeouts {
  /** From start until the whole request is written (DNS, connect, TLS, upload). Expiry: certainly not applied. */
  sendTimeoutMs: number;
  /** From the last byte written until the whole response is read. Expiry: maybe applied. */
  responseTimeoutMs: number;
  /** After this long, `onSlow` fires once so the counter can say "still waiting". */
  slowNoticeMs: number;
}

// RM's own clients wait 60-95 s for an answer. A counter cannot show a spinner that long without a word, so it says
// "still waiting" after a few seconds but keeps waiting nearly as long as RM's clients: every early give-up after the
// request was written is an award a manager must reconcile by hand.
export const DEFAULT_TIMEOUTS: TransportTimeouts = {
  sendTimeoutMs: 15_000,
  responseTimeoutMs: 60_000,
  slowNoticeMs: 4_000,
};

export type HttpOutcome =
  | { kind: 'response'; status: number; body: string }
  /** The request was not fully written: the server cannot have acted on it. */
  | { kind: 'notSent'; code: string; detail: string }
  /** The request was written but no complete answer came back: the server may have acted on it. */
  | { kind: 'lost'; code: string; detail: string };

export interface SendOptions {
  timeouts?: Partial<TransportTimeouts>;
  onSlow?: () => void;
}

const MAX_RESPONSE_BYTES = 1024 * 1024;
const keepAliveAgents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 4 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 4 }),
};
/**
 * For a fresh connection: no keep-alive, so every award and cancel has a connection of its own, but one agent per
 * scheme, whose TLS session cache lets a new connection resume the last one's session. `agent: false` made a new agent,
 * and so a full handshake with RM (its certificate chain checked again), for every award.
 */
const freshConnectionAgents = {
  'http:': new http.Agent({ keepAlive: false }),
  'https:': new https.Agent({ keepAlive: false }),
};

const UNREACHABLE_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
]);

export async function send(request: HttpRequest, options: SendOptions = {}): Promise<HttpOutcome> {
  const first = await exchange(request, options, true);
  // A keep-alive socket the server closed while idle fails as soon as it is used. Only idempotent requests use such
  // sockets, so trying once more on a fresh connection is safe (Node's own advice for reusedSocket errors).
  return first.staleSocket ? (await exchange(request, options, false)).outcome : first.outcome;
}

function exchange(request: HttpRequest, options: SendOptions, mayReuse: boolean): Promise<ExchangeResult> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      resolve({ outcome: { kind: 'notSent', code: TRANSPORT_CODES.badRequest, detail: `not a URL: ${request.url}` }, staleSocket: false });
      return;
    }
    new Exchange(url, request, timeouts, options.onSlow, mayReuse, resolve).start();
  });
}

interface ExchangeResult {
  outcome: HttpOutcome;
  /** Failed on a reused keep-alive socket before any answer: worth one retry on a fresh connection. */
  staleSocket: boolean;
}

class Exchange {
  /** The last byte was handed to the socket ('finish'). */
  private flushed = false;
  /** The connection could carry bytes to the server: TCP connected, and for https the TLS handshake done. */
  private connected = false;
  /** Both: only now may the server have the whole request. */
  private written = false;
  private settled = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private req: http.ClientRequest | null = null;
  private answered = false;

  private readonly url: URL;
  private readonly request: HttpRequest;
  private readonly timeouts: TransportTimeouts;
  private readonly onSlow: (() => void) | undefined;
  private readonly mayReuse: boolean;
  private readonly resolve: (result: ExchangeResult) => void;
  constructor(
    url: URL,
    request: HttpRequest,
    timeouts: TransportTimeouts,
    onSlow: (() => void) | undefined,
    mayReuse: boolean,
    resolve: (result: ExchangeResult) => void,
  ) {
    this.url = url;
    this.request = request;
    this.timeouts = timeouts;
    this.onSlow = onSlow;
    this.mayReuse = mayReuse;
    this.resolve = resolve;
  }

  start(): void {
    const isHttps = this.url.protocol === 'https:';
    if (!isHttps && this.url.protocol !== 'http:') {
      this.finish({ kind: 'notSent', code: TRANSPORT_CODES.badRequest, detail: `unsupported scheme ${this.url.protocol}` });
      return;
    }
    const body = this.request.body === null ? null : Buffer.from(this.request.body, 'utf8');
    const headers = { ...this.request.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) };
    const agent = (this.request.idempotent && this.mayReuse ? keepAliveAgents : freshConnectionAgents)[isHttps ? 'https:' : 'http:'];
    const req = (isHttps ? https : http).request(this.url, { method: this.request.method, headers, agent });
    this.req = req;

    this.timers.push(setTimeout(() => this.onSendTimeout(), this.timeouts.sendTimeoutMs));
    if (this.onSlow) this.timers.push(setTimeout(this.onSlow, this.timeouts.slowNoticeMs));
    req.on('socket', (socket) => this.watchConnection(socket, req.reusedSocket));
    req.on('finish', () => {
      this.flushed = true;
      this.checkWritten();
    });
    req.on('response', (res) => this.onResponse(res));
    req.on('error', (error) => this.onError(error));
    req.end(body ?? undefined);
  }

  // 'finish' alone is not proof of delivery: before a TLS handshake completes, Node queues the request and reports it
  // flushed (seen here: a handshake failure after 'finish'). So a request counts as written only once the connection is
  // also up; an error before that is certainly "not applied".
  private watchConnection(socket: Socket, reused: boolean): void {
    const ready = socket instanceof TLSSocket ? 'secureConnect' : 'connect';
    if (reused || !socket.connecting) {
      if (!(socket instanceof TLSSocket) || reused) this.onConnected();
      else socket.once(ready, () => this.onConnected());
      return;
    }
    socket.once(ready, () => this.onConnected());
  }

  private onConnected(): void {
    this.connected = true;
    this.checkWritten();
  }

  private checkWritten(): void {
    if (this.written || !this.flushed || !this.connected) return;
    this.written = true;
    this.timers.push(setTimeout(() => this.onResponseTimeout(), this.timeouts.responseTimeoutMs));
  }

  private onSendTimeout(): void {
    if (this.written) return;
    this.abort({ kind: 'notSent', code: TRANSPORT_CODES.connectTimeout, detail: `not sent within ${this.timeouts.sendTimeoutMs} ms` });
  }

  private onResponseTimeout(): void {
    this.abort({ kind: 'lost', code: TRANSPORT_CODES.responseTimeout, detail: `no answer within ${this.timeouts.responseTimeoutMs} ms` });
  }

  private onResponse(res: http.IncomingMessage): void {
    // An answer means the server read the request, even if 'finish' has not fired yet (an early error reply).
    this.written = true;
    this.answered = true;
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) {
        this.abort({ kind: 'lost', code: TRANSPORT_CODES.badResponse, detail: 'response larger than 1 MiB' });
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => {
      this.finish({ kind: 'response', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
    });
    res.on('aborted', () => this.onError(new Error('response aborted')));
    res.on('error', (error) => this.onError(error));
  }

  private onError(error: Error & { code?: string }): void {
    const detail = `${error.code ?? 'ERROR'}: ${error.message}`;
    if (this.written) {
      this.finish({ kind: 'lost', code: TRANSPORT_CODES.connectionLost, detail });
    } else {
      this.finish({ kind: 'notSent', code: classifyUnsentError(error), detail });
    }
  }

  private abort(outcome: HttpOutcome): void {
    this.finish(outcome);
    this.req?.destroy();
  }

  private finish(outcome: HttpOutcome): void {
    if (this.settled) return;
    this.settled = true;
    for (const timer of this.timers) clearTimeout(timer);
    const staleSocket = outcome.kind === 'lost' && outcome.code === TRANSPORT_CODES.connectionLost && !this.answered && this.req?.reusedSocket === true;
    this.resolve({ outcome, staleSocket });
  }
}

function classifyUnsentError(error: Error & { code?: string }): string {
  const code = error.code ?? '';
  if (UNREACHABLE_ERRORS.has(code)) return TRANSPORT_CODES.unreachable;
  const tlsCode = code === 'EPROTO' || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code);
  if (tlsCode || error.message.includes('SSL routines')) {
    return TRANSPORT_CODES.tls;
  }
  return TRANSPORT_CODES.unreachable;
}

/** For tests and shutdown: close idle keep-alive sockets so the process can exit promptly. */
export function closeIdleConnections(): void {
  keepAliveAgents['http:'].destroy();
  keepAliveAgents['https:'].destroy();
}
