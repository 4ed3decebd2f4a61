// A keyboard-mode scanner typing while a Chinese pinyin input method is on, replayed through Chrome's own input
// pipeline: the keydowns the input method takes reach the page as "Process" (key code 229), and its composition and
// commits come through CDP's input method commands, so the page sees the compositionstart, update and end, and the
// input events, that a real input method makes. The input method's part, as pinyin input methods do it: a letter goes
// into the composition; a digit while composing picks a candidate (a Chinese word replaces the letters); any other
// character, or Enter, while composing commits the letters as typed (then the character). Keys it does not take
// (digits and punctuation with nothing composed) are typed as they are. Key time stamps are set, as in timed-keys.ts.
import type { CDPSession } from 'playwright-core';
import type { RunningApp } from './harness.ts';

/** What the input method puts in place of the letters when a digit picks a candidate. */
const CANDIDATE = '好';
/** The key code Windows and Chrome give a key an input method took. */
const PROCESS_KEY_CODE = 229;

export class InputMethodKeys {
  private readonly cdp: CDPSession;
  private constructor(cdp: CDPSession) {
    this.cdp = cdp;
  }

  static async open(app: RunningApp): Promise<InputMethodKeys> {
    return new InputMethodKeys(await app.context.newCDPSession(app.page));
  }

  /** Types `text` and Enter, `gapMs` between the keys' time stamps, as a scanner would with the input method on. */
  async scan(text: string, gapMs: number): Promise<void> {
    let at = Date.now() / 1000 + 0.3;
    let composition = '';
    for (const key of [...text, 'Enter']) {
      const composing = composition !== '';
      if (/^[a-z]$/i.test(key)) {
        await this.takenKey(`Key${key.toUpperCase()}`, at);
        composition += key;
        await this.cdp.send('Input.imeSetComposition', { text: composition, selectionStart: composition.length, selectionEnd: composition.length });
      } else if (composing) {
        await this.takenKey(key === 'Enter' ? 'Enter' : '', at);
        await this.cdp.send('Input.insertText', { text: /^\d$/.test(key) ? CANDIDATE : key === 'Enter' ? composition : composition + key });
        composition = '';
      } else {
        await this.plainKey(key, at);
      }
      at += gapMs / 1000;
    }
  }

  private async takenKey(code: string, at: number): Promise<void> {
    const key = { key: 'Process', code, windowsVirtualKeyCode: PROCESS_KEY_CODE };
    await this.cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key, timestamp: at });
    await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key, timestamp: at + 0.001 });
  }

  private async plainKey(key: string, at: number): Promise<void> {
    const isEnter = key === 'Enter';
    const code = isEnter ? 'Enter' : /^\d$/.test(key) ? `Digit${key}` : '';
    const keyCode = isEnter ? 13 : /^\d$/.test(key) ? key.charCodeAt(0) : 0;
    await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, windowsVirtualKeyCode: keyCode, text: isEnter ? '\r' : key, timestamp: at });
    await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: keyCode, timestamp: at + 0.001 });
  }
}
