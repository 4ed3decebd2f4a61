// `npm start`: build, then run Kaunter in Electron; where Electron's binary is not installed (its download failed, as
// on machines that cannot reach GitHub), say so in one line and open the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runBrowserHostInTerminal } from './browser-host/in-terminal.ts';
import { electronBinary } from './electron-binary.ts';

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
  await runBrowserHostInTerminal(join(root, 'dist', 'renderer'));
}

await main();
