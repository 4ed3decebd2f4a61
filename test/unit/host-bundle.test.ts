// The processes that serve people (Electron main, the browser host's server) load the contract to check calls, but not
// the core: no SQLite, no handlers, no award service. Loading them there would put the core's start-up cost and its
// native module in the process the window waits on, and make it easy to call the core around its own process.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const NATIVE = ['electron', 'better-sqlite3', 'node-hid', '@github/keytar'];
// app/store/errors.ts is only words for a file that cannot be written (training's sandbox file in main uses them too).
const CORE_ONLY = /^app\/store\/(?!errors\.ts$)|^app\/(handlers|commands)\/|^app\/(dispatch|core\/kaunter-core|core\/environment)\.ts$|^app\/awards\/(?!award\.ts$|history-filter\.ts$)/;

async function bundled(entry: string): Promise<{ modules: string[]; natives: string[] }> {
  const result = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', write: false, metafile: true, external: NATIVE, logLevel: 'silent' });
  const modules = Object.keys(result.metafile.inputs).filter((path) => !path.startsWith('node_modules/'));
  const natives = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((imported) => imported.external && NATIVE.includes(imported.path)).map((imported) => imported.path));
  return { modules, natives: [...new Set(natives)].sort() };
}

describe('the hosts that serve people do not load the core', () => {
  it.each([
    ['Electron main', 'main/main.ts', ['@github/keytar', 'electron', 'node-hid']],
    ['the browser host', 'main/start.ts', ['@github/keytar', 'node-hid']],
  ])('%s: the contract and its schemas, no SQLite, handlers or award service', async (_name, entry, natives) => {
    const host = await bundled(entry);
    expect(host.modules).toContain('app/contract-check.ts');
    expect(host.modules.filter((path) => CORE_ONLY.test(path))).toEqual([]);
    expect(host.natives).toEqual(natives);
  });

  it('the core process does load them (the check above would see them)', async () => {
    const core = await bundled('main/core-process/entry.ts');
    expect(core.modules.filter((path) => CORE_ONLY.test(path))).toEqual(expect.arrayContaining(['app/dispatch.ts', 'app/store/database.ts', 'app/core/kaunter-core.ts']));
    expect(core.natives).toContain('better-sqlite3');
  });
});
