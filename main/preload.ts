// The preload: the renderer's only door to the core. It exposes `window.kaunter` with one function per contract method
// and an `on` for the contract's events only; there is no generic send or invoke.
import { contextBridge, ipcRenderer } from 'electron';
import { buildKaunterApi } from '../app/api-shape.ts';
import { EVENT_NAMES, METHOD_NAMES, type EventName, type Result } from '../app/contract.ts';
import { CHANNEL_PREFIX, EVENT_CHANNEL } from './ipc/channels.ts';

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name === 'string') listeners.get(name as EventName)?.forEach((handler) => handler(payload));
});

const api = buildKaunterApi(
  METHOD_NAMES,
  EVENT_NAMES,
  (method, input) => ipcRenderer.invoke(`${CHANNEL_PREFIX}${method}`, input) as Promise<Result<unknown>>,
  (event, handler) => {
    const set = listeners.get(event) ?? new Set();
    set.add(handler);
    listeners.set(event, set);
    return () => set.delete(handler);
  },
);

contextBridge.exposeInMainWorld('kaunter', api);
