/**
 * A multiset of numbers kept as value → count, so run statistics stay a few entries per distinct value instead of
 * one array slot per row (issue 14: per-row arrays at 100,000 prompts), and nothing spreads a row count of
 * arguments into a call. Quantiles are nearest-rank over the same sorted order the arrays gave, so every summary
 * figure is the one the arrays produced.
 */
export class ValueHistogram {
  private readonly counts = new Map<number, number>();
  /** How many values were added. */
  size = 0;

  add(value: number): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this.size += 1;
  }

  /** [value, count] pairs in ascending value order. */
  entries(): Array<[number, number]> {
    return [...this.counts.entries()].sort(([left], [right]) => left - right);
  }

  /** Largest value (undefined when empty), without spreading the values into Math.max. */
  max(): number | undefined {
    let largest: number | undefined;
    for (const value of this.counts.keys()) if (largest === undefined || value > largest) largest = value;
    return largest;
  }

  /** Nearest-rank quantile: the value at sorted position ceil(q × size) − 1 (clamped); undefined when empty. */
  quantile(q: number, sorted: Array<[number, number]> = this.entries()): number | undefined {
    if (this.size === 0) return undefined;
    const position = Math.min(this.size - 1, Math.max(0, Math.ceil(q * this.size) - 1));
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (seen > position) return value;
    }
    return sorted[sorted.length - 1]?.[0];
  }

  /** Sum of the values added in ascending order, one addition per value, as reducing the sorted array did. */
  sortedSum(sorted: Array<[number, number]> = this.entries()): number {
    let sum = 0;
    for (const [value, count] of sorted) for (let index = 0; index < count; index += 1) sum += value;
    return sum;
  }
}
