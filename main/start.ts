// `npm start`: build, then run Kaunter in Electron; where Electron's binary is not installed (its download failed, as
// on machines that cannot reach GitHub), say so in one line and open the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultDataDir } from '../app/paths.ts';
import { openInBrowser } from './browser-host/open-browser.ts';
import { startBrowserHost } from './browser-host/server.ts';
import { electronBinary } from './electron-binary.ts';
import { NodeHidBackend } from './hid/node-backend.ts';
import { hidScannerPort } from './hid/scanner-port.ts';

const root = join(import.meta.dirname, '..');

async function main(): Promise<void> {
  const built = spawnSync(process.execPath, [join(root, 'build', 'bundle.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) {
    process.exitCode = built.status ?? 1;
    return;
  }
  const electron = electronBinary();
  if (electron) {
    const child = spawn(electron, [root], { stdio: 'inherit' });
    child.on('exit', (code) => (process.exitCode = code ?? 0));
    return;
  }
  console.log('Electron is not installed on this machine, so Kaunter opens in your browser instead (the browser host).');
  const host = await startBrowserHost({
    dataDir: defaultDataDir(),
    rendererDir: join(root, 'dist', 'renderer'),
    downloadsDir: join(homedir(), 'Downloads'),
    scanner: hidScannerPort(new NodeHidBackend()),
    version: process.env.npm_package_version ?? '0.0.0',
    onNewAddress: (url) => console.log(`That address had expired (each works once, for 10 minutes). Open this one: ${url}`),
  });
  const info = await host.core.call('app.info', {});
  const mode = info.ok ? info.value.environment : 'unknown';
  const opened = openInBrowser(host.url, defaultDataDir());
  console.log(`Kaunter is running (${mode} mode). ${opened ? 'It is opening in your browser; if it does not, open' : 'Open'} ${host.url}`);
  console.log('The address works once, within 10 minutes: a reload of the open page keeps working.');
  const stop = (): void => void host.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
