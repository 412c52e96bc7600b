import type { PlanBuilder } from './plan-builder.ts';
import type { EntityRef } from './entity-steps.ts';
import type { IncomeRank } from './read-prompt.ts';
import {
  EXCESS_RETURN_CODE,
  FACT_CHECK_CODE,
  INCOME_CODE,
  RANGE_POSITION_CODE,
  RANK_CODE,
  RANK_FUNCTION,
  SENTIMENT_CODE,
  TREND_CODE,
  TREND_STATS_CODE,
  QUOTE_GAP_CODE,
  VOLUME_VS_AVERAGE_CODE,
} from './python-snippets.ts';

const ref = (name: string) => `\${${name}}`;

const python = (plan: PlanBuilder, code: string, inputs: Record<string, unknown>, extract: string[], accept: string[]) =>
  plan.add('python', 'execute_python', { code, inputs }, { extract, accept_if: accept });

/** What a trend step also does when the plan is lean: the day's close and move from the bars, the ranking of the returns. */
export interface TrendExtras {
  /** The bars stand in for a quote: `<slug>_price` and `<slug>_change_pct` are the last close and its move. */
  quoteFromBars?: boolean;
  /** The names ranked by their window return, under the rank step's keys (`<label>_ranking`, ...). */
  rank?: { label: string; symbols: EntityRef[]; threshold?: number };
}

export function addTrendStep(plan: PlanBuilder, entity: EntityRef, sessions: number, movingAverage: boolean, stats = false, extras: TrendExtras = {}): void {
  const s = entity.slug;
  const extract = [
    `${s}_sessions = result.n`,
    `${s}_trend_closes = result.closes`,
    `${s}_start_close = result.start_close`,
    `${s}_return_n = result.pct_change`,
    `${s}_volume_trend = result.volume_trend`,
    `${s}_avg_daily_volume = result.avg_volume`,
  ];
  if (movingAverage) extract.push(`${s}_avg_close = result.avg_close`, `${s}_above_avg_close = result.above_avg_close`);
  if (extras.quoteFromBars) extract.push(`${s}_price = result.end_close`, `${s}_change_pct = result.day_pct`);
  if (stats) {
    extract.push(
      `${s}_volatility = result.volatility`, `${s}_max_drawdown = result.max_drawdown`, `${s}_last_volume = result.last_volume`,
      `${s}_last_vs_avg_volume = result.last_vs_avg_volume`, `${s}_best_day_pct = result.best_day_pct`, `${s}_best_day_date = result.best_day_date`,
      `${s}_worst_day_pct = result.worst_day_pct`, `${s}_worst_day_date = result.worst_day_date`,
      `${s}_mean_daily_pct = result.mean_daily_pct`, `${s}_stdev_daily_pct = result.stdev_daily_pct`, `${s}_range_pct = result.range_pct`,
      `${s}_move_z = result.move_z`, `${s}_prior_stdev_pct = result.prior_stdev_pct`,
    );
  }
  const inputs = { closes: ref(`${s}_closes`), volumes: ref(`${s}_volumes`), n: String(sessions), ...(stats ? statsInputs(s) : {}) };
  python(plan, stats ? TREND_STATS_CODE : TREND_CODE, inputs, extract, [
    `${s}_return_n is not None`,
    `len(${s}_trend_closes) == ${sessions}`,
  ]);
}

/** The bars' times, highs and lows the window statistics read besides closes and volumes. */
const statsInputs = (s: string) => ({ times: ref(`${s}_bar_times`), highs: ref(`${s}_highs`), lows: ref(`${s}_lows`) });

/** A per-name snippet (reading its inputs as variables, setting `result`) run once per entry of `data`. */
function perName(code: string, names: string[]): string {
  const body = code.split('\n').map((line) => `    ${line}`).join('\n');
  return `def one(${names.join(', ')}):\n${body}\n    return result\nresult = {k: one(**v) for k, v in data.items()}`;
}

/**
 * The trend of several names in one step: inputs are a JSON object of per-name closes and volumes, the result is
 * keyed by name slug, and each name's facts keep their own state keys (`<slug>_return_n`, ...).
 */
export function addTrendsStep(plan: PlanBuilder, entities: EntityRef[], sessions: number, movingAverage: boolean, stats = false, extras: TrendExtras = {}): void {
  if (entities.length === 1) return addTrendStep(plan, entities[0], sessions, movingAverage, stats, { quoteFromBars: extras.quoteFromBars });
  const data = Object.fromEntries(entities.map((entity) => {
    const s = entity.slug;
    return [s, { closes: ref(`${s}_closes`), volumes: ref(`${s}_volumes`), n: String(sessions), ...(stats ? statsInputs(s) : {}) }];
  }));
  const extract: string[] = [];
  const accept: string[] = [];
  for (const { slug: s } of entities) {
    const field = (name: string, key: string) => extract.push(`${s}_${name} = result.${s}.${key}`);
    field('sessions', 'n'); field('trend_closes', 'closes'); field('start_close', 'start_close'); field('return_n', 'pct_change');
    field('volume_trend', 'volume_trend'); field('avg_daily_volume', 'avg_volume');
    if (movingAverage) { field('avg_close', 'avg_close'); field('above_avg_close', 'above_avg_close'); }
    if (stats) {
      for (const [name, key] of [['volatility', 'volatility'], ['max_drawdown', 'max_drawdown'], ['last_volume', 'last_volume'], ['last_vs_avg_volume', 'last_vs_avg_volume'],
        ['best_day_pct', 'best_day_pct'], ['best_day_date', 'best_day_date'], ['worst_day_pct', 'worst_day_pct'], ['worst_day_date', 'worst_day_date'],
        ['mean_daily_pct', 'mean_daily_pct'], ['stdev_daily_pct', 'stdev_daily_pct'], ['range_pct', 'range_pct'], ['move_z', 'move_z'], ['prior_stdev_pct', 'prior_stdev_pct']]) field(name, key);
    }
    if (extras.quoteFromBars) { field('price', 'end_close'); field('change_pct', 'day_pct'); }
    accept.push(`${s}_return_n is not None`, `len(${s}_trend_closes) == ${sessions}`);
  }
  const code = perName(stats ? TREND_STATS_CODE : TREND_CODE, stats ? ['closes', 'volumes', 'n', 'times', 'highs', 'lows'] : ['closes', 'volumes', 'n']);
  const rank = extras.rank;
  if (!rank) {
    python(plan, code, { data }, extract, accept);
    return;
  }
  // The ranking of the returns in the same step: one call fewer where the tool budget is tight.
  const label = rank.label;
  extract.push(...['ranking', 'values', 'leader', 'laggard', 'spread', 'ratio'].map((key) => `${label}_${key} = result.rank.${key}`));
  if (rank.threshold !== undefined) extract.push(`${label}_flagged = result.rank.flagged`);
  accept.push(`len(${label}_ranking) == ${rank.symbols.length}`);
  const symbols = Object.fromEntries(rank.symbols.map((entity) => [entity.slug, entity.symbol]));
  python(plan, `${code}\n${TREND_RANK_LINES}`, { data, symbols, threshold: rank.threshold === undefined ? 'None' : String(rank.threshold) }, extract, accept);
}

// Appended to a per-name trend step: ranks the names' window returns with RANK_CODE's function (high to low).
const TREND_RANK_LINES = [
  RANK_FUNCTION,
  'names = json.loads(symbols) if isinstance(symbols, str) else symbols',
  'result["rank"] = rank({names[k]: result[k]["pct_change"] for k in names if result.get(k, {}).get("pct_change") is not None}, threshold, "False")',
].join('\n');

/** Excess returns of several names over one benchmark in one step, each name's facts under its own keys. */
export function addExcessReturnsStep(plan: PlanBuilder, targets: EntityRef[], benchmark: EntityRef, over: { today: boolean; period: boolean }): void {
  if (targets.length === 1) return addExcessReturnStep(plan, targets[0], benchmark, over);
  const data = Object.fromEntries(targets.map((target) => [target.slug, {
    a_today: over.today ? ref(`${target.slug}_change_pct`) : 'None',
    b_today: over.today ? ref(`${benchmark.slug}_change_pct`) : 'None',
    a_period: over.period ? ref(`${target.slug}_return_n`) : 'None',
    b_period: over.period ? ref(`${benchmark.slug}_return_n`) : 'None',
  }]));
  const extract: string[] = [];
  const accept: string[] = [];
  for (const target of targets) {
    const key = `${target.slug}_vs_${benchmark.slug}`;
    if (over.today) extract.push(`${key}_excess_today = result.${target.slug}.excess_today`, `${key}_outperformed_today = result.${target.slug}.outperformed_today`);
    if (over.period) extract.push(`${key}_excess_period = result.${target.slug}.excess_period`, `${key}_outperformed_period = result.${target.slug}.outperformed_period`);
    accept.push(`${key}_excess_${over.today ? 'today' : 'period'} is not None`);
  }
  python(plan, perName(EXCESS_RETURN_CODE, ['a_today', 'b_today', 'a_period', 'b_period']), { data }, extract, accept);
}

/** Ranks entities by one metric (state keys `<slug>_<metric>`); `label` prefixes the result keys. */
export function addRankStep(plan: PlanBuilder, entities: EntityRef[], metric: string, label: string, threshold?: number, ascending = false): void {
  const data = Object.fromEntries(entities.map((entity) => [entity.symbol, ref(`${entity.slug}_${metric}`)]));
  const extract = [`${label}_ranking = result.ranking`, `${label}_values = result.values`, `${label}_leader = result.leader`, `${label}_laggard = result.laggard`, `${label}_spread = result.spread`, `${label}_ratio = result.ratio`];
  if (threshold !== undefined) extract.push(`${label}_flagged = result.flagged`);
  python(plan, RANK_CODE, { data, threshold: threshold === undefined ? 'None' : String(threshold), ascending: ascending ? 'True' : 'False' }, extract, [
    `len(${label}_ranking) == ${entities.length}`,
  ]);
}

/** Volume against the average per name: percent, ratio, and the names over a multiple the question sets ("over 1.5x"). */
export function addVolumeVsAverageStep(plan: PlanBuilder, entities: EntityRef[], threshold?: number): void {
  const data = Object.fromEntries(
    entities.map((entity) => [entity.symbol, { volume: ref(`${entity.slug}_volume`), avg: ref(`${entity.slug}_avg_volume`) }]),
  );
  const extract = ['volume_vs_avg_pct = result.pct_vs_avg', 'volume_above_avg = result.above_average', 'volume_ratio = result.ratio'];
  if (threshold !== undefined) extract.push('volume_over_threshold = result.over', 'volume_threshold = result.threshold');
  python(plan, VOLUME_VS_AVERAGE_CODE, { data, threshold: threshold === undefined ? 'None' : String(threshold) }, extract, [
    `len(volume_vs_avg_pct) == ${entities.length}`,
  ]);
}

export function addSentimentStep(plan: PlanBuilder, entity: EntityRef, items: number, risks: boolean): void {
  const s = entity.slug;
  const extract = [`${s}_sentiments = result.labels`, `${s}_top_sentiment = result.top_sentiment`, `${s}_tone = result.overall`];
  if (items > 1) extract.push(`${s}_labelled = result.labelled`);
  if (risks) extract.push(`${s}_risks = result.risks`, `${s}_opportunities = result.opportunities`);
  python(plan, SENTIMENT_CODE, { insights: ref(`${s}_insights`), titles: ref(`${s}_titles`), ticker: entity.param, count: String(Math.max(items, 1)) }, extract, [
    `${s}_top_sentiment in ['positive', 'negative', 'neutral']`,
  ]);
}

/** Excess return of target over benchmark for the session (needs quotes) and/or the window (needs trends). */
export function addExcessReturnStep(plan: PlanBuilder, target: EntityRef, benchmark: EntityRef, over: { today: boolean; period: boolean }): void {
  const key = `${target.slug}_vs_${benchmark.slug}`;
  const inputs = {
    a_today: over.today ? ref(`${target.slug}_change_pct`) : 'None',
    b_today: over.today ? ref(`${benchmark.slug}_change_pct`) : 'None',
    a_period: over.period ? ref(`${target.slug}_return_n`) : 'None',
    b_period: over.period ? ref(`${benchmark.slug}_return_n`) : 'None',
  };
  const extract: string[] = [];
  if (over.today) extract.push(`${key}_excess_today = result.excess_today`, `${key}_outperformed_today = result.outperformed_today`);
  if (over.period) extract.push(`${key}_excess_period = result.excess_period`, `${key}_outperformed_period = result.outperformed_period`);
  python(plan, EXCESS_RETURN_CODE, inputs, extract, [`${key}_excess_${over.today ? 'today' : 'period'} is not None`]);
}

export function addFactCheckStep(plan: PlanBuilder, entity: EntityRef): void {
  const s = entity.slug;
  const inputs = { quote_price: ref(`${s}_price`), quote_prev_close: ref(`${s}_prev_close`), polygon_close: ref(`${s}_session_close`) };
  python(plan, FACT_CHECK_CODE, inputs, [`${s}_sources_agree = result.sources_agree`, `${s}_rose = result.rose`, `${s}_source_gap = result.difference`], [
    `${s}_sources_agree is not None`,
  ]);
}

export function addIncomeAnalysisStep(
  plan: PlanBuilder, entities: EntityRef[], rankBy: IncomeRank = 'revenue-growth', yearOverYear = false, floor?: { margin: string; percent: number },
): void {
  const margin = rankBy === 'revenue-growth' ? undefined : rankBy.replaceAll('-', '_');
  const data = Object.fromEntries(
    entities.map((entity) => {
      const s = entity.slug;
      return [entity.symbol, {
        revenue: ref(`${s}_revenues`), net_income: ref(`${s}_net_incomes`), gross_profit: ref(`${s}_gross_profits`),
        operating_income: ref(`${s}_operating_incomes`), dates: ref(`${s}_statement_dates`),
        rnd: ref(`${s}_rnd_expenses`), eps_diluted: ref(`${s}_diluted_eps`),
      }];
    }),
  );
  const floorInputs = { floor: floor ? String(floor.percent) : 'None', floor_kind: floor?.margin ?? 'net_margin' };
  python(plan, INCOME_CODE, { data, ...floorInputs }, [
    ...(floor ? ['income_floor = result.floor', 'income_floor_kind = result.floor_kind', 'income_below_floor = result.below_floor'] : []),
    'income_margin_direction = result.direction',
    'income_periods = result.periods',
    'income_revenue_growth = result.revenue_growth',
    'income_net_income_growth = result.net_income_growth',
    'income_net_margin = result.net_margin',
    'income_gross_margin = result.gross_margin',
    'income_operating_margin = result.operating_margin',
    'income_net_income = result.net_income',
    'income_revenue = result.revenue',
    'income_growth_trend = result.growth_trend',
    'income_rnd = result.rnd',
    'income_eps_diluted = result.eps_diluted',
    ...(yearOverYear ? ['income_revenue_yoy = result.revenue_yoy'] : []),
    'income_improving = result.improving',
    ...(entities.length > 1 ? ['income_growth_ranking = result.revenue_growth_ranking'] : []),
    ...(entities.length > 1 && margin ? [`income_${margin}_ranking = result.${margin}_ranking`, `income_${margin}_values = result.latest_${margin}`] : []),
  ], [`len(income_net_margin) == ${entities.length}`]);
}

/** How far the price sits from its quote's moving averages, and how wide the day's range is against the previous close. */
export function addQuoteGapStep(plan: PlanBuilder, entity: EntityRef, averages: Array<50 | 200>, dayRange: boolean): void {
  const s = entity.slug;
  const inputs = {
    price: ref(`${s}_price`), prev_close: ref(`${s}_prev_close`),
    avg50: averages.includes(50) ? ref(`${s}_avg50`) : 'None', avg200: averages.includes(200) ? ref(`${s}_avg200`) : 'None',
    day_high: dayRange ? ref(`${s}_day_high`) : 'None', day_low: dayRange ? ref(`${s}_day_low`) : 'None',
  };
  const extract = [...averages.map((window) => `${s}_pct_vs_avg${window} = result.pct_vs_avg${window}`), ...(dayRange ? [`${s}_day_range_pct = result.day_range_pct`] : [])];
  python(plan, QUOTE_GAP_CODE, inputs, extract, extract.map((statement) => `${statement.split(' = ')[0]} is not None`));
}

/** How far the price sits below its 52-week high and above its 52-week low, in percent. */
export function addRangePositionStep(plan: PlanBuilder, entity: EntityRef): void {
  const s = entity.slug;
  python(plan, RANGE_POSITION_CODE, { price: ref(`${s}_price`), high: ref(`${s}_year_high`), low: ref(`${s}_year_low`) }, [
    `${s}_pct_below_high = result.pct_below_high`,
    `${s}_pct_above_low = result.pct_above_low`,
  ], [`${s}_pct_below_high >= 0`, `${s}_pct_above_low >= 0`]);
}
