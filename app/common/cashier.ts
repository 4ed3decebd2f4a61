// Who an award is recorded under, as its cashier column holds it. A cashier picks their own name; a shop with no cashier
// list records the terminal, stored as a code with the terminal's name (`terminal:Kaunter 1`), never as words of one
// language, so history, the CSV and head office each say it in their reader's language. Awards recorded before the
// code hold the English words "Terminal <name>", and are read the same way.
export type RecordedBy = { kind: 'cashier'; name: string } | { kind: 'terminal'; name: string };

const TERMINAL_CODE = 'terminal:';
const OLD_ENGLISH = /^Terminal (.+)$/s;

/** The cashier column for a shop without a cashier list. */
export function terminalAsCashier(terminalName: string): string {
  return `${TERMINAL_CODE}${terminalName}`;
}

/** A cashier's own name may not look like the terminal's code, or the two could not be told apart. */
export function looksLikeTerminalCode(name: string): boolean {
  return name.toLowerCase().startsWith(TERMINAL_CODE);
}

export function readCashier(stored: string): RecordedBy {
  if (stored.startsWith(TERMINAL_CODE)) return { kind: 'terminal', name: stored.slice(TERMINAL_CODE.length) };
  const old = OLD_ENGLISH.exec(stored);
  return old ? { kind: 'terminal', name: old[1] ?? '' } : { kind: 'cashier', name: stored };
}

/** The column in words, given how this language says "Terminal <name>". */
export function cashierWords(stored: string, terminalWords: (name: string) => string): string {
  const by = readCashier(stored);
  return by.kind === 'terminal' ? terminalWords(by.name) : by.name;
}
