// The contract on Electron's IPC: one `ipcMain.handle` channel per contract method (no generic channel), each checking
// the sender frame before the shared dispatcher validates the payload. The sender's window names the caller: the
// counter's window, or the customer display's (which may call nothing). Events go to our windows only.
import { METHOD_NAMES, type Caller, type EventName, type EventPayload, type Result } from '../../app/contract.ts';
import type { Dispatch } from '../../app/contract-check.ts';
import type { Listener } from '../callers/caller-registry.ts';
import { isTrustedSender, type IpcSenderEvent } from './sender.ts';

export const CHANNEL_PREFIX = 'kaunter:';
export const EVENT_CHANNEL = 'kaunter:event';

/** The subset of Electron's ipcMain used here. */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: IpcSenderEvent, payload: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

/** One of our windows: its webContents id, and who it is as a caller. */
export interface TrustedWindow {
  contentsId: number;
  caller: Caller;
}

export const FOREIGN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN_SENDER', message: 'This request did not come from the Kaunter window, so it was refused.', key: 'error.FORBIDDEN_SENDER' },
};

export function registerIpc(ipc: IpcRegistrar, dispatch: Dispatch, windows: () => readonly TrustedWindow[]): () => void {
  for (const method of METHOD_NAMES) {
    ipc.handle(`${CHANNEL_PREFIX}${method}`, async (event, payload) => {
      const caller = senderCaller(event, windows());
      if (caller === null) return FOREIGN_SENDER;
      return dispatch(caller, method, payload);
    });
  }
  return () => METHOD_NAMES.forEach((method) => ipc.removeHandler(`${CHANNEL_PREFIX}${method}`));
}

/** The caller of the window the message came from (its top frame, on app://kaunter), or null for anyone else. */
export function senderCaller(event: IpcSenderEvent, windows: readonly TrustedWindow[]): Caller | null {
  return windows.find((window) => isTrustedSender(event, window.contentsId))?.caller ?? null;
}

/** The subset of WebContents used to push events. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** A window as the caller registry sees it: events go to it on one channel, and never to a destroyed one. */
export function windowListener(caller: Caller, contents: EventTarget): Listener {
  return {
    caller,
    send<E extends EventName>(event: E, payload: EventPayload<E>): void {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
    },
  };
}
