// The contract on Electron's IPC: one `ipcMain.handle` channel per contract method (no generic channel), each checking
// the sender frame before the shared dispatcher validates the payload. Events go to our window only.
import { METHOD_NAMES, type EventName, type EventPayload, type Result } from '../../app/contract.ts';
import type { Dispatch } from '../../app/contract-check.ts';
import { isTrustedSender, type IpcSenderEvent } from './sender.ts';

export const CHANNEL_PREFIX = 'kaunter:';
export const EVENT_CHANNEL = 'kaunter:event';

/** The subset of Electron's ipcMain used here. */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: IpcSenderEvent, payload: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

export const FOREIGN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN_SENDER', message: 'This request did not come from the Kaunter window, so it was refused.', key: 'error.FORBIDDEN_SENDER' },
};

export function registerIpc(ipc: IpcRegistrar, dispatch: Dispatch, trustedContentsId: () => number | null): () => void {
  for (const method of METHOD_NAMES) {
    ipc.handle(`${CHANNEL_PREFIX}${method}`, async (event, payload) => {
      const trusted = trustedContentsId();
      if (trusted === null || !isTrustedSender(event, trusted)) return FOREIGN_SENDER;
      return dispatch(method, payload);
    });
  }
  return () => METHOD_NAMES.forEach((method) => ipc.removeHandler(`${CHANNEL_PREFIX}${method}`));
}

/** The subset of WebContents used to push events. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export function eventSender(target: () => EventTarget | null) {
  return <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
  };
}
