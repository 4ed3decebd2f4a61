// A browser-host socket as a caller: it hears the events its role may hear, and its calls go to the dispatcher as
// that caller (which refuses what the role may not call: a customer display, anything). Heartbeat pings are answered.
import type { WebSocket } from 'ws';
import type { Caller, EventName, EventPayload } from '../../app/contract.ts';
import type { Dispatch } from '../../app/contract-check.ts';
import type { CallerRegistry, Listener } from '../callers/caller-registry.ts';
import { answeredPing } from './heartbeat.ts';

/** Joins the socket to the registry as `caller` until it closes, and serves its calls. */
export function serveSocket(ws: WebSocket, caller: Caller, callers: CallerRegistry, dispatch: Dispatch, onClose: () => void): void {
  const leave = callers.join(socketListener(ws, caller));
  ws.on('close', () => {
    onClose();
    leave();
  });
  serveCalls(ws, caller, dispatch);
}

function socketListener(ws: WebSocket, caller: Caller): Listener {
  return {
    caller,
    send<E extends EventName>(event: E, payload: EventPayload<E>): void {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'event', name: event, payload }));
    },
  };
}

function serveCalls(ws: WebSocket, caller: Caller, dispatch: Dispatch): void {
  ws.on('message', (data, isBinary) => {
    if (!isBinary && Buffer.isBuffer(data) && answeredPing(ws, data.toString('utf8'))) return;
    const call = isBinary || !Buffer.isBuffer(data) ? null : parseCall(data.toString('utf8'));
    if (!call) {
      ws.close(1003, 'not a Kaunter call');
      return;
    }
    void dispatch(caller, call.method, call.payload).then((result) => {
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

/** The token a page offers in its WebSocket sub-protocol (`<prefix><token>`), if any. */
export function offeredToken(header: string | undefined, prefix: string): string | undefined {
  return (header ?? '')
    .split(',')
    .map((part) => part.trim())
    .find((part) => part.startsWith(prefix))
    ?.slice(prefix.length);
}
