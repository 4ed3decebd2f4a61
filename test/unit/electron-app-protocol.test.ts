import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  bundledRendererDir,
  mimeTypeFor,
  registerAppScheme,
  resolveAppUrl,
  respondToAppRequest,
  serveAppProtocol,
  type AppRequest,
} from '../../main/security/app-protocol.ts';
import { contentSecurityPolicy } from '../../main/security/csp.ts';

const ROOT = '/opt/kaunter/dist/renderer';

function expectRefused(url: string, status?: number): void {
  const resolution = resolveAppUrl(url, ROOT);
  expect(resolution.kind, url).toBe('refused');
  if (status !== undefined && resolution.kind === 'refused') expect(resolution.status, url).toBe(status);
}

describe('resolveAppUrl', () => {
  it('maps app://kaunter/<file> into the renderer folder with its MIME type', () => {
    expect(resolveAppUrl('app://kaunter/assets/index-3f2a.js', ROOT)).toEqual({
      kind: 'file',
      filePath: `${ROOT}/assets/index-3f2a.js`,
      mimeType: 'text/javascript; charset=utf-8',
      isEntry: false,
    });
    expect(resolveAppUrl('app://kaunter/assets/app.css?v=2#x', ROOT)).toMatchObject({ filePath: `${ROOT}/assets/app.css` });
  });

  it('serves index.html for the root and for client-side routes', () => {
    for (const url of ['app://kaunter', 'app://kaunter/', 'app://kaunter/history', 'app://kaunter/settings/keys/', 'app://kaunter/award?member=60123']) {
      expect(resolveAppUrl(url, ROOT), url).toMatchObject({ kind: 'file', filePath: `${ROOT}/index.html`, isEntry: true });
    }
  });

  it('decodes percent-encoded names that stay inside the folder', () => {
    expect(resolveAppUrl('app://kaunter/assets/logo%20dark.svg', ROOT)).toMatchObject({ filePath: `${ROOT}/assets/logo dark.svg`, mimeType: 'image/svg+xml' });
  });

  it('refuses other schemes and hosts', () => {
    for (const url of [
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'http://127.0.0.1:5173/index.html',
      'https://evil.example/index.html',
      'app://evil/index.html',
      'app://kaunter.evil/index.html',
      'app://kaunter:8080/index.html',
      'app://user:pw@kaunter/index.html',
      'app:///index.html',
      'not a url',
    ]) {
      expectRefused(url);
    }
    expectRefused('app://evil/index.html', 403);
  });

  it('refuses .. traversal, plain and percent-encoded', () => {
    for (const url of [
      'app://kaunter/../../etc/passwd',
      'app://kaunter/assets/../../../etc/passwd',
      'app://kaunter/%2e%2e/%2e%2e/etc/passwd',
      'app://kaunter/%2E%2E/secret.txt',
      'app://kaunter/.%2e/secret.txt',
      'app://kaunter/..%2f..%2fetc%2fpasswd.txt',
      'app://kaunter/assets%2f..%2f..%2fsecret.txt',
      'app://kaunter/..%5c..%5cwindows%5cwin.ini',
      'app://kaunter/assets\\..\\..\\secret.txt',
    ]) {
      expectRefused(url, 400);
    }
  });

  it('refuses absolute and drive paths, NUL and malformed encoding', () => {
    for (const url of [
      'app://kaunter//etc/passwd.txt',
      'app://kaunter/%2Fetc%2Fpasswd.txt',
      'app://kaunter/C:/Windows/win.ini',
      'app://kaunter/C%3A%5CWindows%5Cwin.ini',
      'app://kaunter/index.html%00.png',
      'app://kaunter/%E0%A4%A.js',
    ]) {
      expectRefused(url, 400);
    }
  });

  it('does not serve hidden files or types the UI never loads', () => {
    expectRefused('app://kaunter/.env', 404);
    expectRefused('app://kaunter/assets/.git/config.json', 404);
    expectRefused('app://kaunter/kaunter.db', 404);
    expectRefused('app://kaunter/main.cjs', 404);
  });

  it('refuses a relative renderer folder instead of resolving against the working directory', () => {
    expect(resolveAppUrl('app://kaunter/index.html', 'dist/renderer')).toMatchObject({ kind: 'refused' });
  });
});

describe('mimeTypeFor', () => {
  it('knows what a Vite build emits', () => {
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a.MJS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('font.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('qr.png')).toBe('image/png');
    expect(mimeTypeFor('x.exe')).toBeNull();
  });
});

describe('respondToAppRequest (a real folder on disk)', () => {
  let root = '';
  let outside = '';
  const get = (url: string, method = 'GET'): Promise<Response> => respondToAppRequest({ url, method }, root);

  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'kaunter-app-protocol-'));
    root = join(base, 'renderer');
    outside = base;
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Kaunter</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log("hi")');
    writeFileSync(join(outside, 'secret.txt'), 'MERCHANT-PRIVATE-KEY');
  });

  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it('serves the entry page with the CSP and hardening headers', async () => {
    const response = await get('app://kaunter/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Kaunter</title>');
  });

  it('serves assets with their type and a client-side route with index.html', async () => {
    const script = await get('app://kaunter/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("hi")');
    expect(await (await get('app://kaunter/history/today')).text()).toContain('<title>Kaunter</title>');
  });

  it('answers 404 for a missing file, and never serves what lies outside the folder', async () => {
    expect((await get('app://kaunter/assets/missing.js')).status).toBe(404);
    for (const url of ['app://kaunter/../secret.txt', 'app://kaunter/%2e%2e/secret.txt', 'app://kaunter/..%2fsecret.txt']) {
      const response = await get(url);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('MERCHANT-PRIVATE-KEY');
    }
  });

  it('refuses foreign URLs with the same headers', async () => {
    for (const url of ['file:///etc/passwd', 'data:text/html,hi', 'http://127.0.0.1/index.html', 'app://evil/index.html']) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://kaunter/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('17');
    expect(await head.text()).toBe('');
    const post = await get('app://kaunter/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('says how to fix a missing build', async () => {
    const response = await respondToAppRequest({ url: 'app://kaunter/', method: 'GET' }, join(outside, 'not-built'));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('npm run build');
  });
});

describe('registration with Electron', () => {
  it('registers app:// as standard, secure and fetch-capable, and nothing more', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
  });

  it('serves the renderer folder through protocol.handle("app")', async () => {
    const handlers = new Map<string, (request: AppRequest) => Promise<Response>>();
    serveAppProtocol({ handle: (scheme, handler) => handlers.set(scheme, handler) }, '/nowhere/renderer');
    const handler = handlers.get('app');
    expect(handler).toBeDefined();
    expect((await handler!({ url: 'app://evil/', method: 'GET' })).status).toBe(403);
  });

  it('finds the renderer inside the app (the asar root when packaged)', () => {
    expect(bundledRendererDir('/opt/Kaunter/resources/app.asar')).toBe('/opt/Kaunter/resources/app.asar/dist/renderer');
  });
});
