// The renderer's build. build/bundle.mjs runs it with root renderer/ and outDir dist/renderer; base './' because
// Electron serves it from app://kaunter/ and the browser host from http://127.0.0.1:<port>/.
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const config: UserConfig = {
  base: './',
  plugins: [react()],
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
