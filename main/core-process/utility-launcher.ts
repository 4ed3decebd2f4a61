// Starts the core process as an Electron utility process (Chromium's own child-process model, as VS Code runs its
// extension host and file watchers): a Node environment with no window, no Electron APIs of ours, and a MessagePort to
// main. The entry is the bundled main/core-process/entry.ts. Its stderr (a crash's stack) goes to Kaunter's log, where
// it is redacted, rather than to a console nobody reads on a counter PC.
import { utilityProcess } from 'electron';
import { batchedChannel } from '../../app/core-process/batched-channel.ts';
import type { Logger } from '../../app/logging/logger.ts';
import type { CoreLauncher } from './core-process.ts';

export function utilityCoreLauncher(entry: string, log: Logger): CoreLauncher {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Kaunter core', stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => log.info(`core process: ${chunk.toString('utf8').trimEnd()}`));
    child.stderr?.on('data', (chunk: Buffer) => log.error(`core process: ${chunk.toString('utf8').trimEnd()}`));
    // A fatal V8 error in the core (out of memory): logged by where it happened, never with the diagnostic report,
    // which holds the environment. Without a listener the event would throw in main.
    child.on('error', (type, location) => log.error(`core process: ${type} at ${location}`));
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
