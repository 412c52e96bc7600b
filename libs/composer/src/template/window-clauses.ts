import { count, money, move, percent, signedPercent, type FactReader } from './fact-reader.ts';
import type { Focus } from './focus.ts';

/** The hourly bars of the latest session: the busiest hour, the widest hour, the first and the last hour. */
function hourlyClause(facts: FactReader, s: string, symbol: string, focus: Focus): string | undefined {
  const asked = (key: string) => focus.has(`${s}_w_${key}`);
  const num = (key: string) => (asked(key) ? facts.number(`${s}_w_${key}`) : undefined);
  const txt = (key: string) => (asked(key) ? facts.text(`${s}_w_${key}`) : undefined);
  const parts: string[] = [];
  const top = txt('top_volume_hour');
  const topVolume = num('top_volume');
  if (top && topVolume !== undefined) parts.push(`the ${top} ET hour traded the most shares (${count(topVolume)})`);
  const wide = txt('widest_hour');
  const range = num('widest_range');
  if (wide && range !== undefined) parts.push(`the ${wide} ET hour had the widest high-low range (${money(range)})`);
  const first = txt('first_hour');
  const firstPct = num('first_hour_pct');
  const firstOpen = num('first_hour_open');
  const firstClose = num('first_hour_close');
  if (first && firstPct !== undefined && firstOpen !== undefined && firstClose !== undefined) {
    parts.push(`the first hour bar (${first} ET) opened at ${money(firstOpen)} and closed at ${money(firstClose)}, ${move(firstPct)}`);
  }
  const last = txt('last_hour');
  const share = num('last_hour_share');
  const lastVolume = num('last_hour_volume');
  if (last && share !== undefined && lastVolume !== undefined) parts.push(`the last hour bar (${last} ET) traded ${count(lastVolume)} shares, ${percent(share)} of the day's volume`);
  if (parts.length === 0) return undefined;
  // The session and its bar count said as the tools gave them ("the 7 hourly bars of the 2026-11-24 session").
  const bars = facts.number(`${s}_w_n`);
  const day = facts.text(`${s}_w_session_date`);
  const of = bars !== undefined && day ? `the ${bars} hourly bars of ${symbol}'s ${day} session` : `${symbol}'s hourly bars for the latest session`;
  return `In ${of}, ${parts.join('; ')}`;
}

/** Daily bars of a dated window or the last n sessions: only the statistics the question asked for. */
function dailyClause(facts: FactReader, s: string, symbol: string, focus: Focus): string | undefined {
  const asked = (key: string) => focus.has(`${s}_w_${key}`);
  const num = (key: string) => (asked(key) ? facts.number(`${s}_w_${key}`) : undefined);
  const txt = (key: string) => (asked(key) ? facts.text(`${s}_w_${key}`) : undefined);
  const close = num('last_close');
  const lastDate = txt('last_date');
  if (close === undefined || !lastDate) return undefined;
  const firstDate = txt('first_date');
  const sessions = facts.number(`${s}_w_n`);
  // The window's length in sessions is said with its dates: "the last 18 sessions" and "2 to 25 November" are one window.
  const unit = /\d{2}:\d{2}/.test(firstDate ?? '') ? 'hourly bars' : 'sessions';
  const span = firstDate && firstDate !== lastDate ? `From ${firstDate} to ${lastDate}${sessions !== undefined ? ` (${sessions} ${unit})` : ''}` : `On ${lastDate}`;
  const parts: string[] = [];
  const open = num('first_open');
  const multi = firstDate !== lastDate;
  if (open !== undefined) parts.push(`opened${multi ? ' the window' : ''} at ${money(open)}`);
  parts.push(`closed${multi ? ` the window (${lastDate})` : ''} at ${money(close)}`);
  const change = num('pct_change');
  const base = firstDate && firstDate !== lastDate ? facts.peek((reader) => reader.text(`${s}_w_prev_date`)) : undefined;
  // A window that holds its first session, asked for the return from that session's close, says both.
  const fromFirst = num('first_close_pct');
  const firstClose = facts.number(`${s}_w_first_close`);
  if (fromFirst !== undefined) parts.push(`${move(fromFirst)} from the ${firstDate} close${firstClose !== undefined ? ` of ${money(firstClose)}` : ''}`);
  else if (change !== undefined) parts.push(`${move(change)} ${base ? `from the ${facts.text(`${s}_w_prev_date`)} close` : `against the close before${firstDate && firstDate !== lastDate ? ' the window' : ''}`}`);
  const averageVolume = num('avg_volume');
  if (averageVolume !== undefined) parts.push(`it averaged ${count(averageVolume)} shares a day`);
  const high = num('high');
  const low = num('low');
  const range = num('range');
  if (high !== undefined && low !== undefined && range !== undefined) parts.push(`traded between ${money(low)} and ${money(high)}, a range of ${money(range)}`);
  const avg = num('avg_close');
  if (avg !== undefined) parts.push(`the average close was ${money(avg)}`);
  const dailyStd = num('stdev_daily_pct');
  if (dailyStd !== undefined) parts.push(`the standard deviation of its daily % changes was ${percent(dailyStd)}`);
  const std = num('std_close');
  if (std !== undefined) parts.push(`the standard deviation of closes was ${money(std)}`);
  const z = num('zscore');
  if (z !== undefined) parts.push(`the latest close sits ${z.toFixed(2)} standard deviations ${z >= 0 ? 'above' : 'below'} that mean (z-score ${z.toFixed(2)})`);
  const vsAvg = num('price_vs_avg_pct');
  if (vsAvg !== undefined) parts.push(`today's price is ${signedPercent(vsAvg)} versus that average`);
  const up = num('up_days');
  const down = num('down_days');
  if (up !== undefined && down !== undefined) parts.push(`it closed up on ${up} sessions and down on ${down}`);
  const best = num('best_day_pct');
  if (best !== undefined) parts.push(`the best single session was ${move(best)} on ${txt('best_day_date') ?? 'an unknown date'}`);
  const worst = num('worst_day_pct');
  if (worst !== undefined) parts.push(`the worst single session was ${move(worst)} on ${txt('worst_day_date') ?? 'an unknown date'}`);
  const min = num('min_close');
  if (min !== undefined) parts.push(`the lowest close was ${money(min)} on ${txt('min_close_date') ?? 'an unknown date'}`);
  const max = num('max_close');
  if (max !== undefined) parts.push(`the highest close was ${money(max)} on ${txt('max_close_date') ?? 'an unknown date'}`);
  const closeRange = num('close_range');
  if (closeRange !== undefined) parts.push(`the gap between its highest and lowest close was ${money(closeRange)}`);
  const vsMin = num('price_vs_min_pct');
  if (vsMin !== undefined) parts.push(`today's price is ${signedPercent(vsMin)} versus that low`);
  const over = firstDate ? span : `Over the last ${sessions ?? 'few'} sessions to ${lastDate}`;
  return `${over}, ${symbol} ${parts.join('; ')}`;
}

export function windowClause(facts: FactReader, s: string, symbol: string, focus: Focus): string | undefined {
  return hourlyClause(facts, s, symbol, focus) ?? dailyClause(facts, s, symbol, focus);
}
