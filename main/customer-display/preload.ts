// The customer display window's preload: `window.kaunterDisplay` with one thing on it, the display's state as the core
// pushes it. No method of the contract is exposed; the window's IPC sender is a display, whose calls are refused anyway.
import { contextBridge, ipcRenderer } from 'electron';
import type { CustomerDisplayApi, DisplayState } from '../../app/contract.ts';
import { EVENT_CHANNEL } from '../ipc/channels.ts';

const handlers = new Set<(state: DisplayState) => void>();
let latest: DisplayState | null = null;

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (name !== 'display.state') return;
  latest = payload as DisplayState;
  handlers.forEach((handler) => handler(latest as DisplayState));
});

const api: CustomerDisplayApi = {
  onState(handler) {
    handlers.add(handler);
    if (latest) handler(latest);
    return () => handlers.delete(handler);
  },
};

contextBridge.exposeInMainWorld('kaunterDisplay', api);
