import { describe, expect, it } from 'vitest';
import { COMPLEXITIES, toComplexity } from './index.ts';

describe('toComplexity', () => {
  it.each([
    ['easy', 'simple'],
    ['Easy', 'simple'],
    ['easy ', 'simple'],
    ['  EASY\t', 'simple'],
    ['medium', 'moderate'],
    ['MEDIUM', 'moderate'],
    ['Medium', 'moderate'],
    ['difficult', 'complex'],
    ['DIFFICULT', 'complex'],
    ['simple', 'simple'],
    ['Moderate', 'moderate'],
    [' complex ', 'complex'],
  ])('maps %j to %s', (label, expected) => {
    expect(toComplexity(label)).toBe(expected);
  });

  it.each(['hard', '', 'easyish', 'med ium x', 'difficult!'])('rejects %j', (label) => {
    expect(toComplexity(label)).toBeUndefined();
  });

  it('lists the three levels in curriculum order', () => {
    expect(COMPLEXITIES).toEqual(['simple', 'moderate', 'complex']);
  });
});
