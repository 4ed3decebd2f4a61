// Finding Electron's binary must not try to download it: `npm start` looks before it falls back to the browser host,
// and on a machine that cannot reach GitHub that look printed a download and "TypeError: fetch failed".
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** electronBinary() in a process of its own, as `npm start` calls it: what it returned and all it printed. */
function lookInChild(env: NodeJS.ProcessEnv): { found: unknown; stdout: string; stderr: string } {
  const run = spawnSync(
    process.execPath,
    ['-e', "const { electronBinary } = await import('./main/electron-binary.ts'); process.stdout.write('FOUND ' + JSON.stringify(electronBinary()));"],
    { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 },
  );
  const [printed, found] = run.stdout.split('FOUND ');
  return { found: found === undefined ? undefined : JSON.parse(found), stdout: printed ?? '', stderr: run.stderr };
}

describe("finding Electron's binary", () => {
  it('prints nothing and downloads nothing, whether or not the binary is installed', () => {
    const look = lookInChild({ ELECTRON_OVERRIDE_DIST_PATH: undefined });
    expect(look.stdout).toBe('');
    expect(look.stderr).toBe('');
    // Here (no Electron download possible) null; where `npm install` fetched Electron, its binary.
    expect(look.found === null || (typeof look.found === 'string' && existsSync(look.found))).toBe(true);
  });

  it('says none where the binary is not installed', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kaunter-no-electron-'));
    dirs.push(empty);
    expect(lookInChild({ ELECTRON_OVERRIDE_DIST_PATH: empty }).found).toBeNull();
  });

  it('names the binary where it is installed', () => {
    const dist = mkdtempSync(join(tmpdir(), 'kaunter-electron-dist-'));
    dirs.push(dist);
    const binary = join(dist, 'electron');
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, 0o755);
    const look = lookInChild({ ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(look.found).toBe(binary);
    expect(look.stderr).toBe('');
  });
});
