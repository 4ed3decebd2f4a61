// A keyboard-mode scan typed while an input method (Chinese pinyin) is on: its letters go into the input method's
// composition and the page sees "Process" keys; digits after a letter pick its candidates. The code cannot be read, so
// the reader says so once, and never hands on the part of the code that got through as if it were the whole.
import { describe, expect, it } from 'vitest';
import { KeystrokeReader, type KeystrokeInput, type KeystrokeScan } from '../../renderer/scanner/keystroke-reader.ts';

/** A scanner's keys, 10 ms apart: each as the page's keydown has it (key, and whether an input method composes). */
function typed(reader: KeystrokeReader, keys: Array<Pick<KeystrokeInput, 'key' | 'composing'>>, gapMs = 10, editable = false): { scans: KeystrokeScan[]; swallowed: string[] } {
  const scans: KeystrokeScan[] = [];
  const swallowed: string[] = [];
  keys.forEach((key, index) => {
    const verdict = reader.handle({ ...key, timeStamp: 1_000 + index * gapMs, targetIsEditable: editable, targetAcceptsScans: editable });
    if (verdict.scan) scans.push(verdict.scan);
    if (verdict.swallow) swallowed.push(key.key);
  });
  return { scans, swallowed };
}

const plain = (text: string) => [...text].map((key) => ({ key, composing: false }));
/** Keys the input method took: Chrome gives their keydown the key "Process", the first before composition starts. */
const taken = (count: number) => Array.from({ length: count }, (_, index) => ({ key: 'Process', composing: index > 0 }));

describe('a scan typed through an input method', () => {
  it('is said once, as a scan to be made again, when every key went into the composition', () => {
    const { scans } = typed(new KeystrokeReader(), [...taken(8), { key: 'Process', composing: true }]);
    expect(scans).toEqual([expect.objectContaining({ text: '', throughInputMethod: true })]);
  });

  it("never reads the digits that got through after the input method took a letter as the member's code", () => {
    // "A" starts a composition and "1" picks a candidate; "2345" then reach the page as digits, and Enter ends the scan.
    const reader = new KeystrokeReader();
    const { scans, swallowed } = typed(reader, [...taken(2), ...plain('2345'), { key: 'Enter', composing: false }]);
    expect(scans).toEqual([expect.objectContaining({ text: '', throughInputMethod: true })]);
    // The scanner's Enter must not click the focused Confirm.
    expect(swallowed).toContain('Enter');
  });

  it('is said in the fields that take scans, where the cashier is typing the member', () => {
    const { scans } = typed(new KeystrokeReader(), [...plain('6190'), ...taken(3), { key: 'Enter', composing: false }], 10, true);
    expect(scans).toEqual([expect.objectContaining({ text: '', throughInputMethod: true, typedIntoField: true })]);
  });

  it("leaves a person's pinyin alone, and reads the next scan once the input method is off", () => {
    const reader = new KeystrokeReader();
    expect(typed(reader, [...taken(6), { key: 'Process', composing: true }], 150).scans).toEqual([]);
    const { scans } = typed(reader, [...plain('0172826990'), { key: 'Enter', composing: false }]);
    expect(scans).toEqual([expect.objectContaining({ text: '0172826990', terminator: 'Enter', throughInputMethod: false })]);
  });

  it('gives no part-scan to a scanner set to send no suffix either', () => {
    const reader = new KeystrokeReader({ endWithoutTerminator: true });
    expect(typed(reader, [...taken(2), ...plain('2345')]).scans).toEqual([expect.objectContaining({ throughInputMethod: true })]);
    expect(reader.idle(10_000)).toBeNull();
  });
});
