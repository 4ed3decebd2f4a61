// settings.json as the IT person leaves it after editing it by hand (the README's way to change scannerRules): Windows
// editors may put a byte-order mark in front, and a file that cannot be read must be fixed, not thrown away.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsFileError, SettingsStore } from '../../app/settings.ts';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kaunter-settings-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const EDITED = { environment: 'production', storeName: 'Kedai Aina', cashiers: ['Aina', 'Ben'] };

function openWith(text: string): SettingsStore {
  writeFileSync(join(dataDir, 'settings.json'), text);
  return new SettingsStore(dataDir);
}

describe('reading settings.json', () => {
  it('opens a file saved with a UTF-8 byte-order mark (PowerShell 5, older Notepad) as the same settings', () => {
    const settings = openWith(`\uFEFF${JSON.stringify(EDITED, null, 2)}\r\n`).value;
    expect(settings).toMatchObject(EDITED);
  });

  it('strips one byte-order mark only: a second is still refused', () => {
    expect(() => openWith(`\uFEFF\uFEFF${JSON.stringify(EDITED)}`)).toThrow(SettingsFileError);
  });

  it('says to fix a file it cannot read, and what removing it would lose; the file is left as it was', () => {
    const broken = '{"environment": "production", "cashiers": ["Aina",]}';
    let message = '';
    try {
      openWith(broken);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/settings\.json cannot be read: it is not valid JSON .*\. Fix that file, then start Kaunter again/);
    expect(message).toContain('without the manager PIN and recovery code, the cashiers or the Revenue Monster client IDs');
    expect(message).not.toMatch(/Fix or remove/);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(broken);
  });
});
