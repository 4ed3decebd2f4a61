// Electron's main process: one instance, a hardened window on app://kaunter, the keychain and the HID scanners, and the
// contract on IPC, forwarded to the core in its own utility process. Main does no award work, so the window, IPC and the
// scanner never wait for SQLite or RM. Secrets stay here and in the core process; the renderer gets results, never secrets.
import { join } from 'node:path';
import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import { trainingRmHost, type TrainingRmHost } from '../app/core/training-rm.ts';
import { fileLogger } from '../app/logging/logger.ts';
import { defaultDataDir } from '../app/paths.ts';
import { bundledRendererDir } from './security/app-protocol.ts';
import { refusedSwitch } from './security/command-line-guard.ts';
import { CoreProcess } from './core-process/core-process.ts';
import { utilityCoreLauncher } from './core-process/utility-launcher.ts';
import { electronQueuedPrompt, electronQuitLifecycle } from './quit/electron-quit.ts';
import { QuitGuard } from './quit/quit-guard.ts';
import { NodeHidBackend } from './hid/node-backend.ts';
import { CallerRegistry } from './callers/caller-registry.ts';
import { registerIpc, type TrustedWindow } from './ipc/channels.ts';
import { followWindow } from './ipc/window-caller.ts';
import { createKeychain } from './keychain/keytar-store.ts';
import { customerDisplayWindows } from './customer-display/customer-display.ts';
import { hidScannerPort } from './hid/scanner-port.ts';
import { createMainWindow, installSessionGuards, prepareBeforeReady } from './window.ts';

let window: BrowserWindow | null = null;
let core: CoreProcess | null = null;
let training: TrainingRmHost | null = null;

prepareBeforeReady();

const refused = refusedSwitch((name) => app.commandLine.hasSwitch(name));
if (app.isPackaged && refused) {
  console.error(`Kaunter does not start with --${refused}.`);
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  // Two Kaunters on one counter would fight over the scanner; the first one is brought forward instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.whenReady().then(start).catch(fail);
  // However the window went, quitting goes through the QuitGuard (before-quit), which closes the core.
  app.on('window-all-closed', () => app.quit());
}

async function start(): Promise<void> {
  const dataDir = defaultDataDir();
  const log = fileLogger({ dir: dataDir });
  installSessionGuards(bundledRendererDir(app.getAppPath()));
  const scanner = hidScannerPort(new NodeHidBackend(), { log: (line) => log.warn(line) });
  const trainingRm = trainingRmHost(dataDir, log);
  training = trainingRm;
  app.on('child-process-gone', (_event, details) => {
    if (details.type === 'Utility') log.error(`a utility process (${details.serviceName ?? details.name ?? '?'}) is gone: ${details.reason}, exit code ${details.exitCode}`);
  });
  const callers = new CallerRegistry((callerId) => core?.callerGone(callerId));
  const windows: TrustedWindow[] = [];
  const restarted = (callerId: string): void => core?.callerGone(callerId);
  const displays = customerDisplayWindows({
    preloadPath: join(import.meta.dirname, 'display-preload.cjs'),
    devTools: !app.isPackaged,
    counterWindow: () => window,
    callers,
    windows,
    restarted,
  });
  core = await CoreProcess.start(utilityCoreLauncher(join(import.meta.dirname, 'core.cjs'), log), {
    init: { dataDir, host: 'electron', version: app.getVersion(), downloadsDir: app.getPath('downloads'), rmHosts: {} },
    secrets: (environment) => createKeychain({ environment }),
    scanner,
    customerDisplay: displays.port,
    trainingRm: () => trainingRm.get(),
    log,
    emit: callers.emit,
  });
  registerIpc(ipcMain, core.dispatch, () => windows);
  window = createMainWindow({ preloadPath: join(import.meta.dirname, 'preload.cjs'), devTools: !app.isPackaged });
  const contents = window.webContents;
  const counter = { contentsId: contents.id, caller: followWindow(contents, 'counter', callers, restarted) };
  windows.push(counter);
  // The customer display must not sit on the counter's monitor: look again when the counter's window moves.
  window.on('moved', () => displays.update());
  window.on('closed', () => {
    window = null;
    windows.splice(windows.indexOf(counter), 1);
    // Without the counter there is nothing to show the customer (and an open display would keep the app from quitting).
    displays.close();
  });
  displays.update();
  const closing = { call: core.call.bind(core), close: (graceMs: number) => shutDown(graceMs) };
  new QuitGuard(closing, electronQueuedPrompt(window), electronQuitLifecycle(window), log);
  log.info(`started ${app.getVersion()}, core process ${core.pid ?? '?'}`);
}

function fail(error: unknown): void {
  dialog.showErrorBox('Kaunter cannot start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

async function shutDown(graceMs: number): Promise<void> {
  await core?.close(graceMs);
  core = null;
  await training?.close();
}
