// Where Node keeps Kaunter's compiled TypeScript: in the user's own cache folder, never in the system's temporary folder
// (Node's default), where another account could plant code for `kaunter` to run.
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCacheDir } from '../../app/paths.ts';

describe('the compile cache folder', () => {
  it("is the user's own cache folder on each system, never the temporary folder", () => {
    expect(compileCacheDir({}, 'linux')).toBe(join(homedir(), '.cache', 'kaunter', 'node-compile-cache'));
    expect(compileCacheDir({ XDG_CACHE_HOME: '/home/aina/.cache-elsewhere' }, 'linux')).toBe(join('/home/aina/.cache-elsewhere', 'kaunter', 'node-compile-cache'));
    expect(compileCacheDir({ LOCALAPPDATA: 'C:\\Users\\Aina\\AppData\\Local' }, 'win32')).toBe(join('C:\\Users\\Aina\\AppData\\Local', 'Kaunter', 'node-compile-cache'));
    expect(compileCacheDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Caches', 'Kaunter', 'node-compile-cache'));
    for (const platform of ['linux', 'win32', 'darwin'] as const) expect(compileCacheDir({}, platform).startsWith(tmpdir())).toBe(false);
  });

  it('is where NODE_COMPILE_CACHE says, when it says', () => {
    expect(compileCacheDir({ NODE_COMPILE_CACHE: '/srv/cache' }, 'linux')).toBe('/srv/cache');
  });
});
