import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_SEN } from '../../app/common/money.ts';
import { formatMoney } from '../../renderer/format/locale.ts';

// The amount grammar itself is app/common/money.ts, tested once in test/unit/money-and-members.test.ts.
describe('money on screen', () => {
  it('shows ringgit with two decimals in each language', () => {
    // Intl puts a no-break space after the symbol: the sign never wraps away from its number.
    const spaced = (text: string) => text.replace(/\s/gu, ' ');
    expect(spaced(formatMoney(123450, 'en'))).toBe('RM 1,234.50');
    expect(spaced(formatMoney(7, 'ms'))).toBe('RM 0.07');
    expect(spaced(formatMoney(MAX_AMOUNT_SEN, 'zh'))).toMatch(/^RM ?1,000,000\.00$/);
  });
});
