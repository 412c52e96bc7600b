import { money, percent, type FactReader } from './fact-reader.ts';
import type { Focus, Style } from './focus.ts';

const numbers = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is number => typeof item === 'number') : undefined);

/** Margins and growth per statement period for one symbol; optional lines only when asked or in full style. */
export function incomeClause(facts: FactReader, symbol: string, focus: Focus, style: Style = 'full'): string | undefined {
  const margins = numbers(facts.record('income_net_margin')?.[symbol]);
  if (!margins?.length) return undefined;
  const full = style === 'full';
  const periods = (facts.record('income_periods')?.[symbol] ?? []) as string[];
  const revenue = numbers(facts.record('income_revenue_growth')?.[symbol]);
  const income = full ? numbers(facts.record('income_net_income_growth')?.[symbol]) : undefined;
  const gross = full || focus.has('income_gross_margin') ? numbers(facts.record('income_gross_margin')?.[symbol]) : undefined;
  const operating = focus.has('income_operating_margin') ? numbers(facts.record('income_operating_margin')?.[symbol]) : undefined;
  const improving = facts.record('income_improving')?.[symbol];
  const label = (index: number) => periods[index] ?? `period ${index + 1}`;
  const series = (values: number[]) => values.map((value) => percent(value)).join(', ');
  const yoy = facts.record('income_revenue_yoy')?.[symbol];
  const parts: string[] = [];
  if (typeof yoy === 'number') parts.push(`${symbol} revenue in the latest quarter${periods[0] ? ` (${periods[0]})` : ''} grew ${percent(yoy)} year over year`);
  parts.push(`${typeof yoy === 'number' ? 'net margin' : `${symbol} net margin`} ${margins.map((margin, index) => (full ? `${percent(margin)} (${label(index)})` : percent(margin))).join(', ')}`);
  if (revenue?.length) parts.push(`revenue growth ${series(revenue)}${full ? ' (newest first)' : ''}`);
  if (income?.length) parts.push(`net income growth ${series(income)}`);
  // The direction of an asked-for margin, newest against oldest, as the python step judged it.
  const direction = (kind: string) => {
    const asked = focus.has(`income_${kind}`) && periods.length > 2;
    const way = asked ? (facts.record('income_margin_direction')?.[kind] as Record<string, unknown> | undefined)?.[symbol] : undefined;
    return typeof way === 'string' ? ` (trending ${way} from the oldest period to the newest)` : '';
  };
  if (operating?.length) parts.push(`operating margin ${series(operating)}${direction('operating_margin')}`);
  if (gross?.length) parts.push(`gross margin ${series(gross)}${direction('gross_margin')}`);
  const amounts = (key: string) => (focus.has(key) ? numbers(facts.record(key)?.[symbol]) : undefined);
  const dated = (values: number[], show: (value: number) => string) => values.map((value, index) => `${show(value)} (${label(index)})`).join(', ');
  const revenues = amounts('income_revenue');
  if (revenues?.length) parts.push(`revenue ${dated(revenues, money)}`);
  const pace = focus.has('income_growth_trend') ? facts.record('income_growth_trend')?.[symbol] : undefined;
  if (typeof pace === 'string' && revenue && revenue.length > 1) parts.push(`revenue growth is ${pace} (latest ${percent(revenue[0])} against ${percent(revenue[1])} the period before)`);
  const netIncome = amounts('income_net_income');
  if (netIncome?.length) parts.push(`net income ${dated(netIncome, money)}`);
  const rnd = amounts('income_rnd');
  if (rnd?.length) parts.push(`R&D expense ${dated(rnd, money)}`);
  const eps = amounts('income_eps_diluted');
  if (eps?.length) parts.push(`diluted EPS ${dated(eps, (value) => money(value))}`);
  const floor = focus.has('income_floor') ? facts.number('income_floor') : undefined;
  const below = floor !== undefined ? (facts.record('income_below_floor')?.[symbol] as string[] | undefined) : undefined;
  const kind = facts.text('income_floor_kind') ?? 'margin';
  if (floor !== undefined && below) parts.push(below.length ? `periods with ${kind} below ${percent(floor)}: ${below.join(', ')}` : `no period with ${kind} below ${percent(floor)}`);
  if (typeof improving === 'boolean') parts.push(improving ? 'profitability is improving' : 'profitability is not improving');
  return parts.join('; ');
}
