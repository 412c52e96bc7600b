import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shuffleEntries } from './index.ts';

describe('shuffleEntries', () => {
  const items = Array.from({ length: 30 }, (_, index) => `E${index}`);

  it('gives the same order for the same seed', () => {
    expect(shuffleEntries(items, 7)).toEqual(shuffleEntries(items, 7));
  });

  it('gives a different order for another seed', () => {
    expect(shuffleEntries(items, 7)).not.toEqual(shuffleEntries(items, 8));
    expect(shuffleEntries(items, 7)).not.toEqual(items);
  });

  it('pins the order of seed 42, so a change of generator shows up as a diff', () => {
    expect(shuffleEntries(['a', 'b', 'c', 'd', 'e', 'f'], 42)).toEqual(['b', 'a', 'e', 'f', 'c', 'd']);
  });

  it('is a permutation and leaves its input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer(), (array, seed) => {
        const copy = [...array];
        const shuffled = shuffleEntries(array, seed);
        expect(array).toEqual(copy);
        expect([...shuffled].sort()).toEqual([...array].sort());
      }),
    );
  });
});
