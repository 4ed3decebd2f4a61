// The renderer's build. build/bundle.mjs runs it with root renderer/ and outDir dist/renderer; base './' because
// Electron serves it from app://kaunter/ and the browser host from http://127.0.0.1:<port>/.
import react from '@vitejs/plugin-react';
import { defineConfig, type HtmlTagDescriptor, type Plugin, type UserConfig } from 'vite';

/**
 * What every page of the renderer (the counter, head office, the customer display) has in its head, written once: an
 * HTML file in renderer/ says only what is its own (its title and entry module, then its body).
 */
const SHARED_HEAD: HtmlTagDescriptor[] = [
  { tag: 'meta', attrs: { charset: 'utf-8' }, injectTo: 'head-prepend' },
  { tag: 'meta', attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1' }, injectTo: 'head-prepend' },
  { tag: 'meta', attrs: { name: 'color-scheme', content: 'light' }, injectTo: 'head-prepend' },
  // No favicon request: the CSP and the app:// protocol would only refuse it.
  { tag: 'link', attrs: { rel: 'icon', href: 'data:,' }, injectTo: 'head' },
];

/** The page's own lines before its <body> go into the head; the built page has a literal <head>, where the browser host puts its bridge. */
function wholePage(page: string, file: string): string {
  const body = page.indexOf('<body');
  if (body < 0) throw new Error(`${file} has no <body>: a page in renderer/ is its title and entry, then its body.`);
  const ownHead = page.slice(0, body).replace(/^<!doctype html>\s*/i, '');
  return `<!doctype html>\n<html lang="en-MY">\n  <head>\n    ${ownHead.trim()}\n  </head>\n  ${page.slice(body).trim()}\n</html>\n`;
}

function sharedPage(): Plugin {
  return {
    name: 'kaunter-shared-page',
    transformIndexHtml: { order: 'pre', handler: (html, { filename }) => ({ html: wholePage(html, filename), tags: SHARED_HEAD }) },
  };
}

const config: UserConfig = {
  base: './',
  plugins: [react(), sharedPage()],
  build: {
    target: 'chrome120',
    sourcemap: false,
    // Inline nothing as data: URLs or inline scripts: the CSP allows scripts and styles from 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
};

/** Vite's config file runs in Node; the renderer's own code never sees this. */
declare const process: { env: Record<string, string | undefined> };

export default defineConfig(({ command }) => {
  // A build is always a production build. Vite takes NODE_ENV from the environment when it is set, and a build started
  // under a test runner (NODE_ENV=test) would otherwise ship React's development build and JSX with source locations.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
