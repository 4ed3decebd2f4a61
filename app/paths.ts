// Where Kaunter keeps its files. The same folder Electron calls userData for a product named "Kaunter", so the CLI and
// the desktop app find the same databases without Electron being loaded.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Environment } from './rm/hosts.ts';

export const PRODUCT_NAME = 'Kaunter';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.KAUNTER_DATA_DIR) return env.KAUNTER_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/**
 * Where Node keeps the compiled TypeScript of `kaunter` and of the core's child process between runs: the user's own
 * cache folder, not Node's default in the system's temporary folder, where another account could plant code for Kaunter
 * to run. NODE_COMPILE_CACHE still moves it.
 */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.NODE_COMPILE_CACHE) return env.NODE_COMPILE_CACHE;
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), PRODUCT_NAME, 'node-compile-cache');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', PRODUCT_NAME, 'node-compile-cache');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kaunter', 'node-compile-cache');
}

// What Kaunter writes in its data folder: the settings (and the temporary file each save renames), the log and its
// rotations, each environment's database with SQLite's -wal, -shm and -journal, the relay's lock and the CLI's hub
// credential beside it, a merge's database while it is built and the one it replaced (`kaunter hub restore --merge`),
// training's sandbox (its snapshot and journal), the page `npm start` opens the browser with, and
// the port its browser host listens on.
// A file being replaced (private-files.ts), or one from an install before its temporary files were named so.
const REPLACING = String.raw`(?:\.kaunter-unfinished-\d+-[0-9a-f]{12}\.tmp|\.[0-9a-f]+\.tmp)?`;
const KAUNTER_FILE = new RegExp(
  [
    String.raw`settings\.json${REPLACING}`,
    String.raw`kaunter\.log(?:\.\d+)?`,
    String.raw`awards-[a-z]+\.db(?:\.relay-lock)?(?:-wal|-shm|-journal)?`,
    String.raw`awards-[a-z]+\.db\.hub\.json(?:\.\d+\.tmp)?`,
    String.raw`awards-[a-z]+\.db\.merging(?:-wal|-shm|-journal)?`,
    String.raw`awards-[a-z]+\.db\.before-merge-\d{8}T\d{9}Z`,
    String.raw`training-sandbox\.json(?:\.\d+\.tmp)?`,
    String.raw`training-sandbox\.journal`,
    String.raw`open-kaunter\.html${REPLACING}`,
    String.raw`browser-host-port`,
  ]
    .map((name) => `^${name}$`)
    .join('|'),
);

export function isKaunterFile(fileName: string): boolean {
  return KAUNTER_FILE.test(fileName);
}

/** One database per environment, so training awards never appear in real history. */
export function databasePath(dataDir: string, environment: Environment): string {
  return join(dataDir, `awards-${environment}.db`);
}
