// The core's ScannerPort over the HID watcher. A settings change makes a fresh watcher (the watcher's settings are
// fixed for its life). In keyboard mode nothing is opened through HID: the renderer reads the scanner's keystrokes, and
// opening the same device through hidraw as well would report every code twice.
import type { ScannerPort } from '../../app/core/ports.ts';
import type { FoundDevice, ScanEvent, ScannerStatus } from '../../app/scanner/scanner-events.ts';
import type { ScannerSettings } from '../../app/scanner/scanner-settings.ts';
import { HID_POS_USAGE_PAGE } from '../../app/scanner/hid-pos.ts';
import type { HidBackend, HidDeviceInfo } from './backend.ts';
import type { BackoffOptions } from './backoff.ts';
import { deviceName } from './device-match.ts';
import { looksLikeScanner } from './scanner-makers.ts';
import { HidWatcher } from './watcher.ts';

const KEYBOARD = { usagePage: 0x01, usage: 0x06 };

export interface HidScannerPort extends ScannerPort {
  stop(): Promise<void>;
}

export interface HidScannerPortOptions {
  platform?: NodeJS.Platform;
  log?: (line: string) => void;
  /** How soon a missing scanner is looked for again (tests wait longer, to see what a look in Settings does). */
  backoff?: BackoffOptions;
}

export function hidScannerPort(backend: HidBackend, options: HidScannerPortOptions = {}): HidScannerPort {
  const scanListeners = new Set<(scan: ScanEvent) => void>();
  const statusListeners = new Set<(status: ScannerStatus) => void>();
  let watcher: HidWatcher | null = null;
  let stopping: Promise<void> = Promise.resolve();

  return {
    status: () => watcher?.status ?? { state: 'absent', message: 'Looking for a scanner…' },

    // A manager looking for scanners in Settings has usually just plugged one in: the watcher looks now too, rather
    // than at its next try (up to 30 s away). node-hid has no plug events to tell it sooner.
    devices: async () => {
      const listed = await backend.list().catch(() => [] as HidDeviceInfo[]);
      watcher?.rescan();
      return listed.flatMap((info) => pickable(info));
    },

    configure(settings: ScannerSettings) {
      const previous = watcher;
      stopping = stopping.then(() => previous?.stop());
      const next = new HidWatcher({
        backend,
        settings,
        ...(options.platform ? { platform: options.platform } : {}),
        ...(options.backoff ? { backoff: options.backoff } : {}),
        ...(options.log ? { log: options.log } : {}),
      });
      next.on('scan', (scan) => scanListeners.forEach((listener) => listener(scan)));
      next.on('status', (status) => statusListeners.forEach((listener) => listener(status)));
      watcher = next;
      void stopping.then(() => {
        if (watcher === next) next.start();
      });
    },

    onScan(listener) {
      scanListeners.add(listener);
      return () => scanListeners.delete(listener);
    },

    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },

    async stop() {
      await stopping;
      await watcher?.stop();
      watcher = null;
    },
  };
}

/** What a manager may pick in setup: HID POS scanners, and keyboard interfaces (a keyboard-mode scanner looks like one). */
function pickable(info: HidDeviceInfo): FoundDevice[] {
  const isHidPos = info.usagePage === HID_POS_USAGE_PAGE;
  const isKeyboard = info.usagePage === KEYBOARD.usagePage && info.usage === KEYBOARD.usage;
  if (!isHidPos && !isKeyboard) return [];
  const plainKeyboard = isKeyboard && !looksLikeScanner(info);
  return [
    {
      path: info.path,
      vendorId: info.vendorId,
      productId: info.productId,
      name: deviceName(info, undefined, plainKeyboard ? 'USB keyboard' : 'USB scanner'),
      mode: isHidPos ? 'hid-pos' : 'keyboard',
      plainKeyboard,
    },
  ];
}
