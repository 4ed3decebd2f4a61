// The renderer's build. build/bundle.mjs runs it with root renderer/ and outDir dist/renderer; base './' because
// Electron serves it from app://kaunter/ and the browser host from http://127.0.0.1:<port>/.
import react from '@vitejs/plugin-react';
import { defineConfig, type HtmlTagDescriptor, type Plugin, type UserConfig } from 'vite';

/**
 * What every page of the renderer (the counter, head office, the customer display) has in its head, written once: an
 * HTML file in renderer/ says only what is its own (its title, its entry module, its body).
 */
const SHARED_HEAD: HtmlTagDescriptor[] = [
  { tag: 'meta', attrs: { charset: 'utf-8' }, injectTo: 'head-prepend' },
  { tag: 'meta', attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1' }, injectTo: 'head-prepend' },
  { tag: 'meta', attrs: { name: 'color-scheme', content: 'light' }, injectTo: 'head-prepend' },
  // No favicon request: the CSP and the app:// protocol would only refuse it.
  { tag: 'link', attrs: { rel: 'icon', href: 'data:,' }, injectTo: 'head' },
];

function sharedPage(): Plugin {
  return {
    name: 'kaunter-shared-page',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => ({ html: html.replace(/^<!doctype html>\n/i, '<!doctype html>\n<html lang="en-MY">\n'), tags: SHARED_HEAD }),
    },
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
