// Money is integer sen everywhere inside Kaunter. Ringgit text exists only at the edges: typed by a cashier, given on
// the command line, shown on screen or in a report.

/** RM 1,000,000.00: far above any counter sale, far below where integer sen stops being exact. */
export const MAX_AMOUNT_SEN = 100_000_000;

export type ParsedAmount = { ok: true; sen: number } | { ok: false; message: string };

const RINGGIT_TEXT = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** "12.50", "12.5", "12", "RM 12.50", "1,234.50" -> sen. Refuses more than two decimals rather than rounding. */
export function parseRinggit(text: string): ParsedAmount {
  const cleaned = text.trim().replace(/^RM\s*/i, '').replace(/,(?=\d{3}(?:\D|$))/g, '');
  const match = RINGGIT_TEXT.exec(cleaned);
  if (!match) {
    return { ok: false, message: `"${text}" is not an amount in ringgit; type it like 12.50` };
  }
  const sen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return checkSen(sen);
}

export function checkSen(sen: number): ParsedAmount {
  if (!Number.isSafeInteger(sen)) return { ok: false, message: 'The amount must be a whole number of sen.' };
  if (sen <= 0) return { ok: false, message: 'The amount must be more than RM 0.00.' };
  if (sen > MAX_AMOUNT_SEN) return { ok: false, message: `The amount must be at most RM ${formatRinggit(MAX_AMOUNT_SEN)}.` };
  return { ok: true, sen };
}

/** 1250 -> "12.50": two decimals, no currency sign, no grouping (for CSV and the command line). */
export function formatRinggit(sen: number): string {
  const sign = sen < 0 ? '-' : '';
  const abs = Math.abs(sen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
