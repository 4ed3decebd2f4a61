// Starts the core process as an Electron utility process (Chromium's own child-process model, as VS Code runs its
// extension host and file watchers): a Node environment with no window, no Electron APIs of ours, and a MessagePort to
// main. The entry is the bundled main/core-process/entry.ts.
import { utilityProcess } from 'electron';
import { batchedChannel } from '../../app/core-process/batched-channel.ts';
import type { CoreLauncher } from './core-process.ts';

export function utilityCoreLauncher(entry: string): CoreLauncher {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Kaunter core', stdio: 'inherit' });
    // Messages wait until the process exists; after that they go straight through its port.
    let spawned = false;
    const waiting: unknown[] = [];
    child.once('spawn', () => {
      spawned = true;
      for (const message of waiting.splice(0)) child.postMessage(message);
    });
    return {
      channel: batchedChannel(
        (batch) => (spawned ? child.postMessage(batch) : void waiting.push(batch)),
        (listener) => child.on('message', listener),
      ),
      onExit: (listener) => child.once('exit', (code) => listener({ code, signal: null })),
      kill: () => void child.kill(),
      get pid() {
        return child.pid;
      },
    };
  };
}
