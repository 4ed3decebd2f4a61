// What a host (Electron main, the browser host) gives the core: the things only it can reach.
import type { EventName, EventPayload } from '../contract.ts';
import type { RmHosts } from '../rm/hosts.ts';
import type { KeychainScope, SecretStore } from '../secrets.ts';
import type { ScanEvent, ScannerDevice, ScannerStatus } from '../scanner/scanner-events.ts';
import type { ScannerSettings } from '../scanner/scanner-settings.ts';

export interface ScannerPort {
  status(): ScannerStatus;
  devices(): Promise<ScannerDevice[]>;
  configure(settings: ScannerSettings): void;
  onScan(listener: (scan: ScanEvent) => void): () => void;
  onStatus(listener: (status: ScannerStatus) => void): () => void;
}

export interface CorePorts {
  host: 'electron' | 'browser';
  version: string;
  /**
   * The OS keychain: an environment that talks to the real RM ('sandbox', 'production'), or the terminal itself
   * ('terminal': the manager PIN's pepper). Plain data in and out, so it can be a proxy over a message channel.
   */
  secrets: (scope: KeychainScope) => SecretStore;
  scanner: ScannerPort | null;
  /** RM's hosts for an environment; RM's own by default. A support engineer or a test may point one at a sandbox. */
  rmHosts?: (environment: 'sandbox' | 'production') => RmHosts;
  /** Where CSV exports are written (the user's Downloads folder). */
  downloadsDir: string;
  now?: () => number;
  log?: (line: string) => void;
}

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
