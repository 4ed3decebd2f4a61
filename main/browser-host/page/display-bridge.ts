// Runs in the customer display's page (/display), before it: gives it `window.kaunterDisplay`, the same read-only API
// Electron's display preload gives, over a WebSocket to the browser host. The page pairs by the code a manager made on
// the counter (posted to /display/pair, which answers with a token); each connection earns the next token, kept in
// sessionStorage so a reload or a reconnect finds its way back. It can hear the display's state and nothing else, and
// has no way to call the core.
import type { CustomerDisplayApi, DisplayState, PairingStatus } from '../../../app/contract.ts';
import { connectToHost, hostAnswers } from './host-socket.ts';

const TOKEN_KEY = 'kaunter.display-token';
const RETRY_EVERY_MS = 1_000;

type HostMessage = { type: 'event'; name: string; payload: unknown };

function startDisplayBridge(): void {
  const stateHandlers = new Set<(state: DisplayState) => void>();
  const pairingHandlers = new Set<(status: PairingStatus) => void>();
  let latest: DisplayState | null = null;
  let status: PairingStatus = { state: 'needed' };

  const tell = (next: PairingStatus): void => {
    status = next;
    pairingHandlers.forEach((handler) => handler(next));
  };

  const connect = (token: string): void => {
    connectToHost<HostMessage>('/display-ipc', [`kaunter-display.${token}`], TOKEN_KEY, {
      onWelcome: () => {
        if (status.state !== 'paired') tell({ state: 'paired' });
      },
      onMessage: (message) => {
        if (message.type !== 'event' || message.name !== 'display.state') return;
        latest = message.payload as DisplayState;
        stateHandlers.forEach((handler) => handler(latest as DisplayState));
      },
      onEnd: (welcomed) => void retry(welcomed),
    });
  };

  // A socket that closed before its welcome while the host still answers pages was refused: its token is void (the
  // host restarted, or another display was paired), so this page must be paired again. Otherwise the host is away.
  const retry = async (wasWelcomed: boolean): Promise<void> => {
    const answers = await hostAnswers();
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (answers && (!wasWelcomed || token === null)) {
      sessionStorage.removeItem(TOKEN_KEY);
      tell({ state: 'needed' });
      return;
    }
    tell({ state: 'lost' });
    setTimeout(() => connect(token ?? ''), RETRY_EVERY_MS);
  };

  const pair = (code: string): void => {
    tell({ state: 'pairing' });
    void fetch('/display/pair', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }), cache: 'no-store' }).then(
      async (response) => {
        if (response.ok) {
          connect(((await response.json()) as { token: string }).token);
          return;
        }
        tell({ state: 'refused', reason: response.status === 429 ? 'limited' : 'wrong' });
      },
      () => tell({ state: 'refused', reason: 'wrong' }),
    );
  };

  const api: CustomerDisplayApi = {
    onState: (handler) => {
      stateHandlers.add(handler);
      if (latest) handler(latest);
      return () => stateHandlers.delete(handler);
    },
    pairing: {
      onChange: (handler) => {
        pairingHandlers.add(handler);
        handler(status);
        return () => pairingHandlers.delete(handler);
      },
      pair,
    },
  };

  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) connect(saved);
  Object.defineProperty(window, 'kaunterDisplay', { value: Object.freeze(api), writable: false, configurable: false });
}

startDisplayBridge();
