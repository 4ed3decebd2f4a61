// The core, as the host put it on window.kaunter (Electron's preload, or the browser host's bridge).
import type { KaunterApi } from '../app/contract.ts';

export function kaunter(): KaunterApi {
  const api = window.kaunter;
  if (!api) throw new Error('window.kaunter is missing: the UI was started before its host bridge.');
  return api;
}

/** Waits for the host's bridge (the browser host may set it up after the page's scripts start). */
export function whenKaunterReady(timeoutMs: number): Promise<KaunterApi | null> {
  return whenPresent(() => window.kaunter, timeoutMs);
}

/** Waits for what a host's bridge puts on the window, or gives up with null. */
export function whenPresent<T>(read: () => T | undefined, timeoutMs: number): Promise<T | null> {
  const started = Date.now();
  return new Promise((resolve) => {
    const look = (): void => {
      const value = read();
      if (value !== undefined) resolve(value);
      else if (Date.now() - started >= timeoutMs) resolve(null);
      else setTimeout(look, 25);
    };
    look();
  });
}
