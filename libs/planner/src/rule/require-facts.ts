import { expandShorthand, readFacts, type FactLabel } from '@forge/asks';
import { FISCAL_EPS, type PromptReading } from './read-prompt.ts';
import type { PlanBuilder } from './plan-builder.ts';
import type { EntityRef } from './entity-steps.ts';

const DAY_RANGE = /\bday(?:'s)? (?:high|low|range)|intraday|session(?:'s)? (?:high|low|range)/;

// The profile's state key for each company fact the prompt names (libs/asks reads them, one lexicon for all stages).
const PROFILE_KEYS: Partial<Record<FactLabel, string>> = {
  sector: 'sector', industry: 'industry', ceo: 'ceo', description: 'description', exchange: 'exchange', employees: 'employees',
  website: 'website', ipo_date: 'ipo_date', beta: 'beta', is_etf: 'is_etf', dividend: 'last_dividend', country: 'country', currency: 'currency',
};

function requireProfile(plan: PlanBuilder, s: string, text: string): void {
  const facts = readFacts(text).filter((label) => PROFILE_KEYS[label]);
  // A profile asked without a named listing fact ("what does it do", "which sector") states the sector.
  if (facts.every((label) => label === 'description' || label === 'sector')) plan.require(`${s}_sector`);
  for (const label of facts) plan.require(`${s}_${PROFILE_KEYS[label]}`);
}

/** "The standard deviation of daily % changes": that statistic itself, not an annualised volatility or the closes' spread. */
export const DAILY_STDEV = /(?:standard deviation|std\.? ?dev|stdev|sd)\b[^.?!]{0,40}\b(?:daily|day-to-day|session)\b|(?:daily|session) (?:% |percent(?:age)? )?(?:changes?|returns?|moves?)[^.?!]{0,30}\b(?:standard deviation|std\.? ?dev|stdev)/;

/** "z of today's move", "z-score of the 1d ret", "1d ret / stdev of prior 20 daily rets": the day's move in sigmas. */
export const MOVE_Z = /\bz(?:-?score)?s?\b[^.?!]{0,30}\b(?:today'?s|the day'?s|latest|1d|one-day|daily)\s+(?:move|ret(?:urn)?|change|%)|\b1d ret(?:urn)?\s*\/\s*(?:stdev|std|σ|sigma|sd)\b|\|z\|/;

/** Statistics of the daily-bar window the question names. */
function requireBarStats(plan: PlanBuilder, s: string, text: string): void {
  if (MOVE_Z.test(text)) {
    plan.require(`${s}_move_z`, `${s}_prior_stdev_pct`);
    // Too few bars for the prior window fail the step, saying so, rather than answer over fewer changes.
    plan.acceptWhere(`${s}_move_z`, `${s}_move_z is not None`);
    return;
  }
  // "Standard deviation of daily % changes" is that statistic itself, not an annualised volatility.
  const daily = DAILY_STDEV.test(text);
  if (daily) plan.require(`${s}_stdev_daily_pct`);
  else if (/volatil|standard deviation|std\.? ?dev|stdev/.test(text)) plan.require(`${s}_volatility`);
  if (/(?:average|mean|avg\.?) (?:of )?(?:the )?(?:daily|per[- ]session|session) (?:% |percent(?:age)? )?(?:changes?|returns?|moves?)/.test(text)) plan.require(`${s}_mean_daily_pct`);
  if (/drawdown|peak[- ]to[- ]trough/.test(text)) plan.require(`${s}_max_drawdown`);
  if (/\b(?:high[- ](?:to[- ])?low|trading) range\b|\brange\b[^.?!\n]{0,40}(?:%|percent)/.test(text)) plan.require(`${s}_range_pct`);
  const day = /(?:largest|biggest|best|worst|maximum)[- ](?:single[- ])?(?:day|daily|session)\b|single[- ](?:day|session)/.test(text);
  const worst = /worst|drop|decline|loss|fall|fell/.test(text);
  if (day && (!worst || /gain|best|rise|rose|up\b/.test(text))) plan.require(`${s}_best_day_pct`, `${s}_best_day_date`);
  if (day && worst) plan.require(`${s}_worst_day_pct`, `${s}_worst_day_date`);
  if (/average (?:daily )?volume/.test(text)) plan.require(`${s}_last_volume`, `${s}_last_vs_avg_volume`);
}

function requireRange(plan: PlanBuilder, reading: PromptReading, s: string, text: string): void {
  const day = DAY_RANGE.test(text);
  const year = !day || /52|year|annual|12-month/.test(text);
  if (day) plan.require(`${s}_day_high`, `${s}_day_low`);
  if (year && reading.facets.has('range-position')) plan.require(`${s}_pct_below_high`);
  else if (year) plan.require(`${s}_year_high`, `${s}_year_low`);
}

/** The facts the answer must state: one or more state keys per facet the prompt asks for. */
export function requireFacts(plan: PlanBuilder, reading: PromptReading, entities: EntityRef[], noPe: ReadonlySet<string> = new Set(), funds: ReadonlySet<string> = new Set()): void {
  const f = reading.facets;
  const text = expandShorthand(reading.rawText).toLowerCase();
  for (const { slug: s, symbol } of entities) {
    if (f.has('price')) plan.require(`${s}_price`);
    if (f.has('move')) plan.require(`${s}_change_pct`);
    if (f.has('volume')) plan.require(`${s}_volume`);
    if (f.has('market-cap')) plan.require(`${s}_market_cap`);
    if (f.has('trend')) plan.require(`${s}_return_n`);
    if (f.has('headline')) plan.require(`${s}_headline`);
    if (f.has('headline') && reading.items > 1 && /\bdates?\b|when|published/.test(text)) plan.require(`${s}_top_dates`);
    if (f.has('session-bar') && /open/.test(text)) plan.require(`${s}_session_open`);
    if (f.has('session-bar') && /vwap|volume[- ]weighted/.test(text)) plan.require(`${s}_session_vwap`);
    if (f.has('trend') && plan.groundedFrom.includes(`${s}_volatility`)) requireBarStats(plan, s, text);
    if (f.has('sentiment')) plan.require(`${s}_top_sentiment`);
    if (f.has('profile')) requireProfile(plan, s, text);
    if (f.has('fact-check')) plan.require(`${s}_session_close`);
    // A fund without a P/E (the benchmark of "excess return vs SPY, plus each one's P/E") has no valuation to state.
    if (f.has('valuation') && !(noPe.has(symbol) && funds.has(symbol))) plan.require(...(noPe.has(symbol) ? [`${s}_eps`] : [`${s}_pe`, `${s}_eps`]));
    if (f.has('range')) requireRange(plan, reading, s, text);
    if (f.has('moving-average')) {
      if (reading.quoteAverages) plan.require(...reading.quoteAverages.map((window) => `${s}_avg${window}`));
      else plan.require(`${s}_avg_close`);
    }
  }
  if (f.has('movers')) for (const list of reading.movers?.lists ?? []) plan.require(`${list}_symbols`);
  for (const key of plan.groundedFrom) if (f.has('headline') && /^top_(?:gainer|loser)(?:_\d+)?_headline$/.test(key)) plan.require(key);
  for (const key of plan.groundedFrom) if (f.has('profile') && /^top_(?:gainer|loser)(?:_\d+)?_(?:sector|industry)$/.test(key) && text.includes(key.replace(/^.*_/, ''))) plan.require(key);
  for (const key of plan.groundedFrom.filter((name) => /^income_.*_ranking$/.test(name))) if (plan.groundedFrom.includes(key)) plan.require(key);
  if (f.has('market-status')) plan.require('market_state', 'market_next_open');
  if (f.has('market-status') && /holiday/.test(text)) plan.require('market_holiday');
  if (f.has('slack-read')) plan.require(...['slack_channel_names', 'slack_read_channel', 'slack_history_texts'].filter((key) => plan.groundedFrom.includes(key)));
  // "By how many percentage points" / "the spread between best and worst": the gap between the ends of a ranking.
  if (/spread|difference|percentage points|by how much|how much more|gap between/.test(text)) {
    for (const key of plan.groundedFrom) if (/^(move|return|pe|market_cap)_spread$/.test(key)) plan.require(key);
  }
  if (/\bratio\b/.test(text)) for (const key of plan.groundedFrom) if (/^(?:pe|market_cap|volume|beta)_ratio$/.test(key)) plan.require(key);
  for (const key of plan.groundedFrom) if (/^(?:below_high|volatility)_ranking$/.test(key)) plan.require(key);
  if (f.has('volume-vs-average')) plan.require('volume_vs_avg_pct');
  if (f.has('volume-vs-average') && /ratio|\d\s*(?:x|×|times)\b/.test(text)) plan.require(...['volume_ratio', 'volume_threshold'].filter((key) => plan.groundedFrom.includes(key)));
  if (f.has('income')) {
    plan.require('income_revenue_growth', 'income_net_margin');
    if (/operating (?:margin|income|profit)/.test(text)) plan.require('income_operating_margin');
    if (/gross (?:margin|profit)/.test(text)) plan.require('income_gross_margin');
    if (reading.statements?.yearOverYear) plan.require('income_revenue_yoy');
    if (/r&d|research and development/.test(text)) plan.require('income_rnd');
    if (/diluted/.test(text) || FISCAL_EPS.test(text)) plan.require('income_eps_diluted');
    if (/\brevenue\b(?! growth)/.test(text) && !/revenue growth/.test(text)) plan.require('income_revenue');
    if (/accelerat|slowing|decelerat|speeding up|slowing down/.test(text)) plan.require('income_growth_trend');
    if (/net income(?! growth| margin)/.test(text) && !/growth (?:of|in) net income/.test(text)) plan.require('income_net_income');
    if (reading.incomeRankBy === 'net-income-growth') plan.require('income_net_income_growth');
    if (plan.groundedFrom.includes('income_below_floor')) plan.require('income_floor');
  }
  if (f.has('web')) plan.require('web_top_url');
  // The message timestamp changes on every run; the answer states where it went and that it was confirmed.
  if (f.has('slack')) plan.require('slack_channel', 'slack_confirmed');
  for (const key of plan.groundedFrom) if (/_(leader|excess_today|excess_period|pct_vs_avg50|pct_vs_avg200|day_range_pct)$/.test(key)) plan.require(key);
}
