import { percent, type FactReader } from './fact-reader.ts';
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
  if (operating?.length) parts.push(`operating margin ${series(operating)}`);
  if (gross?.length) parts.push(`gross margin ${series(gross)}`);
  if (typeof improving === 'boolean') parts.push(improving ? 'profitability is improving' : 'profitability is not improving');
  return parts.join('; ');
}
