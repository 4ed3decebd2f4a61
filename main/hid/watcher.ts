// Finds the shop's barcode scanners, reads them, and reports scans and scanner status to the host (Electron main).
//
// node-hid has no plug/unplug events, and enumerating is slow and disturbs other USB devices, so: enumerate once at
// start, again only with exponential backoff while no scanner is open or a keyboard-mode one is saved (0.5 s -> 30 s,
// see below), and at once when the host calls rescan() (a manager looking for scanners in Settings). An unplug shows
// up as an 'error' on the open device: it is always handled (an unhandled one kills Electron's main process), the
// device is closed and looked for again.
// Nothing here throws into the host: every failure becomes a status with a sentence saying what to do.
//
// A saved keyboard-mode scanner is listed but never opened. The system types its keys into the window whatever else
// reads the device, so reading it through hidraw too would give every code twice. The watcher only says it is there
// (`typingScanner` on every status), and the page reads its keys as scans. While one is saved and was seen, the
// watcher keeps looking (backoff up to 30 s), so its unplug and its return are seen within 30 s.
import { DEFAULT_SCANNER_SETTINGS, scannerSettingsSchema, type ScannerSettings } from '../../app/scanner/scanner-settings.ts';
import type { ScanEvent, ScannerDevice, ScannerStatus } from '../../app/scanner/scanner-events.ts';
import { HidPosDecoder, type DecodedScan } from '../../app/scanner/report-decoder.ts';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import type { HidBackend, HidConnection, HidDeviceInfo } from './backend.ts';
import { findScannerCandidates, type ScannerCandidate } from './device-match.ts';
import {
  connectedStatus,
  libraryUnavailableStatus,
  noScannerStatus,
  openFailedStatus,
  typingScannerStatus,
  unpluggedStatus,
} from './status-messages.ts';

export interface HidWatcherOptions {
  backend: HidBackend;
  settings?: ScannerSettings;
  platform?: NodeJS.Platform;
  backoff?: BackoffOptions;
  /** Quiet time after which an unfinished HID POS code is dropped. */
  scanIdleMs?: number;
  /** Where listener failures and other things nobody is waiting for are written. */
  log?: (message: string) => void;
}

interface WatcherEvents {
  scan: ScanEvent;
  status: ScannerStatus;
}

interface OpenScanner {
  device: ScannerDevice;
  connection: HidConnection;
  decoder: HidPosDecoder;
  idleTimer: NodeJS.Timeout | undefined;
}

const DEFAULT_SCAN_IDLE_MS = 300;
const NO_DEVICE = '';

export class HidWatcher {
  private readonly backend: HidBackend;
  private readonly settings: ScannerSettings;
  private readonly platform: NodeJS.Platform;
  private readonly backoff: Backoff;
  private readonly scanIdleMs: number;
  private readonly log: (message: string) => void;
  private readonly listeners: { [E in keyof WatcherEvents]: Set<(payload: WatcherEvents[E]) => void> } = {
    scan: new Set(),
    status: new Set(),
  };
  private readonly openScanners = new Map<string, OpenScanner>();
  private readonly typingScanners = new Map<string, ScannerDevice>();
  private readonly statuses = new Map<string, ScannerStatus>();
  private latestStatus: ScannerStatus = { state: 'absent', message: 'Looking for a barcode scanner…' };
  private retryTimer: NodeJS.Timeout | undefined;
  private lookup: Promise<void> | undefined;
  private lookAgain = false;
  private started = false;
  private stopped = false;

  constructor(options: HidWatcherOptions) {
    this.log = options.log ?? ((message) => console.warn(`[hid-watcher] ${message}`));
    this.backend = options.backend;
    this.settings = this.validSettings(options.settings);
    this.platform = options.platform ?? process.platform;
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF);
    this.scanIdleMs = options.scanIdleMs ?? DEFAULT_SCAN_IDLE_MS;
  }

  /** Settings that do not pass the schema (a bad regular expression, say) are replaced by the defaults, not thrown. */
  private validSettings(settings: ScannerSettings | undefined): ScannerSettings {
    if (settings === undefined) return DEFAULT_SCANNER_SETTINGS;
    const parsed = scannerSettingsSchema.safeParse(settings);
    if (parsed.success) return parsed.data;
    this.log(`scanner settings are invalid, using the defaults: ${parsed.error.message}`);
    return DEFAULT_SCANNER_SETTINGS;
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends keyof WatcherEvents>(event: E, listener: (payload: WatcherEvents[E]) => void): () => void {
    const set = this.listeners[event] as Set<(payload: WatcherEvents[E]) => void>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * The watcher's status as a whole, the most useful first: an open scanner's; else a HID POS scanner Kaunter may not
   * read (its fix must be seen, even while a keyboard-mode scanner works); else a keyboard-mode scanner's; else the
   * latest thing that happened.
   */
  get status(): ScannerStatus {
    const [open] = this.openScanners.values();
    const [typing] = this.typingScanners.values();
    const blocked = [...this.statuses.values()].find((status) => status.device?.mode === 'hid-pos' && status.state === 'no-permission');
    const status = open ? connectedStatus(open.device) : (blocked ?? (typing ? typingScannerStatus(typing) : this.latestStatus));
    return { ...status, typingScanner: this.typingScanners.size > 0 };
  }

  /** The scanners Kaunter takes codes from: the HID POS ones it reads, and the keyboard-mode ones the page reads. */
  get connectedDevices(): ScannerDevice[] {
    return [...[...this.openScanners.values()].map((open) => open.device), ...this.typingScanners.values()];
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.lookForScanners();
  }

  /** Someone has likely just plugged a scanner in: look now, and start the backoff over. */
  rescan(): void {
    if (!this.started || this.stopped) return;
    this.backoff.reset();
    this.lookForScanners();
  }

  /** Closes every device and clears every timer. The watcher cannot be started again. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.lookup;
    const open = [...this.openScanners.values()];
    this.openScanners.clear();
    this.typingScanners.clear();
    for (const scanner of open) clearTimeout(scanner.idleTimer);
    await Promise.all(open.map((scanner) => scanner.connection.close().catch(() => undefined)));
    this.latestStatus = { state: 'absent', message: 'Kaunter has stopped reading scanners.' };
  }

  private lookForScanners(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.lookup) {
      this.lookAgain = true;
      return;
    }
    this.lookup = this.lookOnce()
      .catch((error: unknown) => {
        this.log(`looking for scanners failed: ${String(error)}`);
        this.retryLater();
      })
      .finally(() => {
        this.lookup = undefined;
        if (this.lookAgain && !this.stopped) {
          this.lookAgain = false;
          this.lookForScanners();
        }
      });
  }

  private async lookOnce(): Promise<void> {
    let devices: HidDeviceInfo[];
    try {
      devices = await this.backend.list();
    } catch (error) {
      this.report(NO_DEVICE, libraryUnavailableStatus(error instanceof Error ? error.message : String(error)));
      this.retryLater();
      return;
    }
    if (this.stopped) return;
    const candidates = findScannerCandidates(devices, this.settings);
    this.noteTypingScanners(candidates.filter((candidate) => candidate.device.mode === 'keyboard').map((candidate) => candidate.device));
    this.noteBlockedScannersGone(candidates);
    if (candidates.length === 0 && this.openScanners.size === 0 && !this.missesScanner()) {
      this.report(NO_DEVICE, noScannerStatus());
    }
    let waiting = false;
    for (const candidate of candidates) {
      if (this.stopped) return;
      if (candidate.device.mode !== 'hid-pos' || this.openScanners.has(candidate.device.path)) continue;
      if (!(await this.open(candidate))) waiting = true;
    }
    if (this.stopped) return;
    // A keyboard-mode scanner has no connection to fail: only another look sees it go or come back.
    const typingToWatch = this.typingScanners.size > 0 || this.missesScanner('keyboard');
    if (waiting || this.openScanners.size === 0 || typingToWatch) this.retryLater();
    else this.backoff.reset();
  }

  /** The saved keyboard-mode scanners in this listing: the ones that came are reported, the ones that went are missed. */
  private noteTypingScanners(listed: ScannerDevice[]): void {
    for (const [path, device] of this.typingScanners) {
      if (listed.some((scanner) => scanner.path === path)) continue;
      this.typingScanners.delete(path);
      this.report(path, unpluggedStatus(device));
    }
    for (const device of listed) {
      if (this.typingScanners.has(device.path)) continue;
      this.typingScanners.set(device.path, device);
      this.statuses.delete(NO_DEVICE);
      this.report(device.path, typingScannerStatus(device));
    }
  }

  /** A HID POS scanner Kaunter may not read, since unplugged: its fix no longer comes first in the status. */
  private noteBlockedScannersGone(candidates: ScannerCandidate[]): void {
    for (const [path, status] of this.statuses) {
      if (status.state !== 'no-permission' || !status.device || candidates.some((candidate) => candidate.device.path === path)) continue;
      this.report(path, unpluggedStatus(status.device));
    }
  }

  /** True when the scanner is open and being read. */
  private async open(candidate: ScannerCandidate): Promise<boolean> {
    const { device } = candidate;
    let connection: HidConnection;
    try {
      connection = await this.backend.open(device.path);
    } catch (error) {
      // Logged too: beside a scanner that works, this one's status is not the one the status bar shows.
      const failed = openFailedStatus(device, error, this.platform);
      if (this.statuses.get(device.path)?.message !== failed.message) this.log(failed.message);
      this.report(device.path, failed);
      return false;
    }
    if (this.stopped) {
      await connection.close().catch(() => undefined);
      return false;
    }
    this.attach(candidate, connection);
    this.statuses.delete(NO_DEVICE);
    this.report(device.path, connectedStatus(device));
    return true;
  }

  private attach(candidate: ScannerCandidate, connection: HidConnection): void {
    const decoder = new HidPosDecoder({
      assembly: this.settings.assembly,
      hidPosLayout: candidate.hidPosLayout,
    });
    const scanner: OpenScanner = { device: candidate.device, connection, decoder, idleTimer: undefined };
    this.openScanners.set(candidate.device.path, scanner);
    connection.onError((error) => this.unplugged(scanner, error));
    connection.onData((report) => this.received(scanner, report));
  }

  private received(scanner: OpenScanner, report: Uint8Array): void {
    if (this.openScanners.get(scanner.device.path) !== scanner) return;
    this.deliver(scanner, () => scanner.decoder.push(report));
    clearTimeout(scanner.idleTimer);
    scanner.idleTimer = scanner.decoder.pending
      ? setTimeout(() => this.deliver(scanner, () => scanner.decoder.idle()), this.scanIdleMs)
      : undefined;
  }

  private deliver(scanner: OpenScanner, decode: () => DecodedScan[]): void {
    try {
      for (const outcome of decode()) {
        if (outcome.kind !== 'scan') continue;
        this.emit('scan', {
          text: outcome.text,
          device: scanner.device,
          symbology: outcome.symbology,
        });
      }
    } catch (error) {
      // Thrown into node-hid this would come back as a device 'error' (a fake unplug); from a timer, as a crash.
      this.log(`a report from ${scanner.device.name} could not be decoded: ${String(error)}`);
    }
  }

  private unplugged(scanner: OpenScanner, error: Error): void {
    if (this.openScanners.get(scanner.device.path) !== scanner) return;
    this.openScanners.delete(scanner.device.path);
    clearTimeout(scanner.idleTimer);
    void scanner.connection.close().catch(() => undefined);
    if (this.stopped) return;
    this.log(`${scanner.device.name} stopped: ${error.message}`);
    this.report(scanner.device.path, unpluggedStatus(scanner.device));
    this.backoff.reset();
    this.retryLater();
  }

  /**
   * A scanner (of this mode, if given) that was here is gone: its own status ("X was disconnected") says more than "no
   * scanner found".
   */
  private missesScanner(mode?: ScannerDevice['mode']): boolean {
    return [...this.statuses.values()].some((status) => status.device !== undefined && (mode === undefined || status.device.mode === mode) && status.state !== 'connected');
  }

  private retryLater(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.lookForScanners();
    }, this.backoff.next());
  }

  /**
   * Something happened to one device: the host hears the watcher's status as a whole (a scanner still working beside
   * one unplugged is what counts), unless nothing happened (each retry would say "absent" again).
   */
  private report(key: string, status: ScannerStatus): void {
    const previous = this.statuses.get(key);
    if (previous && previous.state === status.state && previous.message === status.message) return;
    this.statuses.set(key, status);
    this.latestStatus = status;
    this.emit('status', this.status);
  }

  private emit<E extends keyof WatcherEvents>(event: E, payload: WatcherEvents[E]): void {
    for (const listener of [...this.listeners[event]]) {
      try {
        listener(payload);
      } catch (error) {
        this.log(`a '${event}' listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
