// Where the end-to-end run writes its screenshots, and the languages and sizes every screen is photographed in. No DOM
// and nothing started here: the README's gallery test reads it too.
import { join } from 'node:path';

/** Everything the end-to-end run photographs goes under here; the screens in all languages and sizes in SHOTS. */
export const SCREENSHOT_DIR = join('test-output', 'screenshots');
export const SHOTS = join(SCREENSHOT_DIR, 'screens');
export const LANGUAGES = ['en', 'ms', 'zh'] as const;
export const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

/** The customer display's panels: a 10-inch 1024x600 and a full-HD monitor. */
export const DISPLAY_SIZES = [
  { width: 1024, height: 600 },
  { width: 1920, height: 1080 },
] as const;

/** Each language at each size, as `describe.each` and `it.each` take them. */
export const EVERY_SCREEN = LANGUAGES.flatMap((language) => SIZES.map((size) => ({ language, ...size })));
