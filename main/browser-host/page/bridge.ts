// Runs in the page, before the renderer: gives it the same `window.kaunter` Electron's preload gives, carried over a
// WebSocket to the browser host. The host's one-time token arrives in the URL fragment (never sent to a server or a
// log); each connection earns the next token, kept in sessionStorage so a reload, or a reconnect after the host was
// unreachable, can connect again. A heartbeat finds a lost host within 3 s; the page says so (the `host.connection`
// event) and keeps trying until the host answers again.
import { buildKaunterApi } from '../../../app/api-shape.ts';
import { EVENT_NAMES, METHOD_NAMES, type EventName, type EventPayload, type MethodName, type Result } from '../../../app/contract.ts';
import { say } from '../../../app/messages.ts';
import { connectToHost, hostAnswers } from './host-socket.ts';

const TOKEN_KEY = 'kaunter.bridge-token';
const RETRY_EVERY_MS = 1_000;

interface Pending {
  resolve: (result: Result<unknown>) => void;
}

type HostMessage = { type: 'result'; id: number; result: Result<unknown> } | { type: 'event'; name: EventName; payload: unknown };

function takeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The page's own refusal while the host does not answer: with its catalogue key, like every error the screens get. */
function connectionLost(): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message: say('error.connectionLost'), key: 'error.connectionLost' } };
}

function startBridge(): void {
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let open = false;
  let lost = false;

  const deliver = (name: EventName, payload: unknown): void => listeners.get(name)?.forEach((handler) => handler(payload));
  const tellConnection = (state: EventPayload<'host.connection'>['state']): void => deliver('host.connection', { state });

  const failPending = (): void => {
    for (const [, call] of pending) call.resolve(connectionLost());
    pending.clear();
  };

  // A socket refused while the host's page still loads: the host was restarted and issued new tokens, so only the
  // address it printed then can connect. (A browser cannot tell a refused handshake from an absent host otherwise.)
  const checkRefused = async (): Promise<void> => {
    if ((await hostAnswers()) && lost) tellConnection('refused');
  };

  const connect = (token: string | null): void => {
    socket = connectToHost<HostMessage>('/ipc', token ? [`kaunter.${token}`] : [], TOKEN_KEY, {
      onOpen: (ws) => {
        open = true;
        for (const message of queue.splice(0)) ws.send(message);
      },
      onWelcome: () => {
        if (!lost) return;
        lost = false;
        tellConnection('connected');
      },
      onMessage: (message) => {
        if (message.type === 'result') {
          pending.get(message.id)?.resolve(message.result);
          pending.delete(message.id);
        } else deliver(message.name, message.payload);
      },
      onEnd: (welcomed) => {
        if (lost && !welcomed) void checkRefused();
        socket = null;
        open = false;
        if (!lost) {
          lost = true;
          failPending();
          tellConnection('lost');
        }
        setTimeout(() => connect(sessionStorage.getItem(TOKEN_KEY)), RETRY_EVERY_MS);
      },
    });
  };

  const invoke = (method: MethodName, input: unknown): Promise<Result<unknown>> => {
    if (lost) return Promise.resolve(connectionLost());
    const id = nextId++;
    const frame = JSON.stringify({ type: 'call', id, method, payload: input });
    return new Promise((resolve) => {
      pending.set(id, { resolve });
      if (open && socket) socket.send(frame);
      else queue.push(frame);
    });
  };

  const subscribe = (event: EventName, handler: (payload: unknown) => void): (() => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(handler);
    listeners.set(event, set);
    return () => set.delete(handler);
  };

  connect(takeToken());
  Object.defineProperty(window, 'kaunter', {
    value: Object.freeze(buildKaunterApi(METHOD_NAMES, EVENT_NAMES, invoke, subscribe)),
    writable: false,
    configurable: false,
  });
}

startBridge();
