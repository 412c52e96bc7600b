import { describe, expect, it } from 'vitest';
import { boundHeapGrowth, HEAP_GROWING_PERCENT } from './generate-heap.ts';

describe('boundHeapGrowth', () => {
  it('sets the heap growing percent when the operator gave none', () => {
    const set: string[] = [];
    expect(boundHeapGrowth(['--import', 'tsx', ''], (flags) => set.push(flags))).toBe(true);
    expect(set).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it("leaves an operator's own value alone, from the command line or NODE_OPTIONS", () => {
    const set: string[] = [];
    expect(boundHeapGrowth(['--heap-growing-percent=80'], (flags) => set.push(flags))).toBe(false);
    expect(boundHeapGrowth(['--max-old-space-size=512 --heap_growing_percent=50'], (flags) => set.push(flags))).toBe(false);
    expect(set).toEqual([]);
  });
});
