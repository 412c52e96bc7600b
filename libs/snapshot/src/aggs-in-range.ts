import { requireBars, requireProfile } from './require-symbol.ts';
import type { Snapshot } from './snapshot.ts';
import { aggregateMinuteBars, combineBars, synthesizeMinuteBars, type AggregateBar } from './synthesize-intraday.ts';

export interface AggsRequest {
  ticker: string;
  from: string;
  to: string;
  timespan: 'day' | 'hour' | 'minute';
  multiplier: number;
  limit: number;
  sort: 'asc' | 'desc';
}

export interface AggsResult {
  ticker: string;
  adjusted: true;
  status: 'OK';
  queryCount: number;
  resultsCount: number;
  results: AggregateBar[];
}

/**
 * Polygon-style aggregates for a date range (inclusive, ET dates, sessions ≤ as_of only). Day bars with a
 * multiplier above 1 group consecutive sessions; hour/minute bars are synthesised inside each daily bar.
 */
export function aggsInRange(snapshot: Snapshot, request: AggsRequest): AggsResult {
  const profile = requireProfile(snapshot, request.ticker);
  const daily = requireBars(snapshot, profile.symbol).filter((bar) => bar.date >= request.from && bar.date <= request.to);
  let base: AggregateBar[];
  let results: AggregateBar[];
  if (request.timespan === 'day') {
    base = daily.map(({ t, o, h, l, c, v, vw, n }) => ({ t, o, h, l, c, v, vw, n }));
    results = [];
    for (let index = 0; index < base.length; index += request.multiplier) {
      const group = base.slice(index, index + request.multiplier);
      results.push(combineBars(group[0].t, group));
    }
  } else {
    const minutes = request.timespan === 'hour' ? request.multiplier * 60 : request.multiplier;
    base = [];
    results = [];
    for (const bar of daily) {
      const minuteBars = synthesizeMinuteBars(snapshot.calendar, profile.symbol, bar);
      base.push(...minuteBars);
      results.push(...aggregateMinuteBars(bar.date, minuteBars, minutes));
    }
  }
  if (request.sort === 'desc') results.reverse();
  results = results.slice(0, request.limit);
  return { ticker: profile.symbol, adjusted: true, status: 'OK', queryCount: base.length, resultsCount: results.length, results };
}
