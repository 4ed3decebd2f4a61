// The renderer's build. build/bundle.mjs runs it with root renderer/ and outDir dist/renderer; base './' because
// Electron serves it from app://kaunter/ and the browser host from http://127.0.0.1:<port>/.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
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
});
