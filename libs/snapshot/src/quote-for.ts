import type { Bar } from './bar.ts';
import { requireBars, requireProfile } from './require-symbol.ts';
import { roundTo } from './round-to.ts';
import type { Snapshot } from './snapshot.ts';

/** An FMP-shaped quote derived from the bars; see the snapshot README for every rule. */
export interface Quote {
  symbol: string;
  name: string;
  price: number;
  changesPercentage: number;
  change: number;
  dayLow: number;
  dayHigh: number;
  yearHigh: number;
  yearLow: number;
  marketCap: number;
  priceAvg50: number;
  priceAvg200: number;
  exchange: string;
  volume: number;
  avgVolume: number;
  open: number;
  previousClose: number;
  eps: number | null;
  pe: number | null;
  sharesOutstanding: number;
  timestamp: number;
}

/** Bars in a year of trading, for yearHigh/yearLow. */
export const YEAR_SESSIONS = 252;

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The mean volume of the `sessions` bars before the last one (the as_of session is excluded). */
export function averageVolume(bars: Bar[], sessions: number): number {
  return Math.round(mean(bars.slice(-sessions - 1, -1).map((bar) => bar.v)));
}

/** TTM EPS: the sum of the last four quarterly EPS values, or null without four quarters. */
function trailingEps(snapshot: Snapshot, symbol: string): number | null {
  const quarters = snapshot.income.get(symbol)?.quarter ?? [];
  if (quarters.length < 4) return null;
  return roundTo(quarters.slice(0, 4).reduce((sum, statement) => sum + statement.eps, 0), 2);
}

/** The quote of a symbol at the as_of session; throws UnknownSymbolError for unknown symbols. */
export function quoteFor(snapshot: Snapshot, symbol: string): Quote {
  const profile = requireProfile(snapshot, symbol);
  const bars = requireBars(snapshot, symbol);
  const last = bars[bars.length - 1];
  const previous = bars[bars.length - 2] ?? last;
  const year = bars.slice(-YEAR_SESSIONS);
  const change = roundTo(last.c - previous.c, 2);
  const eps = trailingEps(snapshot, profile.symbol);
  return {
    symbol: profile.symbol,
    name: profile.name,
    price: last.c,
    changesPercentage: roundTo(((last.c - previous.c) / previous.c) * 100, 4),
    change,
    dayLow: last.l,
    dayHigh: last.h,
    yearHigh: Math.max(...year.map((bar) => bar.h)),
    yearLow: Math.min(...year.map((bar) => bar.l)),
    marketCap: Math.round(last.c * profile.sharesOutstanding),
    priceAvg50: roundTo(mean(bars.slice(-50).map((bar) => bar.c)), 2),
    priceAvg200: roundTo(mean(bars.slice(-200).map((bar) => bar.c)), 2),
    exchange: profile.exchangeShortName,
    volume: last.v,
    avgVolume: averageVolume(bars, snapshot.meta.avg_volume_sessions),
    open: last.o,
    previousClose: previous.c,
    eps,
    pe: eps !== null && eps > 0 ? roundTo(last.c / eps, 2) : null,
    sharesOutstanding: profile.sharesOutstanding,
    timestamp: Math.floor(snapshot.asOfMs / 1000),
  };
}
