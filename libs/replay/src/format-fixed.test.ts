import { describe, expect, it } from 'vitest';
import { formatFixed } from './format-fixed.ts';

// Expected strings are CPython 3's format(value, ',.2f') / format(value, ',.1f'), printed by python3.
const CASES: Array<[number, string, string]> = [
  [0.125, '0.12', '0.1'], // an exact binary tie: half-to-even (toFixed gives 0.13)
  [0.375, '0.38', '0.4'],
  [-0.125, '-0.12', '-0.1'],
  [2.675, '2.67', '2.7'], // the double is just below 2.675
  [0.25, '0.25', '0.2'], // .1f tie → even
  [-0, '-0.00', '-0.0'],
  [1e22, '10,000,000,000,000,000,000,000.00', '10,000,000,000,000,000,000,000.0'],
  [5e-324, '0.00', '0.0'],
  [1e-5, '0.00', '0.0'],
  [1234.5, '1,234.50', '1,234.5'],
  [-0.1996, '-0.20', '-0.2'],
  [123456789.125, '123,456,789.12', '123,456,789.1'],
  [9.995, '9.99', '10.0'],
  [99.95, '99.95', '100.0'],
  [1702300, '1,702,300.00', '1,702,300.0'],
];

describe('formatFixed (Python format(value, ",.Nf"))', () => {
  it.each(CASES)('%s → %s / %s', (value, twoDecimals, oneDecimal) => {
    expect(formatFixed(value, 2, true)).toBe(twoDecimals);
    expect(formatFixed(value, 1, true)).toBe(oneDecimal);
  });

  it('leaves separators out without grouping, and renders nan/inf like Python', () => {
    expect(formatFixed(2345678.914, 2, false)).toBe('2345678.91');
    expect([NaN, Infinity, -Infinity].map((value) => formatFixed(value, 2, true))).toEqual(['nan', 'inf', '-inf']);
  });
});
