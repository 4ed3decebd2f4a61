// The webPreferences of every Kaunter window: Electron's security checklist, item by item. The renderer is treated as
// untrusted; it reaches the core only through the preload's contextBridge API.
import { isAbsolute } from 'node:path';
import type { WebPreferences } from 'electron';

export interface WebPreferencesOptions {
  /** Absolute path of the bundled preload (dist/main/preload.cjs). Electron ignores relative preload paths. */
  preloadPath: string;
  /** Developer tools only when asked for (a development run), never in a shop's build by default. */
  devTools: boolean;
}

export class WebPreferencesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebPreferencesError';
  }
}

export function webPreferences(options: WebPreferencesOptions): WebPreferences {
  if (!isAbsolute(options.preloadPath)) {
    throw new WebPreferencesError(
      `The preload path must be absolute (got "${options.preloadPath}"); build it from app.getAppPath() or __dirname.`,
    );
  }
  return Object.freeze({
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    devTools: options.devTools,
    navigateOnDragDrop: false,
    safeDialogs: true,
    enableWebSQL: false,
  });
}
