import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCANNER_SETTINGS } from '../../app/scanner/scanner-settings.ts';
import { DEFAULT_KEYSTROKE_READER, KeystrokeReader, type KeystrokeInput, type KeystrokeVerdict } from '../../renderer/scanner/keystroke-reader.ts';

interface Typing {
  keys: string[];
  /** Milliseconds between consecutive keys (cycled). */
  gapsMs: number[];
  startAt?: number;
  targetIsEditable?: boolean;
  targetAcceptsScans?: boolean;
}

/** Keydown events as a browser reports them; capitals come with a Shift keydown first, as a scanner presses it. */
function keydowns({ keys, gapsMs, startAt = 1000, targetIsEditable = false, targetAcceptsScans }: Typing): KeystrokeInput[] {
  const events: KeystrokeInput[] = [];
  let at = startAt;
  keys.forEach((key, index) => {
    if (index > 0) at += gapsMs[(index - 1) % gapsMs.length] ?? 0;
    if (key.length === 1 && key !== key.toLowerCase()) events.push({ key: 'Shift', timeStamp: at - 1, targetIsEditable, targetAcceptsScans });
    events.push({ key, timeStamp: at, targetIsEditable, targetAcceptsScans });
  });
  return events;
}

const chars = (text: string): string[] => [...text];

function feed(reader: KeystrokeReader, events: KeystrokeInput[]): KeystrokeVerdict[] {
  return events.map((event) => reader.handle(event));
}

describe('keystroke reader: scanner bursts versus people typing', () => {
  it('reads a scanner typing 4-12 ms per key, ending with Enter, and swallows all but the first key', () => {
    const reader = new KeystrokeReader();
    const verdicts = feed(reader, keydowns({ keys: [...chars('1589736419203847563'), 'Enter'], gapsMs: [4, 12, 7, 9] }));
    const last = verdicts.at(-1);
    expect(last?.scan).toMatchObject({ text: '1589736419203847563', keyCount: 19, terminator: 'Enter', typedIntoField: false });
    expect(verdicts.filter((v) => v.swallow)).toHaveLength(19); // 18 keys after the first + Enter
    expect(verdicts[0]?.swallow).toBe(false);
  });

  it('swallows the second key of a two-key suffix (CR LF as Enter Enter, or Tab Enter), so it clicks no focused button', () => {
    for (const suffix of [['Enter', 'Enter'], ['Tab', 'Enter'], ['Enter', 'Tab']]) {
      const reader = new KeystrokeReader();
      const verdicts = feed(reader, keydowns({ keys: [...chars('0123456789'), ...suffix], gapsMs: [8] }));
      expect(verdicts.at(-2)?.scan).toMatchObject({ text: '0123456789', terminator: suffix[0] });
      expect(verdicts.at(-1)).toEqual({ swallow: true, scan: null });
      // A person's Enter afterwards is theirs, and so is one after any other key.
      expect(reader.handle({ key: 'Enter', timeStamp: 1_000 + 11 * 8 + 400, targetIsEditable: false })).toEqual({ swallow: false, scan: null });
    }
    const afterEscape = feed(new KeystrokeReader(), keydowns({ keys: [...chars('0123456789'), 'Enter', 'Escape', 'Enter'], gapsMs: [8] }));
    expect(afterEscape.at(-1)).toEqual({ swallow: false, scan: null });
  });

  it('swallows the second suffix key when the first moved focus into a text field (the amount, after a member scan)', () => {
    const reader = new KeystrokeReader();
    const verdicts = feed(reader, keydowns({ keys: [...chars('0123456789'), 'Enter'], gapsMs: [8] }));
    expect(verdicts.at(-1)?.scan).toMatchObject({ text: '0123456789' });
    expect(reader.handle({ key: 'Enter', timeStamp: 1_000 + 10 * 8 + 3, targetIsEditable: true })).toEqual({ swallow: true, scan: null });
    // The cashier's own Enter in that field later is theirs.
    expect(reader.handle({ key: 'Enter', timeStamp: 1_000 + 10 * 8 + 900, targetIsEditable: true })).toEqual({ swallow: false, scan: null });
  });

  it('keeps capitals: the Shift keydown a scanner sends before each capital does not break the burst', () => {
    const reader = new KeystrokeReader();
    const verdicts = feed(reader, keydowns({ keys: [...chars('INV-Ab12'), 'Tab'], gapsMs: [10] }));
    expect(verdicts.at(-1)?.scan).toMatchObject({ text: 'INV-Ab12', terminator: 'Tab' });
  });

  it('never reads a person typing 150-300 ms per key as a scan, and never swallows their keys', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...chars('0123456789abcdefXYZ')), { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 150, max: 300 }), { minLength: 1, maxLength: 25 }),
        (keys, gapsMs) => {
          const reader = new KeystrokeReader();
          const verdicts = feed(reader, keydowns({ keys: [...keys, 'Enter'], gapsMs }));
          return verdicts.every((v) => v.scan === null && !v.swallow);
        },
      ),
    );
  });

  it('does not read two fast keys as a scan (codes shorter than 3 are noise), and lets that Enter through', () => {
    const reader = new KeystrokeReader();
    const verdicts = feed(reader, keydowns({ keys: ['4', '2', 'Enter'], gapsMs: [8] }));
    expect(verdicts.at(-1)).toEqual({ swallow: false, scan: null });
  });

  it('starts over when a key comes later than the gap: a person pressing a key just before a scan', () => {
    const reader = new KeystrokeReader();
    feed(reader, keydowns({ keys: ['x'], gapsMs: [0], startAt: 0 }));
    const verdicts = feed(reader, keydowns({ keys: [...chars('1234567890'), 'Enter'], gapsMs: [6], startAt: 400 }));
    expect(verdicts.at(-1)?.scan?.text).toBe('1234567890');
  });

  it('breaks a burst at a 60 ms hiccup (above the 55 ms default) and accepts it with a wider gap setting', () => {
    const keys = [...chars('1234567890'), 'Enter'];
    const gapsMs = [5, 5, 5, 5, 60, 5, 5, 5, 5, 5];
    expect(feed(new KeystrokeReader(), keydowns({ keys, gapsMs })).at(-1)?.scan?.text).toBe('67890');
    expect(feed(new KeystrokeReader({ maxGapMs: 100 }), keydowns({ keys, gapsMs })).at(-1)?.scan?.text).toBe('1234567890');
  });

  it('leaves keys aimed at an editable field alone unless the field or the shop opts in', () => {
    const scan = { keys: [...chars('1234567890'), 'Enter'], gapsMs: [5] };
    const intoInput = feed(new KeystrokeReader(), keydowns({ ...scan, targetIsEditable: true }));
    expect(intoInput.every((v) => v.scan === null && !v.swallow)).toBe(true);

    const optedIn = feed(new KeystrokeReader(), keydowns({ ...scan, targetIsEditable: true, targetAcceptsScans: true }));
    expect(optedIn.at(-1)).toMatchObject({ swallow: true, scan: { text: '1234567890', typedIntoField: true } });
    // Characters already reached the field (they cannot be given back), only Enter is swallowed.
    expect(optedIn.filter((v) => v.swallow)).toHaveLength(1);

    const shopWide = feed(new KeystrokeReader({ scanIntoEditableFields: true }), keydowns({ ...scan, targetIsEditable: true }));
    expect(shopWide.at(-1)?.scan?.text).toBe('1234567890');
  });

  it('drops a burst interrupted by a non-character key or a shortcut chord', () => {
    const reader = new KeystrokeReader();
    feed(reader, keydowns({ keys: chars('12345'), gapsMs: [5] }));
    reader.handle({ key: 'ArrowDown', timeStamp: 1025, targetIsEditable: false });
    const afterArrow = feed(reader, keydowns({ keys: ['6', '7', 'Enter'], gapsMs: [5], startAt: 1030 }));
    expect(afterArrow.at(-1)?.scan).toBeNull();

    const chord = new KeystrokeReader();
    feed(chord, keydowns({ keys: chars('12345'), gapsMs: [5] }));
    expect(chord.handle({ key: 'c', ctrlKey: true, timeStamp: 1025, targetIsEditable: false })).toEqual({ swallow: false, scan: null });
  });

  it('ends a scan without a terminator on idle only when enabled', () => {
    const events = keydowns({ keys: chars('1234567890'), gapsMs: [5] });
    const plain = new KeystrokeReader();
    feed(plain, events);
    expect(plain.idle(1045 + 30)).toBeNull(); // still within the gap: maybe more keys
    expect(plain.idle(1045 + 80)).toBeNull(); // stale burst forgotten, no scan
    const noSuffix = new KeystrokeReader({ endWithoutTerminator: true });
    feed(noSuffix, events);
    expect(noSuffix.idle(1045 + 30)).toBeNull();
    expect(noSuffix.idle(1045 + 80)).toMatchObject({ text: '1234567890', terminator: 'none', durationMs: 45 });
    expect(noSuffix.idle(1045 + 200)).toBeNull();
  });

  it('treats a clock going backwards (events from another source) as a new burst', () => {
    const reader = new KeystrokeReader();
    feed(reader, keydowns({ keys: chars('12345'), gapsMs: [5], startAt: 5000 }));
    const verdicts = feed(reader, keydowns({ keys: ['6', '7', 'Enter'], gapsMs: [5], startAt: 100 }));
    expect(verdicts.at(-1)?.scan).toBeNull();
  });
});

describe('defaults', () => {
  it("the page's reader starts from settings.json's defaults, until the settings arrive", () => {
    expect(DEFAULT_KEYSTROKE_READER).toEqual(DEFAULT_SCANNER_SETTINGS.keystrokes);
  });
});
