import { describe, expect, it } from 'vitest';
import { webPreferences, WebPreferencesError } from '../../main/security/web-preferences.ts';

const PRELOAD = '/opt/Kaunter/resources/app.asar/dist/main/preload.cjs';

describe('webPreferences', () => {
  it("turns on every item of Electron's security checklist", () => {
    expect(webPreferences({ preloadPath: PRELOAD, devTools: false })).toEqual({
      preload: PRELOAD,
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
      devTools: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      enableWebSQL: false,
    });
  });

  it('sets no Blink features, extra arguments, partition or relaxed scripts', () => {
    const preferences = webPreferences({ preloadPath: PRELOAD, devTools: false });
    for (const key of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session', 'javascript', 'plugins', 'disableBlinkFeatures']) {
      expect(preferences, key).not.toHaveProperty(key);
    }
    expect(Object.isFrozen(preferences)).toBe(true);
  });

  it('opens developer tools only when asked', () => {
    expect(webPreferences({ preloadPath: PRELOAD, devTools: true }).devTools).toBe(true);
  });

  it('refuses a relative preload path, which Electron would silently ignore', () => {
    expect(() => webPreferences({ preloadPath: 'dist/main/preload.cjs', devTools: false })).toThrow(WebPreferencesError);
    expect(() => webPreferences({ preloadPath: 'dist/main/preload.cjs', devTools: false })).toThrow(/must be absolute/);
  });
});
