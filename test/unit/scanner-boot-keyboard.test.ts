import { describe, expect, it } from 'vitest';
import { BootKeyboardReader, type Keystroke } from '../../app/scanner/boot-keyboard.ts';
import { bootReport, keyboardReports } from '../hid/scanner-reports.ts';

function typed(reports: Uint8Array[]): string {
  const reader = new BootKeyboardReader();
  return reports
    .flatMap((report) => reader.push(report))
    .map((keystroke: Keystroke) => (keystroke.kind === 'text' ? keystroke.text : `<${keystroke.key}>`))
    .join('');
}

describe('boot keyboard reports (US layout)', () => {
  it('types letters, digits and Enter from press/release report pairs', () => {
    expect(typed(keyboardReports('abc123xyz\n'))).toBe('abc123xyz<Enter>');
  });

  it('reads shift from bit 1 (left) and bit 5 (right), not from the whole modifier byte', () => {
    expect(typed(keyboardReports('Kaunter', { shift: 'left' }))).toBe('Kaunter');
    expect(typed(keyboardReports('Kaunter', { shift: 'right' }))).toBe('Kaunter');
    // Both shifts held at once (0x22) is still shift.
    expect(typed([bootReport(0x22, [4])])).toBe('A');
  });

  it('types every shifted symbol of a US keyboard', () => {
    const symbols = '!@#$%^&*()_+{}|:"~<>?';
    expect(typed(keyboardReports(symbols))).toBe(symbols);
    const plain = "-=[]\\;'`,./ ";
    expect(typed(keyboardReports(plain))).toBe(plain);
  });

  it('reads all six key slots of one report, in slot order', () => {
    expect(typed([bootReport(0, [0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23])])).toBe('123456');
  });

  it('types a key once while it stays down (rollover), and again only after it is released', () => {
    const a = 0x04;
    const b = 0x05;
    expect(typed([bootReport(0, [a]), bootReport(0, [a, b]), bootReport(0, [b]), bootReport(0, [])])).toBe('ab');
    expect(typed([bootReport(0, [a]), bootReport(0, [a]), bootReport(0, [a])])).toBe('a');
    expect(typed([bootReport(0, [a]), bootReport(0, []), bootReport(0, [a]), bootReport(0, [])])).toBe('aa');
    // b pressed in slot 1 while a moves from slot 0 to slot 1: only b is new.
    expect(typed([bootReport(0, [a]), bootReport(0, [b, a])])).toBe('ab');
  });

  it('ignores ErrorRollOver reports and keeps the keys it knew were down', () => {
    const a = 0x04;
    const rollover = bootReport(0, [1, 1, 1, 1, 1, 1]);
    expect(typed([bootReport(0, [a]), rollover, bootReport(0, [a]), bootReport(0, [])])).toBe('a');
  });

  it('ends scans on Enter, keypad Enter and Tab', () => {
    expect(typed([bootReport(0, [40]), bootReport(0, []), bootReport(0, [88]), bootReport(0, []), bootReport(0, [43])])).toBe(
      '<Enter><Enter><Tab>',
    );
  });

  it('types keypad digits and symbols, with or without shift', () => {
    const keypad = [89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 84, 85, 86, 87];
    expect(typed(keypad.flatMap((usage) => [bootReport(0, [usage]), bootReport(0, [])]))).toBe('1234567890./*-+');
    expect(typed([bootReport(0x02, [89])])).toBe('1');
  });

  it('turns Ctrl+letter into the control character scanners mean by it, and drops Alt/GUI chords', () => {
    expect(typed([bootReport(0x01, [0x05]), bootReport(0, []), bootReport(0x10, [0x30])])).toBe('\x02\x1d');
    expect(typed([bootReport(0x04, [0x04]), bootReport(0, []), bootReport(0x08, [0x05]), bootReport(0, [])])).toBe('');
  });

  it('accepts a boot report preceded by a report ID and ignores reports of other sizes', () => {
    expect(typed(keyboardReports('ok\n', { reportId: 1 }))).toBe('ok<Enter>');
    expect(typed([new Uint8Array([0, 0, 4]), new Uint8Array(16)])).toBe('');
  });

  it('types nothing for keys without a character (F1, arrows, Caps Lock, Escape)', () => {
    expect(typed([58, 79, 57, 41].map((usage) => bootReport(0, [usage])))).toBe('');
  });
});
