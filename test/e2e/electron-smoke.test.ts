// The real desktop app, started by Playwright's Electron driver: training mode, one award by phone, seen on screen and
// in the training database, with the core in its own utility process. It needs Electron's binary, which `npm install` downloads on a normal machine; where that
// download is impossible (this project's CI) the test is skipped and says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../app/paths.ts';
import { electronBinary } from '../../main/electron-binary.ts';
import { counterReady, MEMBERS, outcome, typeAmount, typePhone } from './counter-page.ts';
import { seedSetUpTerminal } from './harness.ts';

const electron = electronBinary();
if (!electron) {
  console.log('electron-smoke: skipped: no Electron binary here (its download from GitHub is not reachable); it runs wherever `npm install` could fetch Electron');
}

describe('the desktop app', () => {
  it.skipIf(!electron)('starts in training mode and awards points by phone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kaunter-electron-'));
    await seedSetUpTerminal(dataDir);
    const app = await _electron.launch({
      executablePath: electron as string,
      args: [process.cwd()],
      env: { ...process.env, KAUNTER_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      expect(window.url()).toBe('app://kaunter/');
      await counterReady(window);
      await typeAmount(window, '12.50');
      await typePhone(window, MEMBERS.nurul.phone);
      await window.keyboard.press('Enter');
      expect(await outcome(window, 'awarded')).toMatch(/12 points/);
      const db = new Database(databasePath(dataDir, 'training'), { readonly: true });
      const states = db.prepare('SELECT state, phone_number FROM awards').all();
      db.close();
      expect(states).toEqual([{ state: 'AWARDED', phone_number: MEMBERS.nurul.national }]);
      const processes = await app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().map((metric) => ({ type: metric.type, name: metric.serviceName ?? metric.name ?? '' })));
      expect(processes).toContainEqual({ type: 'Utility', name: 'Kaunter core' });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
