// `npm start` without Electron runs the browser host in the terminal it was started from. When the core cannot open,
// the person at that terminal reads why and what to fix, and no stack trace that reads as a crash (found by following
// the README: a bad value in settings.json ended in an unhandled rejection).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'kaunter-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const RUN = "const { runBrowserHostInTerminal } = await import('./main/browser-host/in-terminal.ts'); await runBrowserHostInTerminal('dist/renderer');";

const BAD_SETTINGS = '{"scannerRules":{"keystrokes":{"maxGapMs":5}}}';

function startWithBadSettings(logLevel: string): SpawnSyncReturns<string> {
  writeFileSync(join(dataDir, 'settings.json'), BAD_SETTINGS);
  const env = { ...process.env, KAUNTER_DATA_DIR: dataDir, KAUNTER_LOG_LEVEL: logLevel, DISPLAY: '', WAYLAND_DISPLAY: '' };
  return spawnSync(process.execPath, ['--input-type=module', '-e', RUN], { env, encoding: 'utf8', timeout: 60_000 });
}

describe('npm start in a terminal, without Electron', () => {
  it('a settings file with a bad value: says which value and what to do, exits 1, no stack trace', () => {
    const run = startWithBadSettings('info');
    expect(run.status, run.stderr).toBe(1);
    const lastLine = run.stderr.trimEnd().split('\n').at(-1) ?? '';
    expect(lastLine).toMatch(/^Kaunter could not start\. Kaunter's settings file .*settings\.json cannot be read: scannerRules\.keystrokes\.maxGapMs: .*>=10\. Fix that file, then start Kaunter again/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    // Nothing was written over: the shop's file is there to be fixed.
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(BAD_SETTINGS);
  });

  it('at KAUNTER_LOG_LEVEL=debug the same words come first, then the stack for whoever looks into it', () => {
    const run = startWithBadSettings('debug');
    expect(run.status, run.stderr).toBe(1);
    const said = run.stderr.split('\n');
    const first = said.findIndex((line) => line.startsWith('Kaunter could not start. '));
    expect(first, run.stderr).toBeGreaterThanOrEqual(0);
    expect(said.slice(first + 1).some((line) => /^\s+at \S/.test(line)), run.stderr).toBe(true);
  });
});
