// The one door to the core: the preload (Electron) or the browser host's bridge puts the contract's API here.
import type { KaunterApi } from '../app/contract.ts';

declare global {
  interface Window {
    kaunter?: KaunterApi;
  }
}
