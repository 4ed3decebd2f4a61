// `npm start` where Electron is not installed: the browser host, started from a terminal by a person who reads what it
// prints. A core that cannot open (a settings file with a bad value, say) is told in the core's own words, which say
// what to fix, and not with a stack trace that reads as a crash; KAUNTER_LOG_LEVEL=debug adds the stack for whoever
// is asked to look into it.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { logLevelFrom } from '../../app/logging/logger.ts';
import { createRedactor } from '../../app/logging/redact.ts';
import { defaultDataDir } from '../../app/paths.ts';
import { NodeHidBackend } from '../hid/node-backend.ts';
import { hidScannerPort } from '../hid/scanner-port.ts';
import { openInBrowser } from './open-browser.ts';
import { startBrowserHost, type BrowserHost } from './server.ts';

export async function runBrowserHostInTerminal(rendererDir: string): Promise<void> {
  let host: BrowserHost;
  try {
    host = await startBrowserHost({
      dataDir: defaultDataDir(),
      rendererDir,
      downloadsDir: join(homedir(), 'Downloads'),
      scanner: hidScannerPort(new NodeHidBackend()),
      version: process.env.npm_package_version ?? '0.0.0',
      onNewAddress: (url) => console.log(`That address had expired (each works once, for 10 minutes). Open this one: ${url}`),
    });
  } catch (error) {
    // Exits at once: a start that failed half-way may have left the training sandbox or the core's process running
    // (the core ends when its host does), and nothing would be left to use them.
    process.stderr.write(whyItCouldNotStart(error), () => process.exit(1));
    return;
  }
  const info = await host.core.call('app.info', {});
  const mode = info.ok ? info.value.environment : 'unknown';
  const opened = openInBrowser(host.url, defaultDataDir());
  console.log(`Kaunter is running (${mode} mode). ${opened ? 'It is opening in your browser; if it does not, open' : 'Open'} ${host.url}`);
  console.log('The address works once, within 10 minutes: a reload of the open page keeps working.');
  const stop = (): void => void host.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function whyItCouldNotStart(error: unknown): string {
  const said = `Kaunter could not start. ${error instanceof Error ? error.message : String(error)}\n`;
  if (logLevelFrom() !== 'debug' || !(error instanceof Error) || error.stack === undefined) return said;
  return `${said}${createRedactor().redact(error.stack)}\n`;
}
