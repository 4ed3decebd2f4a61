import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BOOT_KEYBOARD_DESCRIPTOR, HID_POS_SCANNER_DESCRIPTOR } from '../hid/uhid-device.ts';
import { readRules, runHidPosMatcher } from '../hid/udev-rule.ts';

const rules = readRules();
const scratch = mkdtempSync(join(tmpdir(), 'kaunter-udev-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function descriptorFile(name: string, bytes: readonly number[]): string {
  const path = join(scratch, name);
  writeFileSync(path, Buffer.from(bytes));
  return path;
}

// A mouse: Generic Desktop page; its bytes include 0x05 and 0x8C, but never as "Usage Page 0x8C".
const MOUSE_DESCRIPTOR = [
  0x05, 0x01, 0x09, 0x02, 0xa1, 0x01, 0x09, 0x01, 0xa1, 0x00, 0x05, 0x09, 0x19, 0x01, 0x29, 0x05, 0x15, 0x00, 0x25, 0x01,
  0x95, 0x05, 0x75, 0x01, 0x81, 0x02, 0x95, 0x01, 0x75, 0x03, 0x81, 0x01, 0x05, 0x01, 0x09, 0x30, 0x09, 0x31, 0x15, 0x8c,
  0x25, 0x74, 0x75, 0x08, 0x95, 0x02, 0x81, 0x06, 0xc0, 0xc0,
];

describe('udev rule 70-kaunter-scanners.rules', () => {
  it('matches a HID POS scanner by usage page 0x8C, in the short and the long item form', () => {
    expect(runHidPosMatcher(rules, descriptorFile('hid-pos', HID_POS_SCANNER_DESCRIPTOR))).toBe(0);
    const longForm = [0x06, 0x8c, 0x00, ...HID_POS_SCANNER_DESCRIPTOR.slice(2)];
    expect(runHidPosMatcher(rules, descriptorFile('hid-pos-long', longForm))).toBe(0);
    // Usage page item split across od's default 16-byte lines (05 at byte 47, 8C at byte 48) still counts.
    const split = [...MOUSE_DESCRIPTOR.slice(0, 47), 0x05, 0x8c, 0x09, 0x02, 0xa1, 0x01, 0xc0];
    expect(runHidPosMatcher(rules, descriptorFile('split', split))).toBe(0);
  });

  it('does not match keyboards, mice or a missing descriptor', () => {
    expect(runHidPosMatcher(rules, descriptorFile('keyboard', BOOT_KEYBOARD_DESCRIPTOR))).not.toBe(0);
    expect(runHidPosMatcher(rules, descriptorFile('mouse', MOUSE_DESCRIPTOR))).not.toBe(0);
    expect(runHidPosMatcher(rules, join(scratch, 'does-not-exist'))).not.toBe(0);
  });

  it('grants uaccess on hidraw to HID POS scanners only, one rule per line, with no trailing comments', () => {
    const ruleLines = rules.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(ruleLines[0]).toBe('SUBSYSTEM!="hidraw", GOTO="kaunter_scanners_end"');
    expect(ruleLines.at(-1)).toBe('LABEL="kaunter_scanners_end"');
    for (const line of ruleLines.slice(1, -1)) {
      expect(line).toMatch(/, TAG\+="uaccess", GOTO="kaunter_scanners_end"$/);
    }
    // A keyboard-mode scanner is never opened, so no rule opens a brand's every interface (its keyboard too).
    expect(ruleLines).toHaveLength(3);
    expect(ruleLines.join('\n')).not.toContain('idVendor');
    // udev would read a $ not doubled as one of its own substitutions.
    expect(ruleLines.join('\n')).not.toMatch(/(^|[^$])\$[^$]/);
  });
});
