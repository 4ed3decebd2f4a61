// `npm start` opens the counter in the PC's own browser where it can (a desktop session), so the one-time address is
// used at once rather than left in a terminal for anyone to copy. The address never goes on a command line (other
// users of the PC can read command lines): the browser is given a small page in the private data folder that
// forwards to it, and that page is deleted a minute later (as Jupyter does).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFile } from '../../app/private-files.ts';

const FORWARD_PAGE = 'open-kaunter.html';
const KEEP_FORWARD_PAGE_MS = 60_000;

/** The command that opens a file or URL on this platform, or null where there is no desktop to open it on. */
export function browserOpener(target: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): [string, string[]] | null {
  if (platform === 'darwin') return ['open', [target]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', target]];
  return env.DISPLAY || env.WAYLAND_DISPLAY ? ['xdg-open', [target]] : null;
}

/** A page (readable by this user only) that sends the browser on to `url`; the token stays out of every command line. */
export function writeForwardPage(dataDir: string, url: string): string {
  const path = join(dataDir, FORWARD_PAGE);
  // The address is ours: http://127.0.0.1:PORT/#token=<base64url>, nothing in it needs escaping in an attribute.
  replaceFile(path, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${url}"><title>Kaunter</title>\n`);
  return path;
}

/** Starts the PC's browser on `url` by way of the forward page; false when this PC has no desktop to open it on. */
export function openInBrowser(url: string, dataDir: string): boolean {
  if (!browserOpener('', process.platform)) return false;
  const page = writeForwardPage(dataDir, url);
  const opener = browserOpener(page) as [string, string[]];
  const child = spawn(opener[0], opener[1], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
  setTimeout(() => rmSync(page, { force: true }), KEEP_FORWARD_PAGE_MS).unref();
  return true;
}
