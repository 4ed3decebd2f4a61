// The CSP string, and the policy as a real Chromium enforces it when the app:// handler's response is served to it.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { respondToAppRequest } from '../../main/security/app-protocol.ts';
import { CSP_DIRECTIVES, contentSecurityPolicy } from '../../main/security/csp.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('the CSP string', () => {
  it('is exactly the policy the UI needs', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
  });

  it('never allows inline code, eval or remote hosts', () => {
    const policy = contentSecurityPolicy();
    for (const forbidden of ["'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", 'http:', 'https:', '*', 'blob:', 'file:']) {
      expect(policy.split(/[\s;]+/)).not.toContain(forbidden);
    }
    expect(Object.isFrozen(CSP_DIRECTIVES)).toBe(true);
  });
});

const INDEX_HTML = `<!doctype html><html><head>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/listen.js"></script>
<script type="module" src="/assets/app.js"></script>
<script>window.inlineScriptRan = true;</script>
<style>#styled-by-element { color: rgb(0, 128, 0); }</style>
</head><body>
<div id="styled-by-attribute" style="color: rgb(255, 0, 0)">a</div>
<div id="styled-by-element">b</div>
<div id="styled-by-cssom">c</div>
<img id="data-image" src="data:image/png;base64,${ONE_PIXEL_PNG}">
<img id="foreign-image" src="FOREIGN/pixel.png">
</body></html>`;

const LISTEN_JS = `
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.effectiveDirective));`;

const APP_JS = `
window.selfScriptRan = true;
try { eval('1'); window.evalRan = true; } catch { window.evalRan = false; }
window.checks = (async () => {
  document.getElementById('styled-by-cssom').style.width = '123px';
  const self = await fetch('/assets/app.css').then((r) => r.ok, () => false);
  const foreign = await fetch('FOREIGN/data.json').then(() => true, () => false);
  return { self, foreign };
})();`;

function chromiumReason(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is not installed (apt-get install chromium)`;
}
const skipReason = chromiumReason();
if (skipReason !== null) console.log(`Skipping the Chromium CSP checks: ${skipReason}`);

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

describe.skipIf(skipReason !== null)('the CSP as Chromium enforces it', () => {
  let root = '';
  let browser: Browser;
  let page: Page;
  let appServer: Server;
  let foreignServer: Server;
  let appBase = '';
  let foreignHits = 0;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kaunter-csp-'));
    foreignServer = createServer((_request, response) => {
      foreignHits += 1;
      response.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' });
      response.end(Buffer.from(ONE_PIXEL_PNG, 'base64'));
    });
    const foreignBase = await listen(foreignServer);
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), INDEX_HTML.replaceAll('FOREIGN', foreignBase));
    writeFileSync(join(root, 'assets', 'app.js'), APP_JS.replaceAll('FOREIGN', foreignBase));
    writeFileSync(join(root, 'assets', 'listen.js'), LISTEN_JS);
    writeFileSync(join(root, 'assets', 'app.css'), 'body { margin: 0 }');
    // Stands in for Electron's protocol.handle: each request becomes app://kaunter/<path> and goes to the real handler.
    appServer = createServer((request, response) => {
      const url = `app://kaunter${request.url ?? '/'}`;
      void respondToAppRequest({ url, method: request.method ?? 'GET' }, root).then(async (answer) => {
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
    appBase = await listen(appServer);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    await page.goto(`${appBase}/`);
    await page.waitForFunction('window.checks !== undefined');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    appServer?.close();
    foreignServer?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('runs the bundled script and nothing inline or evaluated', async () => {
    expect(await page.evaluate('window.selfScriptRan')).toBe(true);
    expect(await page.evaluate('window.inlineScriptRan')).toBeUndefined();
    expect(await page.evaluate('window.evalRan')).toBe(false);
  });

  it('allows same-origin fetch and refuses any other origin, even on 127.0.0.1', async () => {
    expect(await page.evaluate('window.checks')).toEqual({ self: true, foreign: false });
    expect(foreignHits).toBe(0);
  });

  it('shows data: images (QR codes) and refuses remote images', async () => {
    await page.waitForFunction('document.getElementById("data-image").complete');
    expect(await page.evaluate('document.getElementById("data-image").naturalWidth')).toBe(1);
    expect(await page.evaluate('document.getElementById("foreign-image").naturalWidth')).toBe(0);
  });

  it('ignores inline style markup but lets scripts style elements (React style props)', async () => {
    const color = (id: string): Promise<unknown> => page.evaluate(`getComputedStyle(document.getElementById("${id}")).color`);
    expect(await color('styled-by-attribute')).not.toBe('rgb(255, 0, 0)');
    expect(await color('styled-by-element')).not.toBe('rgb(0, 128, 0)');
    expect(await page.evaluate('document.getElementById("styled-by-cssom").style.width')).toBe('123px');
  });

  it('reports each refusal as a CSP violation', async () => {
    const violations = await page.evaluate<string[]>('window.violations');
    expect(violations).toEqual(expect.arrayContaining(['connect-src', 'img-src', 'style-src-attr', 'style-src-elem']));
  });
});
