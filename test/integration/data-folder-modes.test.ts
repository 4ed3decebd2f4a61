// Another OS user on the counter PC must not read the award history, the settings, the log or an export. Under the
// usual umask 022 (which would give 0755 folders and 0644 files), everything Kaunter creates is 0700 / 0600, and an
// install made before that rule is narrowed at the next start. The CLI keeps the same rule.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileLogger } from '../../app/logging/logger.ts';
import { databasePath, isKaunterFile } from '../../app/paths.ts';
import { openDatabase } from '../../app/store/database.ts';
import { writeForwardPage } from '../../main/browser-host/open-browser.ts';
import { securePrivateFolder } from '../../app/private-files.ts';
import { makeCoreRig, type CoreRig } from '../fixtures/core-rig.ts';
import { runCli } from '../fixtures/cli.ts';

const MEMBER = { type: 'ID', memberId: '6190354873541245312' } as const;
let previousUmask: number;
let rig: CoreRig | null = null;
let scratch: string;

beforeAll(() => {
  previousUmask = process.umask(0o022);
  scratch = mkdtempSync(join(tmpdir(), 'kaunter-modes-'));
});
afterAll(() => {
  process.umask(previousUmask);
  rmSync(scratch, { recursive: true, force: true });
});
afterEach(async () => {
  await rig?.close();
  rig = null;
});

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}

/** Every file in the folder with its mode, e.g. { 'settings.json': '600' }. */
function fileModes(folder: string): Record<string, string> {
  const files = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(files.map((entry) => [entry.name, mode(join(folder, entry.name))]));
}

async function useTheCore(dataDir: string): Promise<CoreRig> {
  const opened = await makeCoreRig({}, dataDir);
  const submitted = await opened.dispatch('award.submit', { id: crypto.randomUUID(), amountSen: 1250, member: MEMBER });
  expect(submitted).toMatchObject({ ok: true, value: { award: { state: 'AWARDED' } } });
  expect(await opened.dispatch('manager.setPin', { pin: '2468', managerName: 'Siti' })).toMatchObject({ ok: true });
  fileLogger({ dir: dataDir, echo: null }).info('modes test: a line in the log');
  return opened;
}

describe('file and folder modes under umask 022', () => {
  it('knows its own files by name, and leaves a shared folder such as /tmp as it is', () => {
    for (const name of [
      'settings.json', 'settings.json.a1b2c3d4e5f6.tmp', 'kaunter.log', 'kaunter.log.1', 'awards-production.db', 'awards-training.db-wal', 'awards-sandbox.db-shm',
      'awards-training.db.relay-lock', 'awards-training.db.relay-lock-journal', 'awards-sandbox.db.hub.json', 'awards-sandbox.db.hub.json.4242.tmp',
      'awards-production.db.merging', 'awards-production.db.merging-wal', 'awards-production.db.before-merge-20261205T231500123Z',
      'training-sandbox.json', 'training-sandbox.json.4242.tmp', 'training-sandbox.journal', 'open-kaunter.html', 'open-kaunter.html.a1b2c3d4e5f6.tmp', 'browser-host-port',
      'settings.json.kaunter-unfinished-4242-a1b2c3d4e5f6.tmp', 'open-kaunter.html.kaunter-unfinished-4242-a1b2c3d4e5f6.tmp',
    ]) {
      expect(isKaunterFile(name), name).toBe(true);
    }
    for (const name of ['notes.txt', 'settings.json.bak', 'awards.csv', 'kaunter.logx', 'xtraining-sandbox.json', 'open-kaunter.html.bak', 'kaunter.log.1x', 'browser-host-port.old', 'awards-production.db.before-merge-x', 'awards-production.db.mergingx', 'settings.json.kaunter-unfinished-x-a1b2c3d4e5f6.tmp']) expect(isKaunterFile(name), name).toBe(false);
    const shared = join(scratch, 'shared');
    mkdirSync(shared, { mode: 0o777 });
    chmodSync(shared, 0o1777);
    securePrivateFolder(shared, isKaunterFile);
    expect((statSync(shared).mode & 0o7777).toString(8)).toBe('1777');
  });

  it('a new data folder is 0700 and every file in it 0600: settings, databases with -wal and -shm, relay lock, log', async () => {
    const dataDir = join(scratch, 'new', 'Kaunter');
    rig = await useTheCore(dataDir);
    const exported = await rig.dispatch('history.exportCsv', { filter: {} });
    expect(exported).toMatchObject({ ok: true });

    expect(mode(dataDir)).toBe('700');
    const files = fileModes(dataDir);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['settings.json', 'awards-training.db', 'awards-training.db-wal', 'awards-training.db-shm', 'awards-training.db.relay-lock', 'kaunter.log']),
    );
    expect(Object.entries(files).filter(([, m]) => m !== '600')).toEqual([]);
    expect(exported.ok && mode((exported.value as { path: string }).path)).toBe('600');
  });

  it('an install made before is narrowed at start: a 0755 folder and 0644 files become 0700 and 0600', async () => {
    const dataDir = join(scratch, 'old', 'Kaunter');
    rig = await useTheCore(dataDir);
    await rig.core.close();
    // As a Kaunter that was killed leaves it: the database's -wal and -shm still there (held here by a connection of
    // our own, which SQLite would otherwise tidy away on close), and the page that opened the browser not yet deleted.
    const held = openDatabase(databasePath(dataDir, 'training'));
    writeForwardPage(dataDir, 'http://127.0.0.1:1/#token=old');
    try {
      chmodSync(dataDir, 0o755);
      for (const name of Object.keys(fileModes(dataDir))) chmodSync(join(dataDir, name), 0o644);
      writeFileSync(join(dataDir, 'notes.txt'), 'left here by the shop');
      chmodSync(join(dataDir, 'notes.txt'), 0o644);
      expect(Object.keys(fileModes(dataDir))).toEqual(expect.arrayContaining(['awards-training.db-wal', 'awards-training.db-shm', 'open-kaunter.html', 'training-sandbox.json']));
      rig = await makeCoreRig({}, dataDir);

      expect(mode(dataDir)).toBe('700');
      // Kaunter narrows its own files and leaves others' alone (the folder already keeps other users out).
      expect(Object.entries(fileModes(dataDir)).filter(([, m]) => m !== '600')).toEqual([['notes.txt', '644']]);
    } finally {
      held.close();
    }
  });

  it('the CLI narrows a database\'s -wal and -shm left 0644 beside it', async () => {
    const folder = join(scratch, 'cli-old');
    const db = join(folder, 'awards.db');
    const held = openDatabase(db);
    try {
      for (const name of Object.keys(fileModes(folder))) chmodSync(join(folder, name), 0o644);
      expect(Object.keys(fileModes(folder))).toEqual(expect.arrayContaining(['awards.db-wal', 'awards.db-shm']));
      const queued = await runCli(['award', '--amount', '12.50', '--member-id', MEMBER.memberId, '--queue-only', '--db', db]);
      expect(queued.code, queued.stderr).toBe(0);
      expect(Object.entries(fileModes(folder)).filter(([, m]) => m !== '600')).toEqual([]);
    } finally {
      held.close();
    }
  });

  it('the CLI: a database it creates in a new folder, and a CSV written over an older file with --out, are 0600', async () => {
    const folder = join(scratch, 'cli', 'awards');
    const db = join(folder, 'awards.db');
    const queued = await runCli(['award', '--amount', '12.50', '--member-id', MEMBER.memberId, '--queue-only', '--db', db]);
    expect(queued.code, queued.stderr).toBe(0);
    const csv = join(scratch, 'cli', 'export.csv');
    writeFileSync(csv, 'an older export anyone could read');
    chmodSync(csv, 0o644);
    const exported = await runCli(['history', '--csv', '--out', csv, '--db', db]);
    expect(exported.code, exported.stderr).toBe(0);

    expect(mode(folder)).toBe('700');
    expect(Object.entries(fileModes(folder)).filter(([, m]) => m !== '600')).toEqual([]);
    expect(Object.keys(fileModes(folder))).toContain('awards.db');
    expect(mode(csv)).toBe('600');
  });
});
