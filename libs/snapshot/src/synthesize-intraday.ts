import type { Bar } from './bar.ts';
import { easternInstant } from './eastern-time.ts';
import type { MarketCalendar } from './market-calendar.ts';
import { sessionHours } from './market-sessions.ts';
import { roundTo } from './round-to.ts';
import { createRandom, hashSeed } from './seeded-random.ts';

/** An aggregate bar as Polygon returns it (`t` = ms epoch of the bar start). */
export interface AggregateBar {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  vw: number;
  n: number;
}

function splitInteger(total: number, weights: number[]): number[] {
  const sum = weights.reduce((accumulator, weight) => accumulator + weight, 0);
  const parts = weights.map((weight) => Math.floor((total * weight) / sum));
  parts[parts.length - 1] += total - parts.reduce((accumulator, part) => accumulator + part, 0);
  return parts;
}

/**
 * Minute bars of one session, deterministic per (symbol, date) and consistent with its daily bar: the first
 * open is o, the last close is c, the highest high is h, the lowest low is l, volumes and trades sum to v and n.
 */
export function synthesizeMinuteBars(calendar: MarketCalendar, symbol: string, bar: Bar): AggregateBar[] {
  const { open, close } = sessionHours(calendar, bar.date);
  const count = Math.round((close - open) / 60_000);
  const random = createRandom(hashSeed(`${symbol}:${bar.date}:intraday`));
  const spread = Math.max(bar.h - bar.l, 0.01);
  const path = [bar.o];
  for (let index = 1; index < count; index += 1) {
    const drift = (bar.c - path[index - 1]) / (count - index);
    const step = drift + random.normal() * spread * 0.04;
    path.push(Math.min(bar.h, Math.max(bar.l, path[index - 1] + step)));
  }
  path.push(bar.c);
  const highIndex = random.integer(0, count - 1);
  const lowIndex = (highIndex + random.integer(1, count - 1)) % count;
  const weights = Array.from({ length: count }, (_, index) => {
    const edge = Math.min(index, count - 1 - index) / count;
    return (1.8 - 2.4 * edge) * (0.6 + random.next());
  });
  const volumes = splitInteger(bar.v, weights);
  const trades = splitInteger(bar.n, weights);
  return Array.from({ length: count }, (_, index) => {
    const barOpen = roundTo(path[index], 2);
    const barClose = roundTo(path[index + 1], 2);
    const wiggle = spread * 0.01 * random.next();
    const high = index === highIndex ? bar.h : Math.min(bar.h, roundTo(Math.max(barOpen, barClose) + wiggle, 2));
    const low = index === lowIndex ? bar.l : Math.max(bar.l, roundTo(Math.min(barOpen, barClose) - wiggle, 2));
    return {
      t: open + index * 60_000,
      o: barOpen,
      h: Math.max(high, barOpen, barClose),
      l: Math.min(low, barOpen, barClose),
      c: barClose,
      v: volumes[index],
      vw: roundTo((barOpen + barClose + high + low) / 4, 4),
      n: trades[index],
    };
  });
}

/** Groups minute bars into buckets of `minutes` aligned to the ET clock (hour bars start at :00). */
export function aggregateMinuteBars(date: string, minuteBars: AggregateBar[], minutes: number): AggregateBar[] {
  const midnight = easternInstant(date);
  const buckets = new Map<number, AggregateBar[]>();
  for (const bar of minuteBars) {
    const minuteOfDay = Math.floor((bar.t - midnight) / 60_000);
    const start = midnight + Math.floor(minuteOfDay / minutes) * minutes * 60_000;
    buckets.set(start, [...(buckets.get(start) ?? []), bar]);
  }
  return [...buckets.entries()].map(([start, group]) => combineBars(start, group));
}

/** One bar out of consecutive bars: first open, last close, extreme high/low, summed volume and trades. */
export function combineBars(start: number, group: AggregateBar[]): AggregateBar {
  const volume = group.reduce((sum, bar) => sum + bar.v, 0);
  const weighted = group.reduce((sum, bar) => sum + bar.vw * bar.v, 0);
  return {
    t: start,
    o: group[0].o,
    h: Math.max(...group.map((bar) => bar.h)),
    l: Math.min(...group.map((bar) => bar.l)),
    c: group[group.length - 1].c,
    v: volume,
    vw: volume > 0 ? roundTo(weighted / volume, 4) : group[0].vw,
    n: group.reduce((sum, bar) => sum + bar.n, 0),
  };
}
