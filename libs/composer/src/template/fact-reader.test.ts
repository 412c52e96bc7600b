import { describe, expect, it } from 'vitest';
import { checkGrounding } from '@forge/composer';
import { valueInText } from '@forge/replay';
import { count, decimal, money, move } from './fact-reader.ts';

describe('move', () => {
  it('writes signed percents, so the sign the matcher needs is in the text', () => {
    expect(move(1.234)).toBe('+1.23%');
    expect(move(-0.4)).toBe('-0.40%');
  });

  // Regression: a 10-session return of exactly 0 (UNH 318.01 → 318.00) was written "flat", so the required
  // unh_return_n fact had no number in the answer and the sample failed grounding.
  it('keeps the number for a zero move, so a required 0 return stays grounded', () => {
    const answer = `Over the last 10 sessions UNH moved ${move(0)} from $318.01.`;
    const report = checkGrounding({ answer_text: answer, facts: { unh_return_n: 0, unh_sessions: 10, unh_start_close: 318.01 } }, ['unh_return_n']);
    expect(report).toEqual({ ok: true, ungrounded: [], missing: [] });
  });
});

// Regression (issue 12): "down 0.20%" for -0.1996 and "1,702,300" for 1702300 were readable but the environment's
// matcher (final_heuristic_vectors.json) found neither, so no sample earned full coverage.
describe('renderings the environment finds', () => {
  const cases: Array<[number, string]> = [
    [-0.1996, move(-0.1996)],
    [1702300, count(1702300)],
    [278421885.4, count(278421885.4)],
    [828880000000, money(828880000000)],
    [1234.5, money(1234.5)],
    [-2.125, money(-2.125)],
    [-0.1, money(-0.1)],
    [187.4567, money(187.4567)],
    [3.98765, decimal(3.98765)],
  ];
  it.each(cases)('%s is found in "%s"', (value, text) => {
    expect(valueInText(value, text)).toBe(true);
  });
});
