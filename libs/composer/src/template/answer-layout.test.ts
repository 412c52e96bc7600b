import { describe, expect, it } from 'vitest';
import { fitClauses, layoutAnswer, readAnswerShape, shapeFromForm, wordCount } from './answer-layout.ts';

describe('readAnswerShape', () => {
  it('reads bullets, parts and word limits from the plan format', () => {
    expect(readAnswerShape('bullets (3 bullets, <= 60 words)')).toEqual({ bullets: true, oneSentence: false, parts: 3, wordLimit: 60 });
    expect(readAnswerShape('one sentence')).toEqual({ bullets: false, oneSentence: true });
    expect(readAnswerShape('paragraph (<= 120 words)')).toMatchObject({ wordLimit: 120 });
  });
});

describe('layoutAnswer', () => {
  it('groups clauses into the asked number of bullets, in order', () => {
    const text = layoutAnswer(['a one', 'b two', 'c three', 'd four', 'e five'], readAnswerShape('bullets (3 bullets)'));
    expect(text).toBe('- A one; b two.\n- C three; d four.\n- E five.');
  });

  it('gives a lone listing clause a bullet per item when bullets are asked with no count', () => {
    const text = layoutAnswer(['Top gainers in the latest session: MU +5.20%; TSLA +4.10%; INTC +3.30%'], readAnswerShape('bullets'));
    expect(text).toBe('- Top gainers in the latest session: MU +5.20%.\n- TSLA +4.10%.\n- INTC +3.30%.');
    expect(layoutAnswer(['A is up', 'B is down; C is flat'], readAnswerShape('bullets'))).toBe('- A is up.\n- B is down; C is flat.');
  });

  it('joins clauses into one sentence', () => {
    expect(layoutAnswer(['A is up.', 'B is down'], readAnswerShape('one sentence'))).toBe('A is up; B is down.');
  });
});

describe('fitClauses', () => {
  const covers = (clause: string) => [...clause.matchAll(/\[(\w+)\]/g)].map((match) => match[1]);

  it('keeps the fewest clauses stating every required fact, then fills up to the limit', () => {
    const clauses = ['[x] long long long long long', '[y] short', 'extra words here', '[x] [y] both'];
    const kept = fitClauses(clauses, covers, readAnswerShape('short paragraph (<= 6 words)'));
    expect(kept).toEqual(['[y] short', '[x] [y] both']);
    expect(wordCount(layoutAnswer(kept, readAnswerShape('short paragraph')))).toBeLessThanOrEqual(6);
  });

  it('keeps everything when there is no limit or it already fits', () => {
    expect(fitClauses(['[x] a', 'b'], covers, readAnswerShape('bullets'))).toEqual(['[x] a', 'b']);
  });
});

describe('bullets with no count over list clauses', () => {
  it('gives each listed item its own bullet when the lists hold few items', () => {
    const shape = shapeFromForm({ layout: 'bullets' });
    const answer = layoutAnswer(['Top gainers in the latest session: MU +5.20%; TSLA +4.10%', 'Top losers in the latest session: SMCI -6.50%; UNH -3.80%'], shape);
    expect(answer.split('\n')).toEqual(['- Top gainers in the latest session: MU +5.20%.', '- TSLA +4.10%.', '- Top losers in the latest session: SMCI -6.50%.', '- UNH -3.80%.']);
    // Clauses that are not lists stay whole.
    expect(layoutAnswer(['AAPL last traded at $276.00; it rose 1.20%', 'MSFT last traded at $478.00'], shape).split('\n')).toHaveLength(2);
  });
});
