// A cell a spreadsheet could run as a formula is written as text. LibreOffice's "Trim spaces" import option drops
// leading spaces before it looks, so a formula behind spaces, tabs or line breaks is defused too (found in review).
import { describe, expect, it } from 'vitest';
import { text } from '../../app/awards/export.ts';

describe('a CSV text cell', () => {
  it.each(['=1+1', '+SUM(A1)', '-2+3', '@SUM(A1)', '  =HYPERLINK("http://x")', '\t=1+1', '\r\n+cmd|calc', '\u00a0=1'])('defuses %j', (value) => {
    expect(text(value)).toBe(`'${value}`);
  });

  it.each(['Aina', 'RM answered 503', 'a = b', 'Customer returned the goods', ''])('leaves %j as it is', (value) => {
    expect(text(value)).toBe(value);
  });
});
