// settings.json as the IT person leaves it after editing it by hand (the README's way to change scannerRules): Windows
// editors may put a byte-order mark in front, and a file that cannot be read must be fixed, not thrown away. And as a
// newer Kaunter leaves it, when an older one is installed again: what the older one does not know is kept, not dropped.
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

  it('says that the whole file must be one object when it is null or a list, with no empty field name', () => {
    for (const text of ['null', '[]']) {
      expect(() => openWith(text), text).toThrow(/settings\.json cannot be read: the whole file must be one JSON object, \{ \.\.\. \} \(Invalid input: expected object, received (null|array)\)\. Fix that file/);
    }
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

function fileNow(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
}

function messageOf(open: () => unknown): string {
  try {
    open();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

const OLD_PIN = { algorithm: 'scrypt' as const, peppered: true, salt: 'c2FsdA==', hash: 'aGFzaA==', n: 32768, r: 8, p: 1 };
const NEW_PIN = { ...OLD_PIN, salt: 'bmV3IHNhbHQ=', hash: 'bmV3IGhhc2g=' };

describe('settings.json from a newer Kaunter', () => {
  it('keeps the keys it does not know when it saves, at the top, in a section and deeper', () => {
    const newer = {
      ...EDITED,
      settingsVersion: 2,
      loyaltyTiers: { gold: 500 },
      manager: { name: 'Aina', twoFactor: true },
      scannerRules: { assembly: { prefix: 'X', trimSpaces: true } },
    };
    const store = openWith(JSON.stringify(newer));
    store.update((settings) => ({ ...settings, sounds: false }));

    const saved = fileNow();
    expect(saved).toMatchObject({ ...newer, sounds: false, manager: { name: 'Aina', twoFactor: true, failedAttempts: 0 } });
    expect(saved.scannerRules).toMatchObject({ assembly: { prefix: 'X', trimSpaces: true, minLength: 3 } });
    expect(store.value).not.toHaveProperty('loyaltyTiers');
  });

  it("keeps a newer record's fields while the record is unchanged, and not on a record it replaced", () => {
    const store = openWith(JSON.stringify({ manager: { pin: { ...OLD_PIN, pepperVersion: 2 }, recovery: { ...OLD_PIN, pepperVersion: 2 } } }));
    store.update((settings) => ({ ...settings, manager: { ...settings.manager, pin: NEW_PIN } }));

    const manager = fileNow().manager as Record<string, unknown>;
    expect(manager.pin).toEqual(NEW_PIN);
    expect(manager.recovery).toEqual({ ...OLD_PIN, pepperVersion: 2 });
  });

  it('drops the keys an older Kaunter wrote and this one retired, and keeps the rest', () => {
    const older = { ...EDITED, currentCashier: 'Aina', cashierChosenDay: '2026-01-02', manager: { name: 'Aina', lockedUntilMs: 1_767_000_000_000, twoFactor: true } };
    openWith(JSON.stringify(older)).update((settings) => ({ ...settings, sounds: false }));

    const saved = fileNow();
    expect(saved).not.toHaveProperty('currentCashier');
    expect(saved).not.toHaveProperty('cashierChosenDay');
    expect(saved.manager).not.toHaveProperty('lockedUntilMs');
    expect(saved.manager).toMatchObject({ name: 'Aina', twoFactor: true });
  });

  it('writes its own version into a file it makes, and never lowers a newer one', () => {
    new SettingsStore(dataDir);
    expect(fileNow().settingsVersion).toBe(1);
    openWith(JSON.stringify({ ...EDITED, settingsVersion: 7 })).update((settings) => ({ ...settings, sounds: false }));
    expect(fileNow().settingsVersion).toBe(7);
  });

  it('says a value it does not know in a newer Kaunter\'s file means updating Kaunter, not fixing the file', () => {
    const newer = JSON.stringify({ ...EDITED, settingsVersion: 2, language: 'ta' });
    const message = messageOf(() => openWith(newer));
    expect(message).toMatch(/settings\.json cannot be read: language: .*\. This data file was written by a newer version of Kaunter\. Install the newer version again/);
    expect(message).not.toMatch(/Fix that file|Removing it/);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(newer);
  });

  it('still says to fix the file when the same value is in a file of its own version (a typo by hand)', () => {
    expect(messageOf(() => openWith(JSON.stringify({ ...EDITED, language: 'ta' })))).toMatch(/language: .*\. Fix that file/);
    expect(messageOf(() => openWith(JSON.stringify({ ...EDITED, settingsVersion: 1, language: 'english' })))).toMatch(/language: .*\. Fix that file/);
  });

  it('says to fix a settingsVersion that is not a whole number', () => {
    expect(messageOf(() => openWith(JSON.stringify({ ...EDITED, settingsVersion: '2' })))).toMatch(/settingsVersion: expected a whole number from 1 up\. Fix that file/);
  });
});
