// How long before or after the attempt Revenue Monster recorded a credit: the manager's evidence on screen (three
// languages) and on the command line (English) says it with this.
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../app/common/duration.ts';

const LOCALES = ['en-MY', 'ms-MY', 'zh-MY'] as const;

describe('a length of time in words', () => {
  it('says hours, minutes and seconds as each language writes them briefly, leaving out the units that are zero', () => {
    expect(formatDuration(7197, 'en-MY')).toBe('1h 59m 57s');
    expect(formatDuration(3600, 'en-MY')).toBe('1h');
    expect(formatDuration(61, 'ms-MY')).toBe('1 min 1 s');
    expect(formatDuration(180, 'zh-MY')).toBe('3分钟');
  });

  it('drops the sign (the caller says before or after), rounds to the second, and says zero seconds as 0s', () => {
    expect(formatDuration(-1, 'en-MY')).toBe('1s');
    expect(formatDuration(59.6, 'en-MY')).toBe('1m');
    expect(formatDuration(0.4, 'en-MY')).toBe('0s');
  });

  it('agrees with Intl.DurationFormat where the runtime has it (Node 24 and Chromium; Node 22 does not)', (context) => {
    const DurationFormat = (Intl as { DurationFormat?: new (locale: string, options: { style: 'narrow' }) => { format(duration: Record<string, number>): string } }).DurationFormat;
    if (!DurationFormat) {
      console.log(`Intl.DurationFormat is missing in Node ${process.versions.node}: nothing to compare with`);
      context.skip();
      return;
    }
    for (const locale of LOCALES) {
      for (const seconds of [1, 59, 60, 61, 3600, 3661, 7197, 86_399]) {
        const duration = { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60), seconds: seconds % 60 };
        expect(formatDuration(seconds, locale), `${locale} ${seconds}`).toBe(new DurationFormat(locale, { style: 'narrow' }).format(duration));
      }
    }
  });
});
