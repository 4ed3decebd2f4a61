// Starts the core process as a Node child (the browser host, tests, benchmarks). From a checkout Node runs the TypeScript
// entry itself, as `npm start` runs everything, with Node's compile cache so that a restart does not erase and compile
// every module again; the child talks over Node's IPC channel with structured-clone serialisation.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { batchedChannel } from '../../app/core-process/batched-channel.ts';
import { compileCacheDir } from '../../app/paths.ts';
import type { CoreLauncher } from './core-process.ts';

export const CORE_ENTRY = join(import.meta.dirname, 'entry.ts');

/**
 * `entry`: the TypeScript source by default, or a bundle such as dist/main/core.cjs. `stderr`: where
 * the child's stderr goes (this process's own by default).
 */
export function nodeCoreLauncher(options: { entry?: string; env?: NodeJS.ProcessEnv; stderr?: (text: string) => void } = {}): CoreLauncher {
  const entry = options.entry ?? CORE_ENTRY;
  return () => {
    const child = fork(entry, [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', options.stderr ? 'pipe' : 'inherit', 'ipc'],
      env: { NODE_COMPILE_CACHE: compileCacheDir(), ...(options.env ?? process.env) },
    });
    const stderr = options.stderr;
    if (stderr) child.stderr?.on('data', (chunk: Buffer) => stderr(chunk.toString('utf8')));
    // A child that dies as it is spawned reports it here; onExit still follows.
    child.on('error', () => undefined);
    return {
      channel: batchedChannel(
        (batch) => {
          if (child.connected) child.send(batch);
        },
        (listener) => child.on('message', listener),
      ),
      onExit: (listener) => child.once('exit', (code, signal) => listener({ code, signal })),
      kill: () => child.kill('SIGKILL'),
      get pid() {
        return child.pid;
      },
    };
  };
}
