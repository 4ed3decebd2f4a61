// A packaged Kaunter refuses the Chromium switches that would hand its window or processes to someone else.
import { describe, expect, it } from 'vitest';
import { REFUSED_SWITCHES, refusedSwitch } from '../../main/security/command-line-guard.ts';

describe('the command-line guard', () => {
  it('names the first refused switch, and lets a plain start through', () => {
    const line = (...switches: string[]) => (name: string) => switches.includes(name);
    expect(refusedSwitch(line())).toBeNull();
    expect(refusedSwitch(line('lang', 'enable-logging'))).toBeNull();
    for (const name of ['remote-debugging-port', 'js-flags', 'utility-cmd-prefix', 'renderer-cmd-prefix', 'disable-web-security', 'no-sandbox']) {
      expect(refusedSwitch(line('lang', name)), name).toBe(name);
    }
    expect(REFUSED_SWITCHES).toContain('remote-debugging-pipe');
  });
});
