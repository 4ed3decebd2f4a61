// USB HID keyboard usage IDs (HID Usage Tables, page 0x07) to the characters a US-layout scanner means by them.
// Scanners in keyboard mode are set to US layout by default; a scanner set to another layout needs reconfiguring.

export const USAGE_ENTER = 40;
export const USAGE_TAB = 43;
export const USAGE_KEYPAD_ENTER = 88;

/** Usages 1-3 are not keys but error codes: the keyboard could not say which keys are down (too many at once). */
export const FIRST_REAL_KEY_USAGE = 4;

const LETTERS_FIRST = 4; // a
const LETTERS_LAST = 29; // z
const DIGITS_FIRST = 30; // 1 ... 9 then 0 at 39
const DIGITS_LAST = 39;
const DIGITS_UNSHIFTED = '1234567890';
const DIGITS_SHIFTED = '!@#$%^&*()';

/** [unshifted, shifted] for the punctuation keys of a US keyboard. */
const SYMBOLS: ReadonlyMap<number, readonly [string, string]> = new Map([
  [44, [' ', ' ']],
  [45, ['-', '_']],
  [46, ['=', '+']],
  [47, ['[', '{']],
  [48, [']', '}']],
  [49, ['\\', '|']],
  [50, ['#', '~']], // "Non-US # and ~": US keyboards never send it, some scanners do
  [51, [';', ':']],
  [52, ["'", '"']],
  [53, ['`', '~']],
  [54, [',', '<']],
  [55, ['.', '>']],
  [56, ['/', '?']],
]);

/** The numeric keypad types the same character with or without shift (scanners assume Num Lock is on). */
const KEYPAD: ReadonlyMap<number, string> = new Map([
  [84, '/'],
  [85, '*'],
  [86, '-'],
  [87, '+'],
  [89, '1'],
  [90, '2'],
  [91, '3'],
  [92, '4'],
  [93, '5'],
  [94, '6'],
  [95, '7'],
  [96, '8'],
  [97, '9'],
  [98, '0'],
  [99, '.'],
]);

/** The character a key types on a US layout, or undefined for keys that type nothing (F-keys, arrows, Caps Lock...). */
export function usageToCharacter(usage: number, shift: boolean): string | undefined {
  if (usage >= LETTERS_FIRST && usage <= LETTERS_LAST) {
    const letter = String.fromCharCode('a'.charCodeAt(0) + usage - LETTERS_FIRST);
    return shift ? letter.toUpperCase() : letter;
  }
  if (usage >= DIGITS_FIRST && usage <= DIGITS_LAST) {
    return (shift ? DIGITS_SHIFTED : DIGITS_UNSHIFTED)[usage - DIGITS_FIRST];
  }
  const symbol = SYMBOLS.get(usage);
  if (symbol) return shift ? symbol[1] : symbol[0];
  return KEYPAD.get(usage);
}

/**
 * Ctrl+letter is how keyboard-mode scanners send ASCII control codes (Ctrl+B = STX 0x02, Ctrl+] = GS 0x1D in GS1 codes).
 * Returns the control character, or undefined when the key has no control meaning.
 */
export function usageToControlCharacter(usage: number): string | undefined {
  if (usage >= LETTERS_FIRST && usage <= LETTERS_LAST) return String.fromCharCode(usage - LETTERS_FIRST + 1);
  if (usage === 47) return '\x1b'; // Ctrl+[
  if (usage === 49) return '\x1c'; // Ctrl+\
  if (usage === 48) return '\x1d'; // Ctrl+]
  return undefined;
}
