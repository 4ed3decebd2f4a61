// Ringgit text typed by the cashier <-> integer sen. Parsing is integer arithmetic on the typed digits (never a float),
// so "0.29" is 29 sen and not 28.999... The core checks the amount again; this only gives the cashier a fast answer.

/** RM 1,000,000.00, the core's ceiling for one sale (app/money.ts). */
export const MAX_AMOUNT_SEN = 100_000_000;

export type AmountProblem = 'empty' | 'format' | 'decimals' | 'zero' | 'tooLarge';
export type ParsedAmount = { ok: true; sen: number } | { ok: false; problem: AmountProblem };

const AMOUNT_TEXT = /^(\d{1,12})(?:\.(\d*))?$/;

export function parseAmountText(text: string): ParsedAmount {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  const match = AMOUNT_TEXT.exec(trimmed.startsWith('.') ? `0${trimmed}` : trimmed);
  if (!match) return { ok: false, problem: 'format' };
  const ringgitDigits = match[1] ?? '0';
  const senDigits = match[2] ?? '';
  if (senDigits.length > 2) return { ok: false, problem: 'decimals' };
  if (ringgitDigits.replace(/^0+/, '').length > 7) return { ok: false, problem: 'tooLarge' };
  const sen = Number(ringgitDigits) * 100 + Number(senDigits.padEnd(2, '0'));
  if (sen === 0) return { ok: false, problem: 'zero' };
  if (sen > MAX_AMOUNT_SEN) return { ok: false, problem: 'tooLarge' };
  return { ok: true, sen };
}
