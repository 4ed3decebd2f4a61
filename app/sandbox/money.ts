// Money is integer sen inside the sandbox; ringgit with two decimals only where a person reads it.

export function formatRinggit(sen: number): string {
  const sign = sen < 0 ? '-' : '';
  const absolute = Math.abs(sen);
  const ringgit = Math.floor(absolute / 100);
  const cents = String(absolute % 100).padStart(2, '0');
  return `${sign}RM ${ringgit}.${cents}`;
}
