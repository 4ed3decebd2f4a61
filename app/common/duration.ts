// A length of time as a person reads it, for the manager's evidence on screen and on the command line.

/**
 * A length of time to the second, as the locale writes it briefly: "1h 59m 57s" (en-MY), "1 j 59 min 57 s" (ms-MY),
 * "1小时59分钟57秒" (zh-MY). Each unit as Intl writes it, joined as the locale joins units: what Intl.DurationFormat
 * gives (compared in Node 24 for these three locales), without needing it, since Node 22 (which builds Kaunter too)
 * does not have it. The sign is the caller's to say ("before", "after").
 */
export function formatDuration(seconds: number, locale: string): string {
  const whole = Math.round(Math.abs(seconds));
  const amounts: Array<[unit: 'hour' | 'minute' | 'second', amount: number]> = [
    ['hour', Math.floor(whole / 3600)],
    ['minute', Math.floor((whole % 3600) / 60)],
    ['second', whole % 60],
  ];
  const shown = amounts.filter(([unit, amount]) => amount > 0 || (unit === 'second' && whole === 0));
  const parts = shown.map(([unit, amount]) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' }).format(amount));
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(parts);
}
