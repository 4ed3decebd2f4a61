// Keys typed through Chrome's own input pipeline with their time stamps set (CDP), so the gaps the page sees between
// them are the ones asked for however busy this machine is: a keyboard-mode scanner's few milliseconds, or a person's
// pace. (Playwright's own typing waits between keys in this process: on a loaded machine a scan's keys then arrive too
// far apart to be a scan.)
import type { CDPSession } from 'playwright-core';
import type { RunningApp } from './harness.ts';

/** Between one burst's last key and the next burst's first, as a person's hand would pause. */
const PAUSE_S = 0.3;

export class TimedKeys {
  /** The time stamp of the last key sent (seconds). */
  private lastKeyAt = 0;

  private readonly cdp: CDPSession;
  private constructor(cdp: CDPSession) {
    this.cdp = cdp;
  }

  static async open(app: RunningApp): Promise<TimedKeys> {
    return new TimedKeys(await app.context.newCDPSession(app.page));
  }

  /**
   * Types the characters of `text` (and Enter unless told not to) with `gapMs` between the keys' time stamps; `midway` runs
   * after its number of keys, between two of them as the page sees them (the time stamps go on as if it took no time).
   */
  async type(text: string, gapMs: number, { enter = true, midway }: { enter?: boolean; midway?: { afterKeys: number; run: () => Promise<void> } } = {}): Promise<void> {
    let at = Math.max(Date.now() / 1000, this.lastKeyAt + PAUSE_S);
    let sent = 0;
    for (const key of enter ? [...text, 'Enter'] : [...text]) {
      if (midway && sent === midway.afterKeys) await midway.run();
      sent += 1;
      const isEnter = key === 'Enter';
      const { code, keyCode } = isEnter ? { code: 'Enter', keyCode: 13 } : keyOf(key);
      await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, windowsVirtualKeyCode: keyCode, text: isEnter ? '\r' : key, timestamp: at });
      await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: keyCode, timestamp: at + 0.001 });
      this.lastKeyAt = at;
      at += gapMs / 1000;
    }
  }
}

/**
 * The physical key a character comes from, as far as the page may look: digits and letters (a member QR's link has
 * letters); other characters (':', '/') carry only their text, which is all Chrome needs to type them.
 */
function keyOf(character: string): { code: string; keyCode: number } {
  if (/^\d$/.test(character)) return { code: `Digit${character}`, keyCode: character.charCodeAt(0) };
  if (/^[a-z]$/i.test(character)) return { code: `Key${character.toUpperCase()}`, keyCode: character.toUpperCase().charCodeAt(0) };
  return { code: '', keyCode: 0 };
}
