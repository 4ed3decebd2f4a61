// main/window.ts is the only code here that touches Electron, and no Electron binary exists on this machine: the
// `electron` module is replaced by a stand-in that records what the wiring asks of it.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const recorded = vi.hoisted(() => ({
  calls: [] as string[],
  windows: [] as { options: Record<string, unknown>; loaded: string[]; shown: number; emit: (event: string) => boolean }[],
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  handlers: new Map<string, (request: { url: string; method: string }) => Promise<Response>>(),
  opened: [] as string[],
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    readonly record: { options: Record<string, unknown>; loaded: string[]; shown: number; emit: (event: string) => boolean };
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, loaded: [], shown: 0, emit: (event) => this.emit(event) };
      recorded.windows.push(this.record);
    }
    loadURL(url: string): Promise<void> {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    show(): void {
      this.record.shown += 1;
    }
  }
  return {
    app: {
      enableSandbox: () => recorded.calls.push('enableSandbox'),
      on: (event: string, listener: (...args: unknown[]) => void) => recorded.appListeners.set(event, listener),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => recorded.calls.push(`registerSchemesAsPrivileged:${schemes.map((s) => s.scheme).join()}`),
      handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => recorded.handlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => recorded.calls.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => recorded.calls.push('setPermissionCheckHandler'),
        setDevicePermissionHandler: () => recorded.calls.push('setDevicePermissionHandler'),
      },
    },
    shell: {
      openExternal: (url: string) => {
        recorded.opened.push(url);
        return Promise.resolve();
      },
    },
    BrowserWindow,
  };
});

const PRELOAD = '/opt/Kaunter/resources/app.asar/dist/main/preload.cjs';

describe('main/window.ts', () => {
  beforeEach(() => {
    vi.resetModules();
    recorded.calls.length = 0;
    recorded.windows.length = 0;
    recorded.appListeners.clear();
    recorded.handlers.clear();
    recorded.opened.length = 0;
  });

  it('refuses to create a window before the sandbox, scheme and session guards are in place', async () => {
    const { createMainWindow, prepareBeforeReady } = await import('../../main/window.ts');
    expect(() => createMainWindow({ preloadPath: PRELOAD, devTools: false })).toThrow(/prepareBeforeReady/);
    prepareBeforeReady();
    expect(() => createMainWindow({ preloadPath: PRELOAD, devTools: false })).toThrow(/installSessionGuards/);
    expect(recorded.windows).toHaveLength(0);
  });

  it('before ready: enables the sandbox, registers app:// and guards every new WebContents', async () => {
    const { prepareBeforeReady } = await import('../../main/window.ts');
    prepareBeforeReady();
    expect(recorded.calls).toEqual(['enableSandbox', 'registerSchemesAsPrivileged:app']);
    const contents = Object.assign(new EventEmitter(), { windowOpen: null as null | ((details: { url: string }) => unknown) });
    const withHandler = Object.assign(contents, { setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => (contents.windowOpen = handler) });
    recorded.appListeners.get('web-contents-created')?.({}, withHandler);
    const navigation = { url: 'https://evil.example/', isMainFrame: true, prevented: false, preventDefault() { this.prevented = true; } };
    withHandler.emit('will-navigate', navigation);
    expect(navigation.prevented).toBe(true);
    expect(withHandler.windowOpen?.({ url: 'https://merchant.revenuemonster.my/' })).toEqual({ action: 'deny' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(recorded.opened).toEqual(['https://merchant.revenuemonster.my/']);
  });

  it('after ready: denies permissions and serves only the renderer folder on app://', async () => {
    const { installSessionGuards } = await import('../../main/window.ts');
    installSessionGuards('/nowhere/renderer');
    expect(recorded.calls).toEqual(['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler']);
    const response = await recorded.handlers.get('app')?.({ url: 'app://evil/index.html', method: 'GET' });
    expect(response?.status).toBe(403);
  });

  it('creates a hidden, hardened window on app://kaunter and shows it when ready', async () => {
    const { createMainWindow, installSessionGuards, MIN_WINDOW_SIZE, prepareBeforeReady } = await import('../../main/window.ts');
    prepareBeforeReady();
    installSessionGuards('/nowhere/renderer');
    createMainWindow({ preloadPath: PRELOAD, devTools: false, kiosk: true });
    const [window] = recorded.windows;
    expect(window?.options).toMatchObject({ show: false, kiosk: true, minWidth: MIN_WINDOW_SIZE.width, minHeight: MIN_WINDOW_SIZE.height });
    expect(window?.options.webPreferences).toMatchObject({ preload: PRELOAD, sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(window?.loaded).toEqual(['app://kaunter/index.html']);
    expect(window?.shown).toBe(0);
    window?.emit('ready-to-show');
    expect(window?.shown).toBe(1);
  });

  it('opens only allowed links in the browser', async () => {
    const { openExternalLink } = await import('../../main/window.ts');
    expect((await openExternalLink('file:///etc/passwd')).allowed).toBe(false);
    expect((await openExternalLink('https://merchant.revenuemonster.my/')).allowed).toBe(true);
    expect(recorded.opened).toEqual(['https://merchant.revenuemonster.my/']);
  });
});
