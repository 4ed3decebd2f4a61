// Where Electron's binary is, if `npm install` could download it. This reads the `electron` package's path.txt itself,
// as the package's main module does, because since Electron 45 requiring that module downloads a missing binary: on a
// machine that cannot reach GitHub every `npm start` then printed "Downloading Electron binary..." and "TypeError: fetch
// failed" before our one-line notice.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronBinary(): string | null {
  const packageDir = electronPackageDir();
  if (!packageDir) return null;
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, executable ?? 'electron') : executable ? join(packageDir, 'dist', executable) : null;
  return binary && existsSync(binary) ? binary : null;
}

/** The installed `electron` package's folder; null in an install without devDependencies. */
function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}
