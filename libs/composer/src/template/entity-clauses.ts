import { count, money, move, percent, type FactReader } from './fact-reader.ts';

/** A symbol the plan worked on and the state-key prefix its facts carry. */
export interface Subject {
  symbol: string;
  slug: string;
}

export function displayName(facts: FactReader, { symbol, slug }: Subject): string {
  const name = facts.text(`${slug}_company`) ?? facts.text(`${slug}_name`);
  return name && name.toUpperCase() !== symbol ? `${name} (${symbol})` : symbol;
}

function priceClause(facts: FactReader, s: string, name: string): string | undefined {
  const price = facts.number(`${s}_price`);
  if (price === undefined) return undefined;
  const change = facts.number(`${s}_change_pct`);
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

function volumeClause(facts: FactReader, s: string, symbol: string): string | undefined {
  const volume = facts.number(`${s}_volume`);
  if (volume === undefined) return undefined;
  const average = facts.number(`${s}_avg_volume`);
  const versus = facts.record('volume_vs_avg_pct')?.[symbol];
  let clause = `${symbol} volume was ${count(volume)} shares`;
  if (average !== undefined) clause += ` against an average of ${count(average)}`;
  if (typeof versus === 'number') clause += ` (${Math.abs(versus).toFixed(2)}% ${versus >= 0 ? 'above' : 'below'} average)`;
  return clause;
}

function marketCapClause(facts: FactReader, s: string, symbol: string): string | undefined {
  const cap = facts.number(`${s}_market_cap`);
  return cap === undefined ? undefined : `${symbol} has a market cap of ${money(cap)}`;
}

function valuationClause(facts: FactReader, s: string, symbol: string): string | undefined {
  const pe = facts.number(`${s}_pe`);
  const eps = facts.number(`${s}_eps`);
  const parts = [pe !== undefined && `a P/E of ${pe.toFixed(2)}`, eps !== undefined && `EPS of $${eps.toFixed(2)}`].filter(Boolean);
  if (parts.length) return `${symbol} trades at ${parts.join(' on ')}`;
  return facts.keys(new RegExp(`^${s}_(pe|eps)$`)).length ? `FMP reports no P/E or EPS for ${symbol}` : undefined;
}

function rangeClause(facts: FactReader, s: string, symbol: string, focus: Focus): string | undefined {
  const parts: string[] = [];
  const high = facts.number(`${s}_year_high`);
  const low = facts.number(`${s}_year_low`);
  if (focus.has(`${s}_year_high`) && high !== undefined && low !== undefined) parts.push(`a one-year range of ${money(low)} to ${money(high)}`);
  const dayHigh = facts.number(`${s}_day_high`);
  const dayLow = facts.number(`${s}_day_low`);
  if (focus.has(`${s}_day_high`) && dayHigh !== undefined && dayLow !== undefined) parts.push(`a day range of ${money(dayLow)} to ${money(dayHigh)}`);
  return parts.length ? `${symbol} has ${parts.join(' and ')}` : undefined;
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

function trendClause(facts: FactReader, s: string, symbol: string): string | undefined {
  const change = facts.number(`${s}_return_n`);
  const sessions = facts.number(`${s}_sessions`);
  if (change === undefined || sessions === undefined) return undefined;
  const closes = facts.list(`${s}_trend_closes`)?.filter((value): value is number => typeof value === 'number');
  const start = facts.number(`${s}_start_close`);
  const volumeTrend = facts.text(`${s}_volume_trend`);
  const average = facts.number(`${s}_avg_daily_volume`);
  let clause = `Over the last ${sessions} sessions ${symbol} moved ${move(change)}`;
  if (start !== undefined) clause += ` from ${money(start)}`;
  if (closes?.length) clause += ` (daily closes ${closes.map(money).join(', ')})`;
  if (volumeTrend) clause += ` and volume ${volumeTrend} across the window`;
  if (average !== undefined) clause += `, averaging ${count(average)} shares a day`;
  return clause;
}

function profileClause(facts: FactReader, s: string, name: string, focus: Focus): string | undefined {
  const wanted = (key: string) => focus.has(`${s}_${key}`);
  const sector = wanted('sector') ? facts.text(`${s}_sector`) : undefined;
  const industry = wanted('industry') ? facts.text(`${s}_industry`) : undefined;
  const ceo = wanted('ceo') ? facts.text(`${s}_ceo`) : undefined;
  const description = wanted('description') ? facts.text(`${s}_description`) : undefined;
  const listing = profileListing(facts, s, focus);
  if (!sector && !industry && !ceo && !description && !listing) return undefined;
  const parts: string[] = [];
  if (description) parts.push(`${name}: ${firstSentence(description).replace(/[.!?]$/, '')}`);
  const where = [sector && `the ${sector} sector`, industry && `the ${industry} industry`].filter(Boolean).join(' and ');
  if (where) parts.push(`${description ? 'it' : name} is in ${where}`);
  if (ceo) parts.push(`${description || where ? 'its' : `${name}'s`} CEO is ${ceo}`);
  if (listing) parts.push(parts.length ? listing : `${name} ${listing}`);
  return parts.join('; ');
}

function profileListing(facts: FactReader, s: string, focus: Focus): string | undefined {
  const wanted = (key: string) => focus.has(`${s}_${key}`);
  const exchange = wanted('exchange') ? facts.text(`${s}_exchange`) : undefined;
  const employees = wanted('employees') ? facts.number(`${s}_employees`) ?? facts.text(`${s}_employees`) : undefined;
  const website = wanted('website') ? facts.text(`${s}_website`) : undefined;
  const ipo = wanted('ipo_date') ? facts.text(`${s}_ipo_date`) : undefined;
  const parts = [
    exchange && `is listed on ${exchange}`,
    employees !== undefined && `has ${typeof employees === 'number' ? count(employees) : employees} full-time employees`,
    website && `its website is ${website}`,
    ipo && `it went public on ${ipo}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

export function firstSentence(text: string): string {
  const match = /^(.{20,300}?[.!?])(\s|$)/s.exec(text.trim());
  return (match ? match[1] : text.trim().slice(0, 300)).replace(/\s+/g, ' ');
}

function headlineClause(facts: FactReader, s: string, symbol: string): string | undefined {
  const labelled = facts.list(`${s}_labelled`) as Array<{ title?: string; sentiment?: string }> | undefined;
  const titles = facts.list(`${s}_top_titles`) as string[] | undefined;
  const urls = (facts.list(`${s}_top_urls`) ?? []) as string[];
  if (labelled && labelled.length > 1) {
    const tone = facts.text(`${s}_tone`);
    const items = labelled.map((item, index) => `“${item.title}” (${item.sentiment}${urls[index] ? `, ${urls[index]}` : ''})`);
    return `Recent ${symbol} headlines: ${items.join('; ')}${tone ? `. Overall tone: ${tone}` : ''}`;
  }
  if (titles && titles.length > 1) {
    return `Recent ${symbol} headlines: ${titles.map((title, index) => `“${title}”${urls[index] ? ` (${urls[index]})` : ''}`).join('; ')}`;
  }
  const headline = facts.text(`${s}_headline`);
  if (!headline) return undefined;
  const url = facts.text(`${s}_headline_url`);
  const date = facts.text(`${s}_headline_date`);
  const sentiment = facts.text(`${s}_top_sentiment`);
  let clause = `The latest ${symbol} headline${date ? ` (${date.slice(0, 10)})` : ''} is “${headline}”`;
  if (sentiment) clause += `, with ${sentiment} sentiment`;
  if (url) clause += ` (${url})`;
  return clause;
}

function riskClause(facts: FactReader, s: string, symbol: string): string | undefined {
  if (facts.keys(new RegExp(`^${s}_risks$`)).length === 0) return undefined;
  const risks = facts.list(`${s}_risks`) as string[] | undefined;
  const opportunities = facts.list(`${s}_opportunities`) as string[] | undefined;
  const parts: string[] = [];
  if (opportunities) parts.push(`opportunities for ${symbol}: ${opportunities.map((title) => `“${title}”`).join('; ')}`);
  if (risks) parts.push(`risks: ${risks.map((title) => `“${title}”`).join('; ')}`);
  if (parts.length === 0) return `The recent ${symbol} headlines are neither clearly positive nor clearly negative`;
  return parts.length ? parts.join('; ').replace(/^./, (letter) => letter.toUpperCase()) : undefined;
}

function incomeClause(facts: FactReader, symbol: string): string | undefined {
  const numbers = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is number => typeof item === 'number') : undefined);
  const margins = numbers(facts.record('income_net_margin')?.[symbol]);
  if (!margins?.length) return undefined;
  const periods = (facts.record('income_periods')?.[symbol] ?? []) as string[];
  const revenue = numbers(facts.record('income_revenue_growth')?.[symbol]);
  const income = numbers(facts.record('income_net_income_growth')?.[symbol]);
  const gross = numbers(facts.record('income_gross_margin')?.[symbol]);
  const improving = facts.record('income_improving')?.[symbol];
  const label = (index: number) => periods[index] ?? `period ${index + 1}`;
  const parts = [`${symbol} net margin ${margins.map((margin, index) => `${percent(margin)} (${label(index)})`).join(', ')}`];
  if (revenue?.length) parts.push(`revenue growth ${revenue.map((growth) => percent(growth)).join(', ')} (newest first)`);
  if (income?.length) parts.push(`net income growth ${income.map((growth) => percent(growth)).join(', ')}`);
  if (gross?.length) parts.push(`gross margin ${gross.map((margin) => percent(margin)).join(', ')}`);
  if (typeof improving === 'boolean') parts.push(improving ? 'profitability is improving' : 'profitability is not improving');
  return parts.join('; ');
}

/** The facts the plan requires: a clause is written only when the question asked for what it states. */
export type Focus = ReadonlySet<string>;

/** Every clause the facts support and the question asked for, for one subject, in reading order. */
export function entityClauses(facts: FactReader, subject: Subject, focus: Focus): string[] {
  const { slug: s, symbol } = subject;
  const name = displayName(facts, subject);
  const asked = (...keys: string[]) => keys.some((key) => focus.has(key));
  return [
    profileClause(facts, s, name, focus),
    asked(`${s}_price`, `${s}_change_pct`) ? priceClause(facts, s, name) : undefined,
    asked(`${s}_session_close`) ? sessionClause(facts, s, symbol) : undefined,
    asked(`${s}_volume`) ? volumeClause(facts, s, symbol) : undefined,
    asked(`${s}_market_cap`) ? marketCapClause(facts, s, symbol) : undefined,
    asked(`${s}_pe`, `${s}_eps`) ? valuationClause(facts, s, symbol) : undefined,
    rangeClause(facts, s, symbol, focus),
    asked(`${s}_return_n`) ? trendClause(facts, s, symbol) : undefined,
    asked(`${s}_avg_close`) ? movingAverageClause(facts, s, symbol) : undefined,
    asked('income_net_margin', 'income_revenue_growth') ? incomeClause(facts, symbol) : undefined,
    asked(`${s}_headline`, `${s}_top_sentiment`) ? headlineClause(facts, s, symbol) : undefined,
    riskClause(facts, s, symbol),
  ].filter((clause): clause is string => clause !== undefined);
}
