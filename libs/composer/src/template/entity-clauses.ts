import { windowInWords } from '@forge/asks';
import { count, decimal, money, move, percent, signedPercent, type FactReader } from './fact-reader.ts';
import type { Focus, Style } from './focus.ts';
import { profileClause } from './profile-clauses.ts';
import { coverageClauses, headlineClause, riskClause } from './news-clauses.ts';
import { incomeClause } from './income-clause.ts';
import { windowClause } from './window-clauses.ts';

export type { Focus, Style } from './focus.ts';

/** A symbol the plan worked on and the state-key prefix its facts carry. */
export interface Subject {
  symbol: string;
  slug: string;
}

export function displayName(facts: FactReader, { symbol, slug }: Subject): string {
  const name = facts.text(`${slug}_company`) ?? facts.text(`${slug}_name`);
  return name && name.toUpperCase() !== symbol ? `${name} (${symbol})` : symbol;
}

function priceClause(facts: FactReader, s: string, name: string, style: Style): string | undefined {
  const price = facts.number(`${s}_price`);
  if (price === undefined) return undefined;
  const change = facts.number(`${s}_change_pct`);
  if (style === 'brief') return `${name} ${money(price)}${change !== undefined ? ` (${move(change)})` : ''}`;
  const previous = facts.number(`${s}_prev_close`);
  let clause = `${name} last traded at ${money(price)}`;
  if (change !== undefined) clause += `, ${move(change)} on the session`;
  if (previous !== undefined) clause += ` from a previous close of ${money(previous)}`;
  return clause;
}

function sessionClause(facts: FactReader, s: string, symbol: string): string | undefined {
  const close = facts.number(`${s}_session_close`);
  if (close === undefined) return undefined;
  const volume = facts.number(`${s}_session_volume`);
  const agree = facts.flag(`${s}_sources_agree`);
  let clause = `Polygon's latest session bar shows a close of ${money(close)}`;
  if (volume !== undefined) clause += ` on ${count(volume)} shares`;
  if (agree !== undefined) clause += agree ? `, agreeing with the FMP quote for ${symbol}` : `, which differs from the FMP quote for ${symbol}`;
  return clause;
}

function volumeClause(facts: FactReader, s: string, symbol: string, focus: Focus): string | undefined {
  const volume = facts.number(`${s}_volume`);
  if (volume === undefined) return undefined;
  const average = facts.number(`${s}_avg_volume`);
  const versus = facts.record('volume_vs_avg_pct')?.[symbol];
  let clause = `${symbol} volume was ${count(volume)} shares`;
  if (average !== undefined) clause += ` against an average of ${count(average)}`;
  if (typeof versus === 'number') clause += ` (${signedPercent(versus)} versus average)`;
  const ratio = focus.has('volume_ratio') ? facts.record('volume_ratio')?.[symbol] : undefined;
  if (typeof ratio === 'number') clause += `, a ratio of ${decimal(ratio)}x`;
  return clause;
}

function marketCapClause(facts: FactReader, s: string, symbol: string): string | undefined {
  const cap = facts.number(`${s}_market_cap`);
  return cap === undefined ? undefined : `${symbol} has a market cap of ${money(cap)}`;
}

function valuationClause(facts: FactReader, s: string, symbol: string): string | undefined {
  const pe = facts.number(`${s}_pe`);
  const eps = facts.number(`${s}_eps`);
  const epsText = eps === undefined ? undefined : money(eps);
  // FMP leaves P/E empty when trailing earnings are negative: say so rather than skip the asked-for ratio.
  if (pe === undefined && epsText && eps! <= 0) return `${symbol} has no meaningful P/E because its trailing EPS is ${epsText}`;
  const parts = [pe !== undefined && `a P/E of ${decimal(pe)}`, epsText && `EPS of ${epsText}`].filter(Boolean);
  if (parts.length) return `${symbol} trades at ${parts.join(' on ')}`;
  return facts.keys(new RegExp(`^${s}_(pe|eps)$`)).length ? `FMP reports no P/E or EPS for ${symbol}` : undefined;
}

function rangeClause(facts: FactReader, s: string, symbol: string, focus: Focus): string | undefined {
  const parts: string[] = [];
  const high = facts.number(`${s}_year_high`);
  const low = facts.number(`${s}_year_low`);
  const below = focus.has(`${s}_pct_below_high`) ? facts.number(`${s}_pct_below_high`) : undefined;
  const above = below !== undefined ? facts.number(`${s}_pct_above_low`) : undefined;
  if ((focus.has(`${s}_year_high`) || below !== undefined) && high !== undefined && low !== undefined) {
    parts.push(`a 52-week low of ${money(low)} and a 52-week high of ${money(high)}`);
  }
  const dayHigh = facts.number(`${s}_day_high`);
  const dayLow = facts.number(`${s}_day_low`);
  const span = focus.has(`${s}_day_range_pct`) ? facts.number(`${s}_day_range_pct`) : undefined;
  const prev = span !== undefined ? facts.number(`${s}_prev_close`) : undefined;
  const spanText = span !== undefined ? ` (${percent(span)} of the previous close${prev !== undefined ? ` of ${money(prev)}` : ''})` : '';
  if (focus.has(`${s}_day_high`) && dayHigh !== undefined && dayLow !== undefined) parts.push(`a day range of ${money(dayLow)} to ${money(dayHigh)}${spanText}`);
  if (parts.length === 0) return undefined;
  let clause = `${symbol} has ${parts.join(' and ')}`;
  if (below !== undefined) clause += `; it trades ${percent(below)} below its 52-week high${above !== undefined ? ` and ${percent(above)} above its low` : ''}`;
  return clause;
}

function quoteAveragesClause(facts: FactReader, s: string, symbol: string, focus: Focus, style: Style = 'full'): string | undefined {
  const windows = [50, 200].filter((window) => focus.has(`${s}_avg${window}`));
  // Brief: "TSLA $418.00, below its fifty-day $449.99" (a word cap leaves no room for the full sentence).
  if (style === 'brief' && windows.length > 0 && windows.every((window) => focus.has(`${s}_pct_vs_avg${window}`) === false)) {
    const price = facts.number(`${s}_price`);
    const parts = windows.flatMap((window) => {
      const average = facts.number(`${s}_avg${window}`);
      const above = facts.flag(`${s}_above_avg${window}`);
      return average === undefined ? [] : [`${above === undefined ? 'against' : above ? 'above' : 'below'} its ${windowInWords(window)}-day ${money(average)}`];
    });
    if (parts.length > 0) return `${symbol}${price !== undefined ? ` ${money(price)},` : ''} ${parts.join(', ')}`;
  }
  const shown = windows.flatMap((window) => {
    const average = facts.number(`${s}_avg${window}`);
    if (average === undefined) return [];
    const above = facts.flag(`${s}_above_avg${window}`);
    const gap = focus.has(`${s}_pct_vs_avg${window}`) ? facts.number(`${s}_pct_vs_avg${window}`) : undefined;
    const where = gap !== undefined ? ` (price ${signedPercent(gap)} versus it)` : above === undefined ? '' : ` (price ${above ? 'above' : 'below'})`;
    return [`${windowInWords(window)}-day ${money(average)}${where}`];
  });
  if (shown.length === 0) return undefined;
  const price = facts.number(`${s}_price`);
  return `${symbol}'s moving averages: ${shown.join(', ')}${price !== undefined ? `; last price ${money(price)}` : ''}`;
}

function movingAverageClause(facts: FactReader, s: string, symbol: string): string | undefined {
  const average = facts.number(`${s}_avg_close`);
  const sessions = facts.number(`${s}_sessions`);
  if (average === undefined || sessions === undefined) return undefined;
  const above = facts.flag(`${s}_above_avg_close`);
  const last = facts.number(`${s}_price`);
  let clause = `${symbol}'s average close over the last ${sessions} sessions is ${money(average)}`;
  if (above !== undefined) clause += `, and the latest ${last !== undefined ? `price of ${money(last)}` : 'close'} is ${above ? 'above' : 'below'} it`;
  return clause;
}

// Listing every close of a long window buries the answer; short windows read well with their closes.
const MAX_LISTED_CLOSES = 10;

function trendClause(facts: FactReader, s: string, symbol: string, style: Style): string | undefined {
  const change = facts.number(`${s}_return_n`);
  const sessions = facts.number(`${s}_sessions`);
  if (change === undefined || sessions === undefined) return undefined;
  const start = facts.number(`${s}_start_close`);
  if (style === 'brief') return `${symbol} ${move(change)} over ${sessions} sessions${start !== undefined ? ` from ${money(start)}` : ''}`;
  const closes = sessions <= MAX_LISTED_CLOSES ? facts.list(`${s}_trend_closes`)?.filter((value): value is number => typeof value === 'number') : undefined;
  const volumeTrend = facts.text(`${s}_volume_trend`);
  const average = facts.number(`${s}_avg_daily_volume`);
  let clause = `Over the last ${sessions} sessions ${symbol} moved ${move(change)}`;
  if (start !== undefined) clause += ` from ${money(start)}`;
  if (closes?.length) clause += ` (daily closes ${closes.map(money).join(', ')})`;
  if (volumeTrend) clause += ` and volume ${volumeTrend} across the window`;
  if (average !== undefined) clause += `, averaging ${count(average)} shares a day`;
  return clause;
}

/** The latest session's bar: open against close, and the volume-weighted average price, when asked. */
function sessionBarClause(facts: FactReader, s: string, symbol: string, focus: Focus): string | undefined {
  const close = facts.number(`${s}_session_close`);
  const open = focus.has(`${s}_session_open`) ? facts.number(`${s}_session_open`) : undefined;
  const vwap = focus.has(`${s}_session_vwap`) ? facts.number(`${s}_session_vwap`) : undefined;
  if (close === undefined || (open === undefined && vwap === undefined)) return undefined;
  const parts: string[] = [];
  if (open !== undefined) parts.push(`opened the latest session at ${money(open)} and closed at ${money(close)}, ${close >= open ? 'above' : 'below'} its open`);
  if (vwap !== undefined) parts.push(`${parts.length ? 'its' : 'had a'} volume-weighted average price (VWAP) ${parts.length ? 'was ' : 'of '}${money(vwap)}${open === undefined ? ` against a close of ${money(close)}` : ''}`);
  return `${symbol} ${parts.join('; ')}`;
}

/** Window statistics the question asked for: volatility, best/worst day, drawdown, latest volume vs the window. */
function barStatsClause(facts: FactReader, s: string, symbol: string, focus: Focus): string | undefined {
  const wanted = (key: string) => (focus.has(`${s}_${key}`) ? facts.number(`${s}_${key}`) : undefined);
  const parts: string[] = [];
  const volatility = wanted('volatility');
  if (volatility !== undefined) parts.push(`annualised volatility of daily log returns ${percent(volatility)}`);
  const mean = wanted('mean_daily_pct');
  if (mean !== undefined) parts.push(`average daily change ${signedPercent(mean)}`);
  const stdev = wanted('stdev_daily_pct');
  if (stdev !== undefined) parts.push(`standard deviation of daily % changes ${percent(stdev)}`);
  const range = wanted('range_pct');
  if (range !== undefined) parts.push(`high-low range ${percent(range)} of the window's low`);
  const best = wanted('best_day_pct');
  if (best !== undefined) parts.push(`largest single-session gain ${move(best)}${focus.has(`${s}_best_day_date`) ? ` on ${facts.text(`${s}_best_day_date`) ?? 'an unknown date'}` : ''}`);
  const worst = wanted('worst_day_pct');
  if (worst !== undefined) parts.push(`largest single-session drop ${move(worst)}${focus.has(`${s}_worst_day_date`) ? ` on ${facts.text(`${s}_worst_day_date`) ?? 'an unknown date'}` : ''}`);
  const z = wanted('move_z');
  const prior = wanted('prior_stdev_pct');
  if (z !== undefined && prior !== undefined) {
    const day = facts.number(`${s}_change_pct`);
    parts.push(`${day !== undefined ? `today's move of ${signedPercent(day)}` : "today's move"} is a z of ${z.toFixed(2)} against the standard deviation of the prior ${facts.number(`${s}_sessions`) ?? 'few'} daily changes (${percent(prior)})`);
  }
  const drawdown = wanted('max_drawdown');
  if (drawdown !== undefined) parts.push(`maximum drawdown from its highest close ${percent(drawdown)}`);
  const last = wanted('last_volume');
  const versus = wanted('last_vs_avg_volume');
  if (last !== undefined && versus !== undefined) parts.push(`latest session volume ${count(last)} shares, ${signedPercent(versus)} versus the window's average`);
  if (parts.length === 0) return undefined;
  const sessions = facts.number(`${s}_sessions`);
  return `${symbol} over the last ${sessions ?? 'few'} sessions: ${parts.join('; ')}`;
}

/** Every clause the facts support and the question asked for, for one subject, in reading order. */
export function entityClauses(facts: FactReader, subject: Subject, focus: Focus, style: Style = 'full'): string[] {
  const { slug: s, symbol } = subject;
  const name = style === 'brief' ? symbol : displayName(facts, subject);
  const asked = (...keys: string[]) => keys.some((key) => focus.has(key));
  return [
    profileClause(facts, s, name, focus),
    asked(`${s}_price`, `${s}_change_pct`) ? priceClause(facts, s, name, style) : undefined,
    asked(`${s}_session_close`) ? sessionClause(facts, s, symbol) : undefined,
    asked(`${s}_volume`) ? volumeClause(facts, s, symbol, focus) : undefined,
    asked(`${s}_market_cap`) ? marketCapClause(facts, s, symbol) : undefined,
    asked(`${s}_pe`, `${s}_eps`) ? valuationClause(facts, s, symbol) : undefined,
    rangeClause(facts, s, symbol, focus),
    quoteAveragesClause(facts, s, symbol, focus, style),
    sessionBarClause(facts, s, symbol, focus),
    asked(`${s}_return_n`) ? trendClause(facts, s, symbol, style) : undefined,
    barStatsClause(facts, s, symbol, focus),
    windowClause(facts, s, symbol, focus),
    asked(`${s}_avg_close`) ? movingAverageClause(facts, s, symbol) : undefined,
    asked('income_net_margin', 'income_revenue_growth') ? incomeClause(facts, symbol, focus, style) : undefined,
    asked(`${s}_headline`, `${s}_top_sentiment`) ? headlineClause(facts, s, symbol, style, focus) : undefined,
    ...(asked(`${s}_coverage_count`) ? coverageClauses(facts, s, symbol, focus) : []),
    riskClause(facts, s, symbol),
  ].filter((clause): clause is string => clause !== undefined);
}
