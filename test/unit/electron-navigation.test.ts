import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { checkExternalUrl, EXTERNAL_ALLOW_LIST, openExternalSafely } from '../../main/security/external-links.ts';
import { decideWindowOpen, guardWebContents, isAllowedNavigation, type GuardedContents, type NavigationAttempt } from '../../main/security/navigation-guard.ts';

const HOSTILE_URLS = [
  'https://evil.example/',
  'http://127.0.0.1:5173/index.html',
  'http://localhost/',
  'file:///etc/passwd',
  'file:///opt/Kaunter/resources/app.asar/dist/renderer/index.html',
  'data:text/html,<script>alert(1)</script>',
  'javascript:alert(1)',
  'blob:app://kaunter/1234',
  'about:blank',
  'app://evil/index.html',
  'app://kaunter:1/index.html',
  'devtools://devtools/bundled/inspector.html',
  'chrome://settings',
  '',
];

/** A WebContents stand-in: Node's EventEmitter is what Electron's WebContents extends. */
class FakeContents extends EventEmitter implements GuardedContents {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
}

function attempt(url: string, isMainFrame: boolean): NavigationAttempt & { prevented: boolean } {
  return {
    url,
    isMainFrame,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

function guarded(opened: string[] = []): FakeContents {
  const contents = new FakeContents();
  guardWebContents(contents, (url) => {
    opened.push(url);
    return Promise.resolve();
  });
  return contents;
}

describe('isAllowedNavigation', () => {
  it('lets the top frame move within app://kaunter', () => {
    expect(isAllowedNavigation('app://kaunter/index.html', true)).toBe(true);
    expect(isAllowedNavigation('app://kaunter/history', true)).toBe(true);
  });

  it('refuses subframes, even to app://kaunter', () => {
    expect(isAllowedNavigation('app://kaunter/index.html', false)).toBe(false);
  });

  it('refuses every other origin', () => {
    for (const url of HOSTILE_URLS) expect(isAllowedNavigation(url, true), url).toBe(false);
  });
});

describe('guardWebContents', () => {
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
    it(`${event}: prevents navigation away from app://kaunter`, () => {
      const contents = guarded();
      for (const url of HOSTILE_URLS) {
        const details = attempt(url, true);
        contents.emit(event, details);
        expect(details.prevented, url).toBe(true);
      }
    });

    it(`${event}: prevents a subframe navigating, even to our own origin`, () => {
      const contents = guarded();
      const details = attempt('app://kaunter/index.html', false);
      contents.emit(event, details);
      expect(details.prevented).toBe(true);
    });

    it(`${event}: lets the top frame reload our own page`, () => {
      const contents = guarded();
      const details = attempt('app://kaunter/index.html', true);
      contents.emit(event, details);
      expect(details.prevented).toBe(false);
    });
  }

  it('destroys any <webview> before it attaches', () => {
    const contents = guarded();
    const event = attempt('', true);
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example' });
    expect(event.prevented).toBe(true);
  });

  it('denies every window.open, our own origin included', () => {
    const contents = guarded();
    for (const url of [...HOSTILE_URLS, 'app://kaunter/index.html', 'https://merchant.revenuemonster.my/']) {
      expect(contents.windowOpenHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
  });

  it('sends a window.open of the Merchant Portal to the browser, and nothing else', async () => {
    const opened: string[] = [];
    const contents = guarded(opened);
    for (const url of [...HOSTILE_URLS, 'https://merchant.revenuemonster.my/login']) contents.windowOpenHandler?.({ url });
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened).toEqual(['https://merchant.revenuemonster.my/login']);
  });
});

describe('decideWindowOpen', () => {
  it('reports whether the browser was opened, and survives a failing shell', async () => {
    const failing = decideWindowOpen('https://merchant.revenuemonster.my/', () => Promise.reject(new Error('no browser')));
    expect(failing.action).toBe('deny');
    expect(await failing.opened).toBe(false);
    expect(await decideWindowOpen('https://evil.example/', () => Promise.resolve()).opened).toBe(false);
    expect(await decideWindowOpen('https://merchant.revenuemonster.my/', () => Promise.resolve()).opened).toBe(true);
  });
});

describe('checkExternalUrl', () => {
  it('allows the Merchant Portal over https', () => {
    expect(checkExternalUrl('https://merchant.revenuemonster.my/')).toEqual({ allowed: true, url: 'https://merchant.revenuemonster.my/' });
    expect(checkExternalUrl('https://MERCHANT.revenuemonster.my/apps')).toEqual({ allowed: true, url: 'https://merchant.revenuemonster.my/apps' });
  });

  it('refuses look-alikes, other schemes, ports and credentials', () => {
    for (const url of [
      ...HOSTILE_URLS,
      'http://merchant.revenuemonster.my/',
      'https://merchant.revenuemonster.my.evil.example/',
      'https://evil.example/?https://merchant.revenuemonster.my',
      'https://merchant.revenuemonster.my@evil.example/',
      'https://user:pw@merchant.revenuemonster.my/',
      'https://merchant.revenuemonster.my:8443/',
      'https://revenuemonster.my/',
      'ms-msdt:/id PCWDiagnostic',
      'smb://evil.example/share',
    ]) {
      const check = checkExternalUrl(url);
      expect(check.allowed, url).toBe(false);
      if (!check.allowed) expect(check.reason.length, url).toBeGreaterThan(5);
    }
  });

  it('keeps the allow-list to https origins only', () => {
    for (const site of EXTERNAL_ALLOW_LIST) expect(new URL(site.origin).origin).toBe(site.origin);
    for (const site of EXTERNAL_ALLOW_LIST) expect(site.origin.startsWith('https://')).toBe(true);
  });
});

describe('openExternalSafely', () => {
  it('calls the shell only for an allowed URL', async () => {
    const opened: string[] = [];
    const open = (url: string): Promise<void> => {
      opened.push(url);
      return Promise.resolve();
    };
    expect((await openExternalSafely('file:///etc/passwd', open)).allowed).toBe(false);
    expect((await openExternalSafely('https://merchant.revenuemonster.my/', open)).allowed).toBe(true);
    expect(opened).toEqual(['https://merchant.revenuemonster.my/']);
  });
});
