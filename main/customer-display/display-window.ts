// The customer display's window: hardened exactly as the counter's (the same web preferences, app:// with its CSP, the
// navigation guard and permission refusals that apply to every window), showing app://kaunter/display.html with its own
// preload, which can only hear the display's state. Full screen on the customer's monitor, never taking the keyboard
// from the counter.
import { BrowserWindow } from 'electron';
import { APP_DISPLAY_URL } from '../security/app-origin.ts';
import { webPreferences } from '../security/web-preferences.ts';
import { WINDOW_BACKGROUND } from '../window.ts';
import type { DisplayWindow } from './controller.ts';
import type { Rectangle } from './placement.ts';

export interface DisplayWindowOptions {
  /** Absolute path of dist/main/display-preload.cjs. */
  preloadPath: string;
  devTools: boolean;
  /** Each new window's webContents: it joins the callers as a display (main.ts). */
  onContents: (window: BrowserWindow) => void;
}

export function openCustomerDisplayWindow(options: DisplayWindowOptions, bounds: Rectangle, onClosed: () => void): DisplayWindow {
  const window = new BrowserWindow({
    ...bounds,
    show: false,
    frame: false,
    title: 'Kaunter customer display',
    backgroundColor: WINDOW_BACKGROUND,
    autoHideMenuBar: true,
    skipTaskbar: true,
    focusable: false,
    webPreferences: webPreferences({ preloadPath: options.preloadPath, devTools: options.devTools }),
  });
  options.onContents(window);
  window.on('closed', onClosed);
  window.once('ready-to-show', () => {
    window.setFullScreen(true);
    window.showInactive();
  });
  window.loadURL(APP_DISPLAY_URL).catch((error: unknown) => {
    console.error(`kaunter: the customer display did not load from ${APP_DISPLAY_URL}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return {
    place(next) {
      window.setFullScreen(false);
      window.setBounds(next);
      window.setFullScreen(true);
    },
    close() {
      if (!window.isDestroyed()) window.close();
    },
  };
}
