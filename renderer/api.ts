// The core, as the host put it on window.kaunter (Electron's preload, or the browser host's bridge).
import type { KaunterApi } from '../app/contract.ts';

export function kaunter(): KaunterApi {
  const api = window.kaunter;
  if (!api) throw new Error('window.kaunter is missing: the UI was started before its host bridge.');
  return api;
}

/** Waits for the host's bridge (the browser host may set it up after the page's scripts start). */
export function whenKaunterReady(timeoutMs: number): Promise<KaunterApi | null> {
  const started = Date.now();
  return new Promise((resolve) => {
    const look = (): void => {
      if (window.kaunter) resolve(window.kaunter);
      else if (Date.now() - started >= timeoutMs) resolve(null);
      else setTimeout(look, 25);
    };
    look();
  });
}
