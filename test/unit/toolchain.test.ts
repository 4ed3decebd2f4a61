// The runtime Kaunter is built and tested on: Node 24 LTS (at least 22.18, the first Node 22 that runs TypeScript by
// itself), and every installed package content with it, so `npm install` prints no EBADENGINE warning for a shop's IT
// person to read as "broken".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
  hasInstallScript?: boolean;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(join(REPO, path), 'utf8')) as T;
}

describe('the toolchain', () => {
  it('runs the tests on Node 22 or newer (Node 24 in CI)', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(22);
  });

  it('declares the Node it needs, and this Node satisfies it', () => {
    const manifest = readJson<{ engines: { node: string } }>('package.json');
    expect(manifest.engines.node).toBe('>=22.18');
    expect(semver.satisfies(process.version, manifest.engines.node)).toBe(true);
  });

  it('installs no package whose engines refuse this Node', () => {
    const lock = readJson<{ packages: Record<string, LockEntry> }>('package-lock.json');
    const refused = Object.entries(lock.packages)
      .filter(([path]) => path.startsWith('node_modules/'))
      .flatMap(([path, entry]) => {
        const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
        return range && !semver.satisfies(process.version, range, { includePrerelease: true }) ? [`${path}@${entry.version} wants node ${range}`] : [];
      });
    expect(refused).toEqual([]);
  });

  it('says for every package with an install script whether it may run (npm warns about each one left unsaid)', () => {
    const lock = readJson<{ packages: Record<string, LockEntry> }>('package-lock.json');
    const { allowScripts } = readJson<{ allowScripts: Record<string, boolean> }>('package.json');
    const withScripts = Object.entries(lock.packages)
      .filter(([path, entry]) => path.startsWith('node_modules/') && entry.hasInstallScript === true)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => !Object.hasOwn(allowScripts, name))).toEqual([]);
  });

  it('pins Electron 45 for the app and for packaging', () => {
    const manifest = readJson<{ devDependencies: Record<string, string> }>('package.json');
    expect(manifest.devDependencies.electron).toMatch(/^45\.\d+\.\d+$/);
    const builderConfig = readFileSync(join(REPO, 'electron-builder.yml'), 'utf8');
    expect(builderConfig).toContain(`electronVersion: ${manifest.devDependencies.electron}`);
  });
});
