import type { Entity } from './resolve-entities.ts';
import type { PlanBuilder } from './plan-builder.ts';

/** An entity as steps refer to it: the literal symbol, or a placeholder when a search step resolves it. */
export interface EntityRef extends Entity {
  param: string;
}

/** Which tools already ran for which entity, so a facet never repeats a call another facet made. */
export type Done = Set<string>;

const once = (done: Done, tool: string, entity: EntityRef) => {
  const key = `${tool}:${entity.symbol}`;
  if (done.has(key)) return false;
  done.add(key);
  return true;
};

/** The longest word of a name, regex-escaped, for checking that a search hit carries it. */
function distinctiveWord(name: string): string {
  const word = name.split(/[^A-Za-z0-9&]+/).sort((a, b) => b.length - a.length)[0] ?? name;
  return word.replace(/[.*+?^${}()|[\]\\&']/g, '.');
}

/** fmp_search_ticker for a company named in words; its symbol feeds the next steps. */
export function addSearchStep(plan: PlanBuilder, entity: Entity): EntityRef {
  const s = entity.slug;
  plan.add('fmp', 'fmp_search_ticker', { query: entity.mention, limit: 5 }, {
    extract: [`${s}_matches = results[][symbol]`, `${s}_match_names = results[][name]`],
    select: [`${s}_symbol = ${s}_matches[${entity.searchIndex}]`],
    // A name the tool did not know at plan time must still be the top match's name, or the run stops here
    // (cleanly: with no match at all the name check is false, not an IndexError).
    accept_if: entity.unresolved ? [`len(${s}_matches) > 0`, `len(${s}_match_names) > 0 and ${s}_match_names[0] ~= '${distinctiveWord(entity.mention ?? entity.symbol)}'`] : [`len(${s}_matches) > 0`, `${s}_symbol == '${entity.symbol}'`],
    next_args_from: `${s}_symbol`,
  });
  return { ...entity, param: `\${${s}_symbol}` };
}

export interface QuoteFields {
  volume?: boolean;
  marketCap?: boolean;
  valuation?: boolean;
  range?: boolean;
  /** Moving-average windows the quote carries (priceAvg50, priceAvg200). */
  averages?: Array<50 | 200>;
}

export function addQuoteStep(plan: PlanBuilder, done: Done, entity: EntityRef, options: QuoteFields = {}): void {
  if (!once(done, 'fmp_get_quote', entity)) return;
  const s = entity.slug;
  const extract = [
    `${s}_name = name`,
    `${s}_price = price`,
    `${s}_change_pct = changesPercentage`,
    `${s}_change = change`,
    `${s}_prev_close = previousClose`,
    `${s}_volume = volume`,
    `${s}_avg_volume = avgVolume`,
  ];
  if (options.marketCap) extract.push(`${s}_market_cap = marketCap`);
  if (options.valuation) extract.push(`${s}_pe = pe`, `${s}_eps = eps`);
  if (options.range) extract.push(`${s}_year_high = yearHigh`, `${s}_year_low = yearLow`, `${s}_day_high = dayHigh`, `${s}_day_low = dayLow`);
  const compute: string[] = [];
  for (const window of options.averages ?? []) {
    extract.push(`${s}_avg${window} = priceAvg${window}`);
    compute.push(`${s}_above_avg${window} = ${s}_price > ${s}_avg${window}`);
  }
  const accept = [`${s}_price > 0`, `${s}_change_pct is not None`];
  if (options.volume) accept.push(`${s}_volume > 0`, `${s}_avg_volume > 0`);
  if (options.marketCap) accept.push(`${s}_market_cap > 0`);
  if (options.range) accept.push(`${s}_year_high >= ${s}_year_low`);
  for (const window of options.averages ?? []) accept.push(`${s}_avg${window} > 0`);
  plan.add('fmp', 'fmp_get_quote', { symbol: entity.param }, { extract, compute, accept_if: accept });
}

export function addPreviousCloseStep(plan: PlanBuilder, done: Done, entity: EntityRef): void {
  if (!once(done, 'polygon_get_previous_close', entity)) return;
  const s = entity.slug;
  plan.add('polygon', 'polygon_get_previous_close', { ticker: entity.param }, {
    extract: [`${s}_session_close = c`, `${s}_session_open = o`, `${s}_session_volume = v`, `${s}_session_vwap = vw`],
    accept_if: [`${s}_session_close > 0`, `${s}_session_volume > 0`],
  });
}

export function addProfileStep(plan: PlanBuilder, done: Done, entity: EntityRef): void {
  if (!once(done, 'fmp_get_company_profile', entity)) return;
  const s = entity.slug;
  plan.add('fmp', 'fmp_get_company_profile', { symbol: entity.param }, {
    extract: [
      `${s}_company = companyName`, `${s}_sector = sector`, `${s}_industry = industry`, `${s}_ceo = ceo`, `${s}_description = description`,
      `${s}_exchange = exchange`, `${s}_employees = fullTimeEmployees`, `${s}_website = website`, `${s}_ipo_date = ipoDate`,
      `${s}_beta = beta`, `${s}_is_etf = isEtf`, `${s}_last_dividend = lastDiv`, `${s}_country = country`, `${s}_currency = currency`,
    ],
    accept_if: [`${s}_sector is not None`, `len(${s}_description) > 0`],
  });
}

export function addNewsStep(plan: PlanBuilder, done: Done, entity: EntityRef, items: number, withInsights: boolean, withSources = false): void {
  if (!once(done, 'polygon_get_news', entity)) return;
  const s = entity.slug;
  const extract = [`${s}_titles = results[][title]`, `${s}_urls = results[][article_url]`, `${s}_published = results[][published_utc]`];
  if (withInsights) extract.push(`${s}_insights = results[][insights]`);
  // "outlet, date and link on each": the publisher of every headline listed (objects: the DSL projects one level).
  if (withSources) extract.push(`${s}_publishers = results[][publisher]`);
  const select = [`${s}_headline = ${s}_titles[0]`, `${s}_headline_url = ${s}_urls[0]`, `${s}_headline_date = ${s}_published[0]`];
  if (items > 1) select.push(`${s}_top_titles = ${s}_titles[:${items}]`, `${s}_top_urls = ${s}_urls[:${items}]`, `${s}_top_dates = ${s}_published[:${items}]`);
  plan.add('polygon', 'polygon_get_news', { ticker: entity.param, limit: Math.max(items, 5) }, {
    extract,
    select,
    accept_if: [`len(${s}_titles) >= ${items}`, `${s}_headline_url ~= '^https?://'`],
  });
}

export function addBarsStep(plan: PlanBuilder, done: Done, entity: EntityRef, range: { from: string; to: string }, sessions: number, times = false): void {
  if (!once(done, 'polygon_get_aggs', entity)) return;
  const s = entity.slug;
  plan.add('polygon', 'polygon_get_aggs', { ticker: entity.param, from: range.from, to: range.to, timespan: 'day', multiplier: 1 }, {
    extract: [`${s}_closes = results[][c]`, `${s}_volumes = results[][v]`, ...(times ? [`${s}_bar_times = results[][t]`, `${s}_highs = results[][h]`, `${s}_lows = results[][l]`] : [])],
    accept_if: [`len(${s}_closes) >= ${sessions + 1}`],
  });
}

export function addIncomeStep(plan: PlanBuilder, done: Done, entity: EntityRef, period: 'annual' | 'quarter', count: number): void {
  if (!once(done, 'fmp_get_income_statement', entity)) return;
  const s = entity.slug;
  plan.add('fmp', 'fmp_get_income_statement', { symbol: entity.param, period, limit: count }, {
    extract: [
      `${s}_revenues = results[][revenue]`, `${s}_net_incomes = results[][netIncome]`, `${s}_gross_profits = results[][grossProfit]`,
      `${s}_operating_incomes = results[][operatingIncome]`, `${s}_statement_dates = results[][date]`,
      `${s}_rnd_expenses = results[][researchAndDevelopmentExpenses]`, `${s}_diluted_eps = results[][epsdiluted]`,
    ],
    accept_if: [`len(${s}_revenues) >= 2`],
  });
}

export function addDetailsStep(plan: PlanBuilder, done: Done, entity: EntityRef): void {
  if (!once(done, 'polygon_get_ticker_details', entity)) return;
  const s = entity.slug;
  plan.add('polygon', 'polygon_get_ticker_details', { ticker: entity.param }, {
    extract: [`${s}_listing = primary_exchange`, `${s}_employees = total_employees`, `${s}_sic = sic_description`],
    accept_if: [`${s}_listing is not None`],
  });
}
