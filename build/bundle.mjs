// `npm run build`: everything Electron loads, into dist/ of the current folder (the project root under npm).
//   main/main.ts    -> dist/main/main.cjs     esbuild, CJS for Node in Electron's main process
//   main/core-process/entry.ts -> dist/main/core.cjs  esbuild, CJS for the core's own utility process
//   main/preload.ts -> dist/main/preload.cjs  esbuild, CJS; may import only what a sandboxed preload can require
//   main/customer-display/preload.ts -> dist/main/display-preload.cjs  the customer display window's, the same way
//   renderer/       -> dist/renderer/         Vite, with renderer/vite.config.ts: the counter (index.html) and the
//                                             customer display (display.html), each its own entry
//   renderer/hub.html -> dist/hub-ui/         the same renderer as head office's pages, served by `kaunter hub serve`
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';

/** Native or Electron-provided: loaded at run time from node_modules (unpacked from the asar), never bundled. */
const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'node-hid', '@github/keytar'];

/** What `require` can load in a sandboxed preload (Electron's sandbox tutorial); everything else must be bundled in. */
const SANDBOXED_PRELOAD_MODULES = new Set(['electron', 'events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);

/** Floors below Electron 45's runtime (its Node is 24, its Chromium newer than 146): syntax both understand. */
const MAIN_TARGET = ['node22'];
const PRELOAD_TARGET = ['node22', 'chrome146'];

/**
 * ESM sources may use import.meta.url, .dirname and .filename; in the main bundle they name the bundle file itself.
 * Not in the preload: a sandboxed preload has no __filename.
 */
const IMPORT_META_SHIM = {
  define: { 'import.meta.url': '__kaunterImportMetaUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
  banner: { js: "const __kaunterImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

function bundleNodeEntry(root, { entry, outfile, external, target, shim = {} }) {
  return esbuild({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target,
    external,
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    ...shim,
  });
}

function unsandboxableImports(metafile, outfile) {
  const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith(outfile))?.[1];
  return (output?.imports ?? [])
    .filter((imported) => imported.external && !SANDBOXED_PRELOAD_MODULES.has(imported.path))
    .map((imported) => imported.path);
}

async function bundleMain(root) {
  const outfile = 'dist/main/main.cjs';
  await bundleNodeEntry(root, { entry: 'main/main.ts', outfile, external: MAIN_EXTERNALS, target: MAIN_TARGET, shim: IMPORT_META_SHIM });
}

async function bundleCore(root) {
  const outfile = 'dist/main/core.cjs';
  await bundleNodeEntry(root, { entry: 'main/core-process/entry.ts', outfile, external: MAIN_EXTERNALS, target: MAIN_TARGET, shim: IMPORT_META_SHIM });
}

function preloadBundler(entry, outfile) {
  return async (root) => {
    const result = await bundleNodeEntry(root, { entry, outfile, external: ['electron'], target: PRELOAD_TARGET });
    const refused = unsandboxableImports(result.metafile, outfile);
    if (refused.length > 0) {
      rmSync(join(root, outfile), { force: true });
      throw new Error(
        `${entry} needs ${refused.join(', ')} at run time, which a sandboxed preload cannot require. ` +
          'Move that work to the main process and reach it over IPC.',
      );
    }
  };
}

/** The renderer through Vite into dist/<outDir>, entered through each of `pages` (HTML files in renderer/). */
async function bundlePages(root, outDir, pages) {
  const { build: viteBuild } = await import('vite');
  const input = pages.map((page) => join(root, 'renderer', page));
  await viteBuild({
    configFile: join(root, 'renderer', 'vite.config.ts'),
    root: join(root, 'renderer'),
    logLevel: 'warn',
    build: { outDir: join(root, 'dist', outDir), emptyOutDir: true, rollupOptions: { input } },
  });
}

const PARTS = [
  { name: 'main process', output: 'dist/main/main.cjs', run: bundleMain },
  { name: 'core process', output: 'dist/main/core.cjs', run: bundleCore },
  { name: 'preload', output: 'dist/main/preload.cjs', run: preloadBundler('main/preload.ts', 'dist/main/preload.cjs') },
  {
    name: 'customer display preload',
    output: 'dist/main/display-preload.cjs',
    run: preloadBundler('main/customer-display/preload.ts', 'dist/main/display-preload.cjs'),
  },
  // The counter and the customer display, each its own page.
  { name: 'renderer', output: 'dist/renderer/', run: (root) => bundlePages(root, 'renderer', ['index.html', 'display.html']) },
  // The head-office pages the hub serves: the same renderer and components, entered through renderer/hub.html.
  { name: 'hub UI', output: 'dist/hub-ui/', run: (root) => bundlePages(root, 'hub-ui', ['hub.html']) },
];

async function bundle(root) {
  rmSync(join(root, 'dist', 'main'), { recursive: true, force: true });
  for (const part of PARTS) {
    const started = Date.now();
    await part.run(root);
    console.log(`bundle: ${part.name} -> ${part.output} (${Date.now() - started} ms)`);
  }
}

try {
  await bundle(process.cwd());
} catch (error) {
  console.error(`bundle: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
