// package.json's allowScripts keeps Electron's own download script from running, because where GitHub is unreachable
// (offline shops, locked-down CI) it fails the whole `npm install`. We run the same script here and turn a failure into
// one line of advice: `npm start` then falls back to the browser host.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronInstallScript() {
  try {
    return require.resolve('electron/install.js');
  } catch {
    return null; // a production install without devDependencies: nothing to fetch
  }
}

const script = electronInstallScript();
if (script && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  const result = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10 * 60_000 });
  if (result.status !== 0) {
    console.log('kaunter: the Electron runtime could not be downloaded; `npm start` will open the browser host instead.');
  }
}
