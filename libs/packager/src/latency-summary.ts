import type { ValueHistogram } from './value-histogram.ts';

/** p50/p90/p99/max/mean of latencies (nearest-rank), zeros for none. */
export function summariseLatencies(values: ValueHistogram) {
  if (values.size === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const sorted = values.entries();
  const rank = (q: number) => values.quantile(q, sorted) as number;
  const mean = values.sortedSum(sorted) / values.size;
  return { p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: sorted[sorted.length - 1]![0], mean: Math.round(mean * 1000) / 1000 };
}
