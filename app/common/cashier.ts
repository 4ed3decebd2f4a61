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

/**
 * Every way the cashier column may hold who `name` names: a terminal both as the code and in the old English words, a
 * cashier as given. A filter matches all of them, so `--cashier "Terminal Kaunter 2"`, as the CSV says it, finds every
 * award of that terminal, old and new.
 */
export function cashierSpellings(name: string): string[] {
  const by = readCashier(name);
  return by.kind === 'terminal' ? [terminalAsCashier(by.name), `Terminal ${by.name}`] : [name];
}

/** One key per cashier or terminal, however its awards spell it: totals by cashier add old and new rows together. */
export function cashierKey(stored: string): string {
  const by = readCashier(stored);
  return by.kind === 'terminal' ? terminalAsCashier(by.name) : stored;
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
