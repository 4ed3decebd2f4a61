// The browser host in its own process (test/fixtures/browser-host-child.ts), for tests that freeze, stop or restart it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const RENDERER = join(process.cwd(), 'dist', 'renderer');

/** Resolves with the process and the address it printed once it listens; rejects if it exits first. */
export function startHostProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join('test', 'fixtures', 'browser-host-child.ts'), dataDir, RENDERER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('url ')) resolve({ child, url: line.slice(4) });
    });
  });
}
