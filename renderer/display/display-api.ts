// The customer display's one door: the desktop app's display preload, or the browser host's display bridge, puts a
// read-only API here. It only hears the display's state; there is nothing on it to call the core with.
import type { CustomerDisplayApi } from '../../app/contract.ts';
import { whenPresent } from '../api.ts';

declare global {
  interface Window {
    kaunterDisplay?: CustomerDisplayApi;
  }
}

/** Waits for the host's bridge (the browser host may set it up after the page's scripts start). */
export function whenDisplayReady(timeoutMs: number): Promise<CustomerDisplayApi | null> {
  return whenPresent(() => window.kaunterDisplay, timeoutMs);
}
