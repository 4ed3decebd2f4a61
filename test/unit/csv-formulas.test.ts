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

describe('a CSV text cell Excel would read as a number, a date, a time or TRUE', () => {
  // Excel shows ="..." as the text itself: a receipt 1-12 stays 1-12, not 1 December; a member 0123456789 keeps its 0.
  it.each([
    '1-12', '3/4', '3/4/2026', '2026-12-01', '1E5', '1e-5', '0123456789', '2777058682717858418', '12345', '1.50', '1,234', '(12)', '50%',
    'RM5', 'RM 12.50', '$5', '1 1/2', '12:30', '9am', '9:30 PM', '5 Mar', 'Mar-26', '12-January-2026', 'TRUE', 'false', ' 1-12 ',
  ])('wraps %j', (value) => {
    expect(text(value)).toBe(`="${value}"`);
  });

  it.each(['INV-200', 'May', 'Marina', 'Terminal 1', 'A1', 'R-100', 'RM answered 503', 'Sept', 'true story', '12 Jalan Ampang'])('leaves %j as it is', (value) => {
    expect(text(value)).toBe(value);
  });

  it('still defuses a formula before anything else, even one that looks like a number', () => {
    expect(text('-12')).toBe("'-12");
    expect(text('+60 12')).toBe("'+60 12");
  });
});
