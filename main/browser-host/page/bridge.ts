// Runs in the page, before the renderer: gives it the same `window.kaunter` Electron's preload gives, carried over a
// WebSocket to the browser host. The host's one-time token arrives in the URL fragment (never sent to a server or a
// log); each connection earns the next token, kept in sessionStorage so a reload can connect again.
import { buildKaunterApi } from '../../../app/api-shape.ts';
import { EVENT_NAMES, METHOD_NAMES, type EventName, type MethodName, type Result } from '../../../app/contract.ts';

const TOKEN_KEY = 'kaunter.bridge-token';

interface Pending {
  resolve: (result: Result<unknown>) => void;
}

type HostMessage =
  | { type: 'welcome'; nextToken: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: EventName; payload: unknown };

function takeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function connectionLost(message: string): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

function startBridge(): void {
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;
  let open = false;
  let closedReason: string | null = null;

  const token = takeToken();
  const socket = new WebSocket(`ws://${window.location.host}/ipc`, token ? [`kaunter.${token}`] : []);
  socket.addEventListener('open', () => {
    open = true;
    for (const message of queue.splice(0)) socket.send(message);
  });
  socket.addEventListener('close', () => {
    open = false;
    closedReason = 'The connection to Kaunter was lost. Reload the page with the address Kaunter printed.';
    for (const [, call] of pending) call.resolve(connectionLost(closedReason));
    pending.clear();
  });
  socket.addEventListener('message', (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as HostMessage;
    if (message.type === 'welcome') sessionStorage.setItem(TOKEN_KEY, message.nextToken);
    else if (message.type === 'result') {
      pending.get(message.id)?.resolve(message.result);
      pending.delete(message.id);
    } else listeners.get(message.name)?.forEach((handler) => handler(message.payload));
  });

  const invoke = (method: MethodName, input: unknown): Promise<Result<unknown>> => {
    if (closedReason) return Promise.resolve(connectionLost(closedReason));
    const id = nextId++;
    const frame = JSON.stringify({ type: 'call', id, method, payload: input });
    return new Promise((resolve) => {
      pending.set(id, { resolve });
      if (open) socket.send(frame);
      else queue.push(frame);
    });
  };

  const subscribe = (event: EventName, handler: (payload: unknown) => void): (() => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(handler);
    listeners.set(event, set);
    return () => set.delete(handler);
  };

  Object.defineProperty(window, 'kaunter', {
    value: Object.freeze(buildKaunterApi(METHOD_NAMES, EVENT_NAMES, invoke, subscribe)),
    writable: false,
    configurable: false,
  });
}

startBridge();
