import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_SEN, parseAmountText } from '../../renderer/format/ringgit.ts';
import { formatRinggit } from '../../renderer/format/locale.ts';
import { senToAmountText } from '../../renderer/stores/sale-store.ts';

describe('amount text -> integer sen', () => {
  it('reads what a cashier types, with integer arithmetic', () => {
    expect(parseAmountText('12.50')).toEqual({ ok: true, sen: 1250 });
    expect(parseAmountText('12.5')).toEqual({ ok: true, sen: 1250 });
    expect(parseAmountText('12')).toEqual({ ok: true, sen: 1200 });
    expect(parseAmountText('12.')).toEqual({ ok: true, sen: 1200 });
    expect(parseAmountText('.5')).toEqual({ ok: true, sen: 50 });
    expect(parseAmountText(' 0.29 ')).toEqual({ ok: true, sen: 29 });
    expect(parseAmountText('0.07')).toEqual({ ok: true, sen: 7 });
    expect(parseAmountText('1000000')).toEqual({ ok: true, sen: MAX_AMOUNT_SEN });
  });

  it('names what is wrong instead of guessing', () => {
    expect(parseAmountText('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseAmountText('12.505')).toEqual({ ok: false, problem: 'decimals' });
    expect(parseAmountText('1,250.00')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmountText('12a')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmountText('-5')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmountText('1e3')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmountText('0.00')).toEqual({ ok: false, problem: 'zero' });
    expect(parseAmountText('1000000.01')).toEqual({ ok: false, problem: 'tooLarge' });
    expect(parseAmountText('99999999999')).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('gives back exactly the sen it was typed from, for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_SEN }), (sen) => {
        expect(parseAmountText(senToAmountText(sen))).toEqual({ ok: true, sen });
      }),
    );
  });

  it('shows ringgit with two decimals in each language', () => {
    // Intl puts a no-break space after the symbol: the sign never wraps away from its number.
    const spaced = (text: string) => text.replace(/\s/gu, ' ');
    expect(spaced(formatRinggit(123450, 'en'))).toBe('RM 1,234.50');
    expect(spaced(formatRinggit(7, 'ms'))).toBe('RM 0.07');
    expect(spaced(formatRinggit(MAX_AMOUNT_SEN, 'zh'))).toMatch(/^RM ?1,000,000\.00$/);
  });
});
