// The customer display's way into the browser host. The page at /display posts the code a manager made on the counter
// to /display/pair; a right code gets it a token of its own (a TokenChain, as the counter's page has), with which it
// opens /display-ipc. That socket is a caller with the role `display`: it hears the display's state and nothing else,
// and every call from it is refused. Someone who only knows the addresses gets the pairing form and nothing more;
// wrong codes are counted (display-pairing.ts) and refusals logged. Pairing a new display ends the one before.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { WebSocket } from 'ws';
import type { PairingCode } from '../../app/core/ports.ts';
import type { Dispatch } from '../../app/contract-check.ts';
import type { CallerRegistry } from '../callers/caller-registry.ts';
import { PairingDoor } from './display-pairing.ts';
import { offeredToken, serveSocket } from './socket-caller.ts';
import { TokenChain, type Admission } from './token-chain.ts';

export const DISPLAY_PAGE_PATH = '/display';
export const DISPLAY_PAIR_PATH = '/display/pair';
export const DISPLAY_SOCKET_PATH = '/display-ipc';
export const DISPLAY_PROTOCOL_PREFIX = 'kaunter-display.';
const MAX_PAIR_BODY_BYTES = 256;

export class DisplayDoor {
  private readonly pairing = new PairingDoor();
  private tokens: TokenChain | null = null;
  private readonly sockets = new Set<WebSocket>();

  private readonly refused: (reason: string) => void;
  private readonly lifetimeMs: number | undefined;
  constructor(
    refused: (reason: string) => void,
    lifetimeMs: number | undefined,
  ) {
    this.refused = refused;
    this.lifetimeMs = lifetimeMs;
  }

  newCode(): PairingCode {
    return this.pairing.issue();
  }

  /** POST /display/pair {"code": "123456"}: a token for the page, or why not (403 wrong, 429 too many tries). */
  async pair(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const code = await readCode(req);
    const verdict = code === null ? ({ ok: false, reason: 'wrong' } as const) : this.pairing.attempt(code);
    const reply = (status: number, body: object): void => void res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
    if (!verdict.ok) {
      this.refused(`customer display pairing: ${verdict.reason === 'limited' ? 'too many wrong codes' : 'wrong or expired code'}`);
      reply(verdict.reason === 'limited' ? 429 : 403, { reason: verdict.reason });
      return;
    }
    for (const socket of this.sockets) socket.close(4001, 'another display was paired');
    this.tokens = new TokenChain(undefined, this.lifetimeMs);
    reply(200, { token: this.tokens.current });
  }

  /** The display socket's door: the paired display's current token gets in (and is spent); anything else is refused. */
  admit(req: http.IncomingMessage): Admission {
    if (!this.tokens) return { refused: 'display socket before any pairing' };
    const admission = this.tokens.admit(offeredToken(req.headers['sec-websocket-protocol'], DISPLAY_PROTOCOL_PREFIX));
    return 'next' in admission ? admission : { refused: `display socket with a ${admission.refused} token` };
  }

  accept(ws: WebSocket, nextToken: string, callers: CallerRegistry, dispatch: Dispatch): void {
    this.sockets.add(ws);
    ws.send(JSON.stringify({ type: 'welcome', nextToken }));
    serveSocket(ws, { id: `display:${randomUUID()}`, role: 'display' }, callers, dispatch, () => this.sockets.delete(ws));
  }

  /** An open display page gets its next token before its own runs out, so its reload later still connects. */
  renewOpen(): void {
    if (!this.tokens || this.sockets.size === 0) return;
    const frame = JSON.stringify({ type: 'welcome', nextToken: this.tokens.renew() });
    for (const socket of this.sockets) if (socket.readyState === socket.OPEN) socket.send(frame);
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate();
  }
}

async function readCode(req: http.IncomingMessage): Promise<string | null> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_PAIR_BODY_BYTES) return null;
  }
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    return typeof code === 'string' ? code.trim() : null;
  } catch {
    return null;
  }
}
