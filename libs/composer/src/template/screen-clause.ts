import type { FactReader } from './fact-reader.ts';
import type { Style } from './focus.ts';

/** The group the screener returned, named from its rows: ETFs, one industry, one sector, or just "the screen". */
function groupLabel(facts: FactReader): string {
  const same = (key: string) => {
    const values = (facts.list(key) ?? []).filter((value): value is string => typeof value === 'string' && value !== '');
    return values.length > 0 && values.every((value) => value === values[0]) ? values[0] : undefined;
  };
  const flags = facts.list('screen_etf_flags') ?? [];
  if (flags.length > 0 && flags.every((flag) => flag === true)) return 'ETFs';
  const industry = same('screen_industries');
  if (industry) return `stocks in the ${industry} industry`;
  const sector = same('screen_sectors');
  return sector ? `stocks in the ${sector} sector` : 'stocks';
}

/**
 * "Screened stocks in the Semiconductors industry (largest market cap first): NVDA, AVGO, …", and, when the
 * answer's figures cover only the largest members, which ones.
 */
export function screenClause(facts: FactReader, style: Style, covered: string[]): string | undefined {
  const symbols = (facts.list('screen_symbols') ?? []).filter((symbol): symbol is string => typeof symbol === 'string');
  if (symbols.length === 0) return undefined;
  const label = groupLabel(facts);
  let clause = style === 'brief' ? `Screened ${label}: ${symbols.join(', ')}` : `Screened ${label} (largest market cap first): ${symbols.join(', ')}`;
  const shown = symbols.filter((symbol) => covered.includes(symbol));
  if (shown.length > 0 && shown.length < symbols.length) clause += `; the figures below cover the largest: ${shown.join(', ')}`;
  return clause;
}
