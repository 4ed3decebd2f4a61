// A scan typed through an input method waits until its burst is over before it is handed on (so the field is put back
// after the input method's text has landed, not before): no key or input for the scanner's gap, and no composition
// open, though an open one is not waited for beyond a moment.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputMethodScanHold, OPEN_COMPOSITION_WAIT_MS } from '../../renderer/scanner/input-method-hold.ts';

const GAP_MS = 55;

let released: string[];
let hold: InputMethodScanHold<string>;
beforeEach(() => {
  vi.useFakeTimers();
  released = [];
  hold = new InputMethodScanHold<string>(GAP_MS, (scan) => released.push(scan));
});
afterEach(() => vi.useRealTimers());

describe('a scan typed through an input method', () => {
  it('is handed on once no key or input came for the gap, not while they keep coming', () => {
    hold.hold('scan');
    for (let key = 0; key < 5; key += 1) {
      vi.advanceTimersByTime(GAP_MS - 10);
      if (key % 2 === 0) hold.keyDown(false);
      else hold.arrived();
    }
    expect(released).toEqual([]);
    vi.advanceTimersByTime(GAP_MS + 1);
    expect(released).toEqual(['scan']);
  });

  it('waits for an open composition to end, and is handed on a gap after its compositionend', () => {
    hold.compositionStarted();
    hold.hold('scan');
    vi.advanceTimersByTime(GAP_MS * 5);
    expect(released).toEqual([]);
    hold.compositionEnded();
    vi.advanceTimersByTime(GAP_MS);
    expect(released).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(released).toEqual(['scan']);
  });

  it('is not held back for long by a composition the input method keeps open', () => {
    hold.compositionStarted();
    hold.hold('scan');
    vi.advanceTimersByTime(OPEN_COMPOSITION_WAIT_MS + GAP_MS + 1);
    expect(released).toEqual(['scan']);
  });

  it('trusts a key that says no composition is open over a compositionstart whose end never came', () => {
    hold.compositionStarted();
    hold.keyDown(false);
    hold.hold('scan');
    vi.advanceTimersByTime(GAP_MS + 1);
    expect(released).toEqual(['scan']);
  });

  it('is handed on at once, and once, when flushed (the next burst begins, or the page stops reading keys)', () => {
    hold.compositionStarted();
    hold.hold('first');
    hold.flush();
    vi.advanceTimersByTime(OPEN_COMPOSITION_WAIT_MS * 2);
    expect(released).toEqual(['first']);
    hold.flush();
    expect(released).toEqual(['first']);
  });
});
