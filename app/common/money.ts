// Money is integer sen everywhere inside Kaunter. Ringgit text exists only at the edges: typed by a cashier, given on
// the command line, shown on screen or in a report. One grammar for all of them, so the counter and the CLI take the
// same text: "12.50", "12.5", "12", "12.", ".50", "RM 12.50", "1,234.50". Parsing is integer arithmetic on the
// digits (never a float), so "0.29" is 29 sen and not 28.999...

/** RM 1,000,000.00: far above any counter sale, far below where integer sen stops being exact. */
export const MAX_AMOUNT_SEN = 100_000_000;

/** The richest spending rule Kaunter accepts from RM (and its sandbox offers): points per ringgit. */
export const MAX_POINTS_PER_RINGGIT = 1_000_000;

/**
 * The most points one sale can carry: the largest sale at the richest rule. Every figure of points a counter keeps or
 * pushes stays below it, so head office's sums of them stay far inside PostgreSQL's bigint.
 */
export const MAX_POINTS = (MAX_AMOUNT_SEN / 100) * MAX_POINTS_PER_RINGGIT;

/** What is wrong with an amount, for the screens to say in their language. */
export type AmountProblem = 'empty' | 'format' | 'decimals' | 'zero' | 'tooLarge';
export type ParsedAmount = { ok: true; sen: number } | { ok: false; problem: AmountProblem; message: string };

/** Digits with an optional decimal part; commas only as thousands groups ("12,5" is refused, not guessed at). */
const RINGGIT_TEXT = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;
const MAX_RINGGIT_DIGITS = String(MAX_AMOUNT_SEN / 100).length;

/**
 * A Chinese IME in full-width mode types "１２.５０", "ＲＭ１２．５０", and in Chinese punctuation mode "12。50": NFKC
 * folds the full-width forms (as the PIN does); the ideographic full stop has no compatibility form, so it is mapped
 * here. Other scripts' digits (Arabic-Indic, Devanagari) are not folded by NFKC and stay refused.
 */
function asciiAmountText(text: string): string {
  return text.normalize('NFKC').replaceAll('\u3002', '.');
}

export function parseRinggit(text: string): ParsedAmount {
  const trimmed = asciiAmountText(text).trim().replace(/^RM\s*/i, '');
  if (trimmed === '') return refuse('empty', text);
  const match = RINGGIT_TEXT.exec(trimmed);
  if (!match || trimmed === '.') return refuse('format', text);
  const ringgitDigits = (match[1] ?? '').replaceAll(',', '');
  const senDigits = match[2] ?? '';
  if (senDigits.length > 2) return refuse('decimals', text);
  if (ringgitDigits.replace(/^0+/, '').length > MAX_RINGGIT_DIGITS) return refuse('tooLarge', text);
  const sen = Number(ringgitDigits || '0') * 100 + Number(senDigits.padEnd(2, '0'));
  if (sen === 0) return refuse('zero', text);
  if (sen > MAX_AMOUNT_SEN) return refuse('tooLarge', text);
  return { ok: true, sen };
}

/** 1250 -> "12.50": two decimals, no currency sign, no grouping (for CSV, the command line and amount fields). */
export function formatRinggit(sen: number): string {
  const sign = sen < 0 ? '-' : '';
  const abs = Math.abs(sen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const AMOUNT_MESSAGES: Readonly<Record<AmountProblem, (text: string) => string>> = {
  empty: () => 'Type the amount in ringgit, like 12.50.',
  format: (text) => `"${text}" is not an amount in ringgit; type it like 12.50.`,
  decimals: (text) => `"${text}" is not an amount in ringgit: it has more than two decimals; type it like 12.50.`,
  zero: () => 'The amount must be more than RM 0.00.',
  tooLarge: () => `The amount must be at most RM ${formatRinggit(MAX_AMOUNT_SEN)}.`,
};

function refuse(problem: AmountProblem, text: string): ParsedAmount {
  return { ok: false, problem, message: AMOUNT_MESSAGES[problem](text.trim()) };
}
