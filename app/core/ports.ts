// What a host (Electron main, the browser host, a test) gives the core: the things only it can reach. When the core
// runs in its own process these become proxies over the core's message channel (app/core-process/), so every port
// carries plain, serialisable data only.
import type { EventName, EventPayload } from '../contract.ts';
import type { Logger } from '../logging/logger.ts';
import type { RmCredentials } from '../rm/connection.ts';
import type { RmHosts } from '../rm/hosts.ts';
import type { KeychainScope, SecretStore } from '../secrets.ts';
import type { FoundDevice, ScanEvent, ScannerStatus } from '../scanner/scanner-events.ts';
import type { ScannerSettings } from '../scanner/scanner-settings.ts';

export interface ScannerPort {
  status(): ScannerStatus;
  devices(): Promise<FoundDevice[]>;
  configure(settings: ScannerSettings): void;
  onScan(listener: (scan: ScanEvent) => void): () => void;
  onStatus(listener: (status: ScannerStatus) => void): () => void;
}

/** A monitor attached to the PC, as the desktop host sees it (Electron's screen); `counter`: the counter's window is on it. */
export interface Monitor {
  id: number;
  label: string;
  width: number;
  height: number;
  counter: boolean;
}

export interface PairingCode {
  code: string;
  expiresInMs: number;
}

/**
 * How the host puts the customer display on a screen. The desktop app opens a window on a chosen monitor: it lists the
 * monitors and is told which are chosen (the latest first). The browser host pairs a page opened at /display with a
 * short code it makes.
 */
export type CustomerDisplayPort =
  | { kind: 'monitors'; monitors(): Monitor[]; onMonitors(listener: (monitors: Monitor[]) => void): () => void; show(monitorIds: readonly number[]): void }
  | { kind: 'pairing'; pairingCode(): Promise<PairingCode> };

/** Training's Revenue Monster: the embedded sandbox and the throwaway app registered with it. */
export interface TrainingRm {
  url: string;
  credentials: Required<Omit<RmCredentials, 'refreshToken'>>;
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
  /** The customer display's screen; none (a CLI, a test) means there is no customer display. */
  customerDisplay?: CustomerDisplayPort | null;
  /**
   * The training sandbox. The host runs it, not the core: it outlives environment switches and restarts of the core
   * process, so its balances, claim links and ledger do too.
   */
  trainingRm: () => Promise<TrainingRm>;
  /** RM's hosts for an environment; RM's own by default. A support engineer or a test may point one at a sandbox. */
  rmHosts?: (environment: 'sandbox' | 'production') => RmHosts;
  /** Where CSV exports are written (the user's Downloads folder). */
  downloadsDir: string;
  now?: () => number;
  log?: Logger;
}

/** An event for every caller whose role may hear it, or, with `to`, for that one caller only. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>, to?: string) => void;
