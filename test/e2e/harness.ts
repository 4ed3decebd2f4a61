// Starts Kaunter for an end-to-end test the way `npm start` does where Electron is missing: the browser host in
// training mode (its embedded sandbox on loopback), the built renderer in real Chromium. The HID scanner is the real
// watcher over a fake USB backend that replays a Honeywell HID POS scanner's report bytes.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { fileLogger } from '../../app/logging/logger.ts';
import { hashPin, hashRecoveryCode } from '../../app/manager/pin.ts';
import { pepperForNewPin } from '../../app/manager/pin-pepper.ts';
import type { RmHosts } from '../../app/rm/hosts.ts';
import type { SecretStore } from '../../app/secrets.ts';
import type { RunningSandbox } from '../../app/sandbox/index.ts';
import { databasePath } from '../../app/paths.ts';
import { SettingsStore } from '../../app/settings.ts';
import { ShiftBook } from '../../app/shifts/shifts.ts';
import { openDatabase } from '../../app/store/database.ts';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server.ts';
import { hidScannerPort } from '../../main/hid/scanner-port.ts';
import { MemorySecretStore } from '../fixtures/core-rig.ts';
import { FakeHidBackend, HONEYWELL_HID_POS } from '../hid/fake-hid-backend.ts';
import { hidPosReports } from '../hid/scanner-reports.ts';
import { SCREENSHOT_DIR } from './screen-sizes.ts';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The seeded manager, and the owner's recovery code written down when the PIN was set. */
export const MANAGER = { name: 'Siti', pin: '2468', recoveryCode: 'KAUNTER-E2E-RECOVERY' };
export const CASHIERS = ['Aina', 'Ben'];
export { SCREENSHOT_DIR };

export interface StartOptions {
  /** 'done': a terminal already set up (PIN, cashiers, names). 'fresh': first run, the setup wizard shows. */
  setup?: 'done' | 'fresh';
  /** Defaults to the built UI; the host's own tests serve a small page of their own. */
  rendererDir?: string;
  viewport?: { width: number; height: number };
  /** RM's hosts for the sandbox and production environments: a test points them at a loopback sandbox. */
  rmHosts?: Partial<Record<'sandbox' | 'production', RmHosts>>;
  /** More to write into the data folder and keychain before Kaunter starts (after the setup, when 'done'). */
  seed?: (dataDir: string, keychain: SecretStore) => Promise<void>;
}

export interface RunningApp {
  host: BrowserHost;
  /** The embedded training sandbox: its ledger, members and faults. */
  sandbox: RunningSandbox;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  dataDir: string;
  downloadsDir: string;
  /** A scan arriving from main: HID POS report bytes through the real watcher and decoder. */
  hidScan(text: string): void;
  /** The USB devices the real watcher finds (a Honeywell HID POS scanner is plugged in at start). */
  hidBackend: FakeHidBackend;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaunter-e2e-'));
  const downloadsDir = join(dataDir, 'Downloads');
  // The terminal's keychain (the PIN's pepper) in memory: keychain tests running alongside clear the real one.
  const keychain = new MemorySecretStore();
  if ((options.setup ?? 'done') === 'done') await seedSetUpTerminal(dataDir, keychain);
  await options.seed?.(dataDir, keychain);
  const backend = new FakeHidBackend();
  backend.plug(HONEYWELL_HID_POS);
  const scanner = hidScannerPort(backend);
  const host = await startBrowserHost({
    dataDir,
    rendererDir: options.rendererDir ?? join(process.cwd(), 'dist', 'renderer'),
    downloadsDir,
    scanner,
    version: 'e2e',
    // The real log file in the data folder, not echoed into the test run's output.
    log: fileLogger({ dir: dataDir, echo: null }),
    secrets: () => keychain,
    ...(options.rmHosts ? { rmHosts: options.rmHosts } : {}),
  });
  const sandbox = host.training.sandbox;
  if (!sandbox) throw new Error('the browser host did not start in training mode');
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(host.url);
  await waitForScannerConnected(host);
  return {
    host,
    sandbox,
    browser,
    context,
    page,
    dataDir,
    downloadsDir,
    hidScan: (text) => backend.send(HONEYWELL_HID_POS.path, hidPosReports(text)),
    hidBackend: backend,
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await scanner.stop();
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A terminal that has been through setup: manager PIN, names, two cashiers, training mode, the first one's shift open. */
export async function seedSetUpTerminal(dataDir: string, keychain: SecretStore = new MemorySecretStore()): Promise<void> {
  const settings = new SettingsStore(dataDir);
  const pin = await hashPin(MANAGER.pin, await pepperForNewPin(keychain));
  const recovery = await hashRecoveryCode(MANAGER.recoveryCode);
  settings.update((s) => ({
    ...s,
    environment: 'training',
    storeName: 'Kedai Runcit Aina',
    terminalName: 'Kaunter 1',
    cashiers: CASHIERS,
    setupComplete: true,
    manager: { ...s.manager, name: MANAGER.name, pin, recovery },
  }));
  // The first cashier picked their name: their shift is open in the training database.
  const db = openDatabase(databasePath(dataDir, 'training'));
  try {
    new ShiftBook({ db, terminalId: settings.value.terminalId, now: Date.now, onChange: () => undefined }).start(CASHIERS[0] ?? 'Aina');
  } finally {
    db.close();
  }
}

/** Connected as the core sees it (the page asks the core, which hears from the host's scanner port). */
async function waitForScannerConnected(host: BrowserHost): Promise<void> {
  const started = Date.now();
  const state = async (): Promise<string | null> => {
    const status = await host.core.call('scanner.status', {});
    return status.ok ? status.value.hid.state : null;
  };
  while ((await state()) !== 'connected') {
    if (Date.now() - started > 10_000) throw new Error('the fake HID scanner never connected');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
