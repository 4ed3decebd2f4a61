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

  private constructor(private readonly cdp: CDPSession) {}

  static async open(app: RunningApp): Promise<TimedKeys> {
    return new TimedKeys(await app.context.newCDPSession(app.page));
  }

  /**
   * Types the digits of `text` (and Enter unless told not to) with `gapMs` between the keys' time stamps; `midway` runs
   * after its number of keys, between two of them as the page sees them (the time stamps go on as if it took no time).
   */
  async type(text: string, gapMs: number, { enter = true, midway }: { enter?: boolean; midway?: { afterKeys: number; run: () => Promise<void> } } = {}): Promise<void> {
    let at = Math.max(Date.now() / 1000, this.lastKeyAt + PAUSE_S);
    let sent = 0;
    for (const key of enter ? [...text, 'Enter'] : [...text]) {
      if (midway && sent === midway.afterKeys) await midway.run();
      sent += 1;
      const isEnter = key === 'Enter';
      const code = isEnter ? 'Enter' : `Digit${key}`;
      const keyCode = isEnter ? 13 : key.charCodeAt(0);
      await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, windowsVirtualKeyCode: keyCode, text: isEnter ? '\r' : key, timestamp: at });
      await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: keyCode, timestamp: at + 0.001 });
      this.lastKeyAt = at;
      at += gapMs / 1000;
    }
  }
}
