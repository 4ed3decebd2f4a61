import { describe, expect, it } from 'vitest';
import { DEFAULT_SCANNER_SETTINGS, scannerSettingsSchema } from '../../app/scanner/scanner-settings.ts';
import { DEFAULT_KEYSTROKE_READER } from '../../renderer/scanner/keystroke-reader.ts';
import { DEFAULT_SCAN_ASSEMBLY } from '../../app/scanner/scan-assembler.ts';

describe('scanner settings schema', () => {
  it('gives the same defaults the scanner code uses when nothing is stored', () => {
    expect(DEFAULT_SCANNER_SETTINGS.savedScanners).toEqual([]);
    expect(DEFAULT_SCANNER_SETTINGS.openAnyHidPosScanner).toBe(true);
    expect(DEFAULT_SCANNER_SETTINGS.assembly).toEqual(DEFAULT_SCAN_ASSEMBLY);
    expect(DEFAULT_SCANNER_SETTINGS.keystrokes).toEqual(DEFAULT_KEYSTROKE_READER);
    expect(DEFAULT_SCANNER_SETTINGS.identity.memberIdPattern).toBe('\\d{10,20}');
  });

  it('keeps stored values and fills only what is missing', () => {
    const stored = scannerSettingsSchema.parse({
      savedScanners: [{ vendorId: 0x05e0, productId: 0x1200, label: 'Counter 1 scanner' }],
      assembly: { suffix: '#' },
      identity: { bareDigitsArePhones: false },
    });
    expect(stored.savedScanners).toEqual([{ vendorId: 0x05e0, productId: 0x1200, label: 'Counter 1 scanner' }]);
    expect(stored.assembly).toEqual({ prefix: '', suffix: '#', minLength: 3, stripSymbologyIdentifier: true });
    expect(stored.identity.bareDigitsArePhones).toBe(false);
  });

  it('rejects impossible values, naming each field', () => {
    const result = scannerSettingsSchema.safeParse({
      savedScanners: [{ vendorId: 0x10000, productId: -1, hidPosLayout: 'sideways' }],
      assembly: { minLength: 0 },
      keystrokes: { maxGapMs: 5000 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'assembly.minLength',
      'keystrokes.maxGapMs',
      'savedScanners.0.hidPosLayout',
      'savedScanners.0.productId',
      'savedScanners.0.vendorId',
    ]);
  });
});
