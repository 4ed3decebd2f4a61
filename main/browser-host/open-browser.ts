// `npm start` opens the counter in the PC's own browser where it can (a desktop session), so the one-time address is
// used at once rather than left in a terminal for anyone to copy.
import { spawn } from 'node:child_process';

/** The command that opens a URL on this platform, or null where there is no desktop to open it on. */
export function browserOpener(url: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): [string, string[]] | null {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return env.DISPLAY || env.WAYLAND_DISPLAY ? ['xdg-open', [url]] : null;
}

/** Starts the PC's browser on `url`; false when this PC has no desktop to open it on. */
export function openInBrowser(url: string): boolean {
  const opener = browserOpener(url);
  if (!opener) return false;
  const child = spawn(opener[0], opener[1], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
  return true;
}
