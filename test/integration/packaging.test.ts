// `npm run build` (build/bundle.mjs) and electron-builder with our electron-builder.yml, for real, on a stand-in project:
// small sources that import what the real app imports, the project's real production node_modules, and a stand-in
// Electron distribution whose `electron` file carries Electron's fuse sentinel and wire, so the fuse step really runs.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');
const BUNDLE_SCRIPT = join(REPO, 'build', 'bundle.mjs');
const BUILDER_CLI = createRequire(import.meta.url).resolve('electron-builder/cli.js');
/** The Electron the project pins (package.json), which electron-builder.yml names too. */
const ELECTRON_VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { devDependencies: { electron: string } }).devDependencies.electron;
const UDEV_RULES = join(REPO, 'build', 'udev');
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's fuse wire as shipped (nine fuses since Electron 38): runAsNode on, cookie encryption off, node options on, inspect on, asar
 * integrity off, only-asar off, browser V8 snapshot off, file:// privileges on, WASM trap handlers on. */
const SHIPPED_FUSES = '101100011';
const FUSE = { runAsNode: 0, cookieEncryption: 1, nodeOptions: 2, nodeCliInspect: 3, asarIntegrity: 4, onlyLoadAppFromAsar: 5, browserV8Snapshot: 6, fileProtocolPrivileges: 7, wasmTrapHandlers: 8 };

const notLinux = process.platform !== 'linux';
if (notLinux) console.log(`Skipping the packaging test: it builds the Linux "dir" target and runs on Linux only (this is ${process.platform})`);

function run(command: string, args: string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, ELECTRON_BUILDER_CACHE: join(cwd, '.builder-cache') } });
}

function output(result: SpawnSyncReturns<string>): string {
  return `${result.stdout}\n${result.stderr}${result.error ? `\n${result.error.message}` : ''}`;
}

function write(root: string, path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Sources shaped like the real ones: main imports Electron, the native modules and a module of ours. */
function writeStandInSources(root: string, preload = "import { contextBridge } from 'electron';\ncontextBridge.exposeInMainWorld('kaunter', { ping: () => 'pong' });\n"): void {
  write(root, 'main/main.ts', [
    "import { app } from 'electron';",
    "import Database from 'better-sqlite3';",
    "import { devices } from 'node-hid';",
    "import { getPassword } from '@github/keytar';",
    "import { describeBundle } from './describe.ts';",
    'console.log(describeBundle(import.meta.url), import.meta.dirname, typeof app, typeof Database, typeof devices, typeof getPassword);',
    '',
  ].join('\n'));
  write(root, 'main/describe.ts', "export function describeBundle(url: string): string {\n  return `KAUNTER_STAND_IN_MAIN at ${url}`;\n}\n");
  write(root, 'main/core-process/entry.ts', "import Database from 'better-sqlite3';\nconsole.log('KAUNTER_STAND_IN_CORE', typeof Database);\n");
  write(root, 'main/preload.ts', preload);
  write(root, 'main/customer-display/preload.ts', "import { contextBridge } from 'electron';\ncontextBridge.exposeInMainWorld('kaunterDisplay', { onState: () => () => undefined });\n");
  write(root, 'renderer/vite.config.ts', "import { defineConfig } from 'vite';\nexport default defineConfig({});\n");
  write(root, 'renderer/index.html', '<!doctype html><html><head><title>Kaunter</title><script type="module" src="./main.ts"></script></head><body><div id="root"></div></body></html>\n');
  write(root, 'renderer/main.ts', "document.getElementById('root')!.textContent = 'KAUNTER_STAND_IN_RENDERER';\n");
  write(root, 'renderer/display.html', '<!doctype html><html><head><title>Kaunter customer display</title><script type="module" src="./display.ts"></script></head><body><div id="root"></div></body></html>\n');
  write(root, 'renderer/display.ts', "document.getElementById('root')!.textContent = 'KAUNTER_STAND_IN_DISPLAY';\n");
  write(root, 'renderer/hub.html', '<!doctype html><html><head><title>Kaunter Hub</title><script type="module" src="./main.ts"></script></head><body><div id="root"></div></body></html>\n');
}

/** The project's package.json without its scripts (the postinstall would fetch Electron), and its real node_modules. */
function writeStandInProject(root: string): void {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  delete manifest.scripts;
  writeFileSync(join(root, 'package.json'), JSON.stringify(manifest, null, 2));
  copyFileSync(join(REPO, 'package-lock.json'), join(root, 'package-lock.json'));
  // Hard links: a full copy in no time. A symlinked node_modules would not do: electron-builder then misses transitive
  // dependencies such as node-hid's `pkg-prebuilds`.
  const linked = run('cp', ['-al', join(REPO, 'node_modules'), join(root, 'node_modules')], REPO);
  if (linked.status !== 0) cpSync(join(REPO, 'node_modules'), join(root, 'node_modules'), { recursive: true });
  mkdirSync(join(root, 'build'));
  copyFileSync(join(REPO, 'build', 'icon.png'), join(root, 'build', 'icon.png'));
  cpSync(UDEV_RULES, join(root, 'build', 'udev'), { recursive: true });
  writeStandInSources(root);
}

/**
 * An unpacked Electron 45 for Linux, file for file (less resources/default_app.asar, which electron-builder would parse
 * and a packaged app never uses), where `electron` is a shell script carrying the fuse wire.
 */
function writeStandInElectron(dir: string): void {
  const placeholders = [
    'chrome-sandbox', 'chrome_100_percent.pak', 'chrome_200_percent.pak', 'chrome_crashpad_handler', 'icudtl.dat',
    'libEGL.so', 'libGLESv2.so', 'libffmpeg.so', 'libvk_swiftshader.so', 'libvulkan.so.1', 'resources.pak',
    'snapshot_blob.bin', 'v8_context_snapshot.bin', 'vk_swiftshader_icd.json', 'LICENSE', 'LICENSES.chromium.html',
    'locales/en-US.pak', 'locales/ms.pak', 'locales/zh-CN.pak',
  ];
  for (const file of placeholders) write(dir, file, `stand-in ${file}\n`);
  write(dir, 'version', ELECTRON_VERSION);
  const script = Buffer.from(`#!/bin/sh\necho "KAUNTER_STAND_IN_ELECTRON ${ELECTRON_VERSION}"\nexit 0\n# fuse wire: `);
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, SHIPPED_FUSES.length]), Buffer.from(SHIPPED_FUSES), Buffer.from('\n')]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([script, wire]));
  chmodSync(join(dir, 'electron'), 0o755);
}

/** The fuse states in a binary, read the way Electron reads them: after the sentinel, a version byte and a length. */
function readFuses(binary: string): string {
  const bytes = readFileSync(binary);
  const at = bytes.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error(`no fuse sentinel in ${binary}`);
  const wire = at + FUSE_SENTINEL.length;
  expect(bytes[wire]).toBe(1);
  return bytes.subarray(wire + 2, wire + 2 + (bytes[wire + 1] ?? 0)).toString('latin1');
}

interface AsarEntry {
  path: string;
  unpacked: boolean;
}

/** The file list of an asar archive: a pickled JSON header (sizes at bytes 4 and 12, JSON from byte 16). */
function listAsar(archive: string): AsarEntry[] {
  const bytes = readFileSync(archive);
  const header = JSON.parse(bytes.subarray(16, 16 + bytes.readUInt32LE(12)).toString('utf8')) as AsarNode;
  const entries: AsarEntry[] = [];
  const walk = (node: AsarNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      if (child.files) walk(child, `${prefix}/${name}`);
      else entries.push({ path: `${prefix}/${name}`, unpacked: child.unpacked === true });
    }
  };
  walk(header, '');
  return entries;
}
interface AsarNode {
  files?: Record<string, AsarNode>;
  unpacked?: boolean;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((entry) => join(dir, entry));
}

let scratch = '';
beforeAll(() => {
  mkdirSync(join(REPO, 'test-output'), { recursive: true });
  scratch = mkdtempSync(join(REPO, 'test-output', 'packaging-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(notLinux)('build/bundle.mjs', () => {
  it('fails, naming the missing source, in a folder that is not Kaunter', () => {
    const empty = mkdtempSync(join(scratch, 'empty-'));
    const result = run(process.execPath, [BUNDLE_SCRIPT], empty);
    expect(result.status, output(result)).toBe(1);
    expect(result.stderr).toContain('Could not resolve "main/main.ts"');
    expect(existsSync(join(empty, 'dist', 'main', 'main.cjs'))).toBe(false);
  });

  it('refuses a preload that needs a module a sandboxed preload cannot load', () => {
    const project = mkdtempSync(join(scratch, 'bad-preload-'));
    writeStandInSources(project, "import { readFileSync } from 'node:fs';\nimport { contextBridge } from 'electron';\ncontextBridge.exposeInMainWorld('x', readFileSync);\n");
    symlinkModules(project);
    const result = run(process.execPath, [BUNDLE_SCRIPT], project);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/main\/preload\.ts needs (node:)?fs at run time, which a sandboxed preload cannot require/);
    expect(existsSync(join(project, 'dist', 'main', 'preload.cjs'))).toBe(false);
  });
});

/** For bundling only, a symlink is enough (esbuild and Vite resolve through it). */
function symlinkModules(project: string): void {
  run('ln', ['-s', join(REPO, 'node_modules'), join(project, 'node_modules')], project);
}

describe.skipIf(notLinux)('bundling and packaging a stand-in of the app', () => {
  let project = '';
  let unpacked = '';
  let builder: SpawnSyncReturns<string>;
  let bundled: SpawnSyncReturns<string>;

  beforeAll(() => {
    project = join(scratch, 'app');
    mkdirSync(project);
    writeStandInProject(project);
    writeStandInElectron(join(project, 'electron-dist'));
    bundled = run(process.execPath, [BUNDLE_SCRIPT], project);
    builder = run(
      process.execPath,
      [
        BUILDER_CLI, '--linux', 'dir', '--publish', 'never',
        '--projectDir', project,
        '--config', join(REPO, 'electron-builder.yml'),
        `-c.electronDist=${join(project, 'electron-dist')}`,
        `-c.directories.output=${join(project, 'release')}`,
      ],
      project,
      150_000,
    );
    unpacked = join(project, 'release', 'linux-unpacked');
  }, 200_000);

  it('bundles main, the core process and preload as CJS with the native modules left outside', () => {
    expect(bundled.status, output(bundled)).toBe(0);
    const main = readFileSync(join(project, 'dist', 'main', 'main.cjs'), 'utf8');
    for (const external of ['electron', 'better-sqlite3', 'node-hid', '@github/keytar']) expect(main).toContain(`require("${external}")`);
    expect(main).toContain('KAUNTER_STAND_IN_MAIN at');
    expect(main).toContain("const __kaunterImportMetaUrl = require('node:url').pathToFileURL(__filename).href;");
    expect(main).not.toContain('import.meta');
    const core = readFileSync(join(project, 'dist', 'main', 'core.cjs'), 'utf8');
    expect(core).toContain('require("better-sqlite3")');
    expect(core).toContain('KAUNTER_STAND_IN_CORE');
    expect(core).not.toContain('require("electron")');
    for (const file of ['preload.cjs', 'display-preload.cjs']) {
      const preload = readFileSync(join(project, 'dist', 'main', file), 'utf8');
      expect(preload, file).toContain('require("electron")');
      expect(preload, file).not.toContain('__filename');
      expect(preload, file).not.toMatch(/^import |^export /m);
    }
  });

  it('builds the counter and the customer display into dist/renderer with no inline script (the CSP would block it)', () => {
    for (const page of ['index.html', 'display.html']) {
      const html = readFileSync(join(project, 'dist', 'renderer', page), 'utf8');
      expect(html, page).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
      expect(html, page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
    const assets = readdirSync(join(project, 'dist', 'renderer', 'assets'));
    for (const marker of ['KAUNTER_STAND_IN_RENDERER', 'KAUNTER_STAND_IN_DISPLAY']) {
      expect(assets.some((file) => readFileSync(join(project, 'dist', 'renderer', 'assets', file), 'utf8').includes(marker)), marker).toBe(true);
    }
  });

  it('packages with electron-builder for the Linux "dir" target', () => {
    expect(builder.status, output(builder)).toBe(0);
    expect(existsSync(join(unpacked, 'kaunter'))).toBe(true);
    expect(existsSync(join(unpacked, 'electron'))).toBe(false);
    expect(statSync(join(unpacked, 'kaunter')).mode & 0o111).not.toBe(0);
    expect(readdirSync(join(unpacked, 'locales')).sort()).toEqual(['en-US.pak', 'ms.pak', 'zh-CN.pak']);
  });

  it('flips the fuses in the packaged binary, and only those', () => {
    const fuses = readFuses(join(unpacked, 'kaunter'));
    expect(fuses).toHaveLength(SHIPPED_FUSES.length);
    expect(fuses[FUSE.runAsNode]).toBe('0');
    expect(fuses[FUSE.nodeOptions]).toBe('0');
    expect(fuses[FUSE.nodeCliInspect]).toBe('0');
    expect(fuses[FUSE.cookieEncryption]).toBe('1');
    expect(fuses[FUSE.asarIntegrity]).toBe('1');
    expect(fuses[FUSE.onlyLoadAppFromAsar]).toBe('1');
    expect(fuses[FUSE.fileProtocolPrivileges]).toBe('0');
    expect(fuses[FUSE.browserV8Snapshot]).toBe(SHIPPED_FUSES[FUSE.browserV8Snapshot]);
    expect(fuses[FUSE.wasmTrapHandlers]).toBe(SHIPPED_FUSES[FUSE.wasmTrapHandlers]);
  });

  it('leaves the rest of the binary intact (the stand-in still runs)', () => {
    const ran = run(join(unpacked, 'kaunter'), [], unpacked);
    expect(ran.stdout.trim()).toBe(`KAUNTER_STAND_IN_ELECTRON ${ELECTRON_VERSION}`);
  });

  it('puts the bundles, the package.json and production dependencies in resources/app.asar, nothing else of ours', () => {
    const entries = listAsar(join(unpacked, 'resources', 'app.asar'));
    const paths = entries.map((entry) => entry.path);
    expect(paths).toEqual(expect.arrayContaining(['/package.json', '/dist/main/main.cjs', '/dist/main/core.cjs', '/dist/main/preload.cjs', '/dist/main/display-preload.cjs', '/dist/renderer/index.html', '/dist/renderer/display.html']));
    expect(paths.filter((path) => !path.startsWith('/node_modules/') && !path.startsWith('/dist/'))).toEqual(['/package.json']);
    expect(paths.some((path) => path.endsWith('.map'))).toBe(false);
    const modules = new Set(paths.filter((path) => path.startsWith('/node_modules/')).map((path) => path.split('/').slice(2, path.split('/')[2]?.startsWith('@') ? 4 : 3).join('/')));
    for (const needed of ['better-sqlite3', 'node-hid', 'pkg-prebuilds', '@github/keytar', 'zod', 'ws', 'commander']) expect(modules, needed).toContain(needed);
    for (const excluded of ['electron', 'electron-builder', 'vite', 'vitest', 'typescript', 'react', 'tsx', 'esbuild', 'playwright-core']) expect(modules, excluded).not.toContain(excluded);
    expect(paths.some((path) => path.startsWith('/node_modules/better-sqlite3/deps/'))).toBe(false);
  });

  it('unpacks the native modules beside the asar, where Electron loads them from', () => {
    const entries = listAsar(join(unpacked, 'resources', 'app.asar'));
    const nativeAddons = entries.filter((entry) => entry.path.endsWith('.node'));
    expect(nativeAddons.length).toBeGreaterThan(0);
    for (const addon of nativeAddons) {
      expect(addon.unpacked, addon.path).toBe(true);
      expect(existsSync(join(unpacked, 'resources', 'app.asar.unpacked', addon.path)), addon.path).toBe(true);
    }
    const outside = join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules');
    // better-sqlite3's prebuilt Node-API binary for this machine, and none of the seven for other platforms.
    expect(readdirSync(join(outside, 'better-sqlite3', 'prebuilds'))).toEqual([`${process.platform}-${process.arch}.node`]);
    // Node-API: the packaged binary loads in this Node as it will in Electron, with no rebuild.
    const loaded = run(process.execPath, ['-e', "const D = require(process.argv[1]); console.log(new D(':memory:').prepare('SELECT 6 * 7 AS n').get().n)", join(outside, 'better-sqlite3')], unpacked);
    expect(loaded.stdout.trim(), output(loaded)).toBe('42');
    expect(filesUnder(join(outside, 'node-hid')).some((file) => file.endsWith('.node'))).toBe(true);
    expect(filesUnder(join(outside, '@github', 'keytar')).some((file) => file.endsWith('keytar.node'))).toBe(true);
  });

  it('ships package.json with its entry point and without install scripts', () => {
    const asarPackage = listAsar(join(unpacked, 'resources', 'app.asar')).find((entry) => entry.path === '/package.json');
    expect(asarPackage).toBeDefined();
    const archive = readFileSync(join(unpacked, 'resources', 'app.asar')).toString('utf8');
    expect(archive).toContain('"main": "dist/main/main.cjs"');
    expect(archive).not.toContain('"postinstall"');
  });

  it('ships the scanner udev rule inside the app for AppImage users', () => {
    expect(readdirSync(join(unpacked, 'udev')).some((file) => file.endsWith('.rules'))).toBe(true);
  });
});

describe('build/icon.png', () => {
  it('is a 1024x1024 RGBA PNG', () => {
    const png = readFileSync(join(REPO, 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    expect(png[25]).toBe(6);
  });
});
