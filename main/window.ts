// The Electron side of the hardened shell: thin wiring of the pure decisions in web-preferences, app-protocol,
// navigation-guard, permissions and external-links. main/main.ts calls, in this order:
//   prepareBeforeReady()                   before app 'ready'
//   installSessionGuards(rendererDir)      once ready (rendererDir = bundledRendererDir(app.getAppPath()))
//   createMainWindow({ preloadPath, ... })
// and uses openExternalLink(url) for any link it opens itself.
import { app, BrowserWindow, protocol, session, shell } from 'electron';
import { APP_ENTRY_URL } from './security/app-origin.ts';
import { registerAppScheme, serveAppProtocol } from './security/app-protocol.ts';
import { openExternalSafely, type ExternalUrlCheck } from './security/external-links.ts';
import { guardWebContents } from './security/navigation-guard.ts';
import { denyAllPermissions } from './security/permissions.ts';
import { webPreferences } from './security/web-preferences.ts';

/** Dark teal of the icon: shown before the first paint instead of a white flash. */
export const WINDOW_BACKGROUND = '#0e4a4f';

/** A 10-inch counter screen (1024x600 and up) must fit the whole award flow. */
export const MIN_WINDOW_SIZE = Object.freeze({ width: 1024, height: 600 });

export interface MainWindowOptions {
  /** Absolute path of dist/main/preload.cjs. */
  preloadPath: string;
  devTools: boolean;
  /** Full screen with no way out but the app's own controls: for a dedicated counter terminal. */
  kiosk?: boolean;
}

const progress = { prepared: false, sessionGuarded: false };

/** Opens an allowed site (RM's Merchant Portal) in the user's browser; anything else is refused. */
export function openExternalLink(url: string): Promise<ExternalUrlCheck> {
  return openExternalSafely(url, (checked) => shell.openExternal(checked));
}

/** Before app 'ready': sandbox every renderer, register app:// as privileged, guard every WebContents ever created. */
export function prepareBeforeReady(): void {
  app.enableSandbox();
  registerAppScheme(protocol);
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, (url) => shell.openExternal(url));
  });
  progress.prepared = true;
}

/** After app 'ready': refuse all permissions and serve the renderer folder on app://kaunter. */
export function installSessionGuards(rendererDir: string): void {
  denyAllPermissions(session.defaultSession);
  serveAppProtocol(protocol, rendererDir);
  progress.sessionGuarded = true;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  if (!progress.prepared || !progress.sessionGuarded) {
    throw new Error('Call prepareBeforeReady() before app ready and installSessionGuards() after it, then createMainWindow().');
  }
  const window = new BrowserWindow({
    show: false,
    title: 'Kaunter',
    width: 1280,
    height: 800,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    backgroundColor: WINDOW_BACKGROUND,
    autoHideMenuBar: true,
    kiosk: options.kiosk ?? false,
    webPreferences: webPreferences({ preloadPath: options.preloadPath, devTools: options.devTools }),
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`kaunter: the UI did not load from ${APP_ENTRY_URL}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}
