// Intl.DurationFormat is in every engine Kaunter runs on (Chromium 129+, Node 23+) but not yet in TypeScript 5.9's
// lib files; this declares the part the renderer uses.
declare namespace Intl {
  interface DurationFormatOptions {
    style?: 'long' | 'short' | 'narrow' | 'digital';
  }
  interface DurationInput {
    hours?: number;
    minutes?: number;
    seconds?: number;
  }
  class DurationFormat {
    constructor(locale: string, options?: DurationFormatOptions);
    format(duration: DurationInput): string;
  }
}
