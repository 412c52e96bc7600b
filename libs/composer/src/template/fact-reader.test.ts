import { describe, expect, it } from 'vitest';
import { checkGrounding } from '@forge/composer';
import { move } from './fact-reader.ts';

describe('move', () => {
  it('writes signed percents in words', () => {
    expect(move(1.234)).toBe('up 1.23%');
    expect(move(-0.4)).toBe('down 0.40%');
  });

  // Regression: a 10-session return of exactly 0 (UNH 318.01 → 318.00) was written "flat", so the required
  // unh_return_n fact had no number in the answer and the sample failed grounding.
  it('keeps the number for a zero move, so a required 0 return stays grounded', () => {
    const answer = `Over the last 10 sessions UNH moved ${move(0)} from $318.01.`;
    const report = checkGrounding({ answer_text: answer, facts: { unh_return_n: 0, unh_sessions: 10, unh_start_close: 318.01 } }, ['unh_return_n']);
    expect(report).toEqual({ ok: true, ungrounded: [], missing: [] });
  });
});
