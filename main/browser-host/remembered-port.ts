// The browser host listens on the port it had the last time it ran on this data folder. A page left open across a
// restart then finds its host again, and the host's refusal of its old token tells whoever has it open to open the
// new address; on a new port the page could only go on saying "reconnecting". If another program has taken the port
// since, the host takes any free one and remembers that.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Logger } from '../../app/logging/logger.ts';

const PORT_FILE = 'browser-host-port';

function rememberedPort(dataDir: string): number | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, PORT_FILE), 'utf8');
  } catch {
    return null;
  }
  const port = Number(text.trim());
  return Number.isInteger(port) && port > 0 && port < 65_536 ? port : null;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      server.off('error', settle).off('listening', settle);
      if (error) reject(error);
      else resolve();
    };
    server.once('error', settle).once('listening', settle);
    server.listen(port, '127.0.0.1');
  });
}

/** Listens on 127.0.0.1 at the port this data folder's host had last time, else at any free port; returns the port. */
export async function listenOnRememberedPort(server: Server, dataDir: string, log: Logger): Promise<number> {
  const remembered = rememberedPort(dataDir);
  let listening = false;
  if (remembered !== null) {
    try {
      await listen(server, remembered);
      listening = true;
    } catch (error) {
      // Taken by another program since (EADDRINUSE, to be expected), or refused for any other reason: any free port will do.
      const code = (error as NodeJS.ErrnoException).code;
      const line = `browser host: cannot listen on port ${remembered} again (${code ?? (error as Error).message}); listening on another`;
      if (code === 'EADDRINUSE') log.info(line);
      else log.warn(line);
    }
  }
  if (!listening) await listen(server, 0);
  const port = (server.address() as { port: number }).port;
  if (port !== remembered) {
    try {
      writeFileSync(join(dataDir, PORT_FILE), `${port}\n`, { mode: 0o600 });
    } catch (error) {
      // Only a page left open across the next restart misses it: that page asks for the new address either way.
      log.warn(`browser host: cannot remember port ${port}: ${(error as Error).message}`);
    }
  }
  return port;
}
