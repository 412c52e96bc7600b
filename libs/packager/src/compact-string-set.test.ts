import { describe, expect, it } from 'vitest';
import { CompactStringSet } from './compact-string-set.ts';

describe('CompactStringSet', () => {
  it('numbers strings in order of first add and gives them back, hex and text alike', () => {
    const set = new CompactStringSet();
    const values = ['a3f9', 'A3F9', 'abc', '', 'é ✓ text', '00', 'a3f9 ', 'a'.repeat(5_000), 'ff'.repeat(32)];
    expect(values.map((value) => set.add(value))).toEqual(values.map((_, index) => index));
    expect(values.map((value) => set.add(value))).toEqual(values.map((_, index) => index));
    expect(values.map((_, index) => set.get(index))).toEqual(values);
    expect(set.size).toBe(values.length);
    expect(set.has('a3F9')).toBe(false);
    expect(set.indexOf('missing')).toBe(-1);
  });

  it('agrees with a Set over many entries (the table and buffer grow)', () => {
    const set = new CompactStringSet();
    const reference = new Map<string, number>();
    for (let index = 0; index < 20_000; index += 1) {
      const value = index % 3 === 0 ? (index * 7919).toString(16).padStart(8, '0') : `P${index % 15_000}`;
      if (!reference.has(value)) reference.set(value, reference.size);
      expect(set.add(value)).toBe(reference.get(value));
    }
    expect(set.size).toBe(reference.size);
    for (const [value, number] of reference) expect([set.indexOf(value), set.get(number)]).toEqual([number, value]);
  });
});
