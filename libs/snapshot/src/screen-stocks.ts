import type { Profile } from './profile.ts';
import { quoteFor } from './quote-for.ts';
import type { Snapshot } from './snapshot.ts';
import { words } from './tokenize.ts';

/** What to screen the universe for; every given field must match. */
export interface StockScreen {
  /** Words of a sector ("tech", "energy"); matched against the profile's sector words. */
  sector?: string;
  /** Words of an industry ("semiconductor", "banks"); matched against the profile's industry words. */
  industry?: string;
  /** An exchange short name (NASDAQ, NYSE, AMEX), case-insensitive. */
  exchange?: string;
  isEtf?: boolean;
  limit: number;
}

/** One screened stock, FMP stock-screener shaped. */
export interface ScreenedStock {
  symbol: string;
  companyName: string;
  sector: string;
  industry: string;
  exchange: string;
  price: number;
  marketCap: number;
  isEtf: boolean;
}

/** A query word without a plural "s" ("semis" → "semi", "banks" → "bank"), so it prefixes the singular and plural. */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/**
 * True when every word of `query` (plural "s" dropped) starts some word of `label`, case-insensitively:
 * "semiconductor" matches "Semiconductors", "banks" matches "Banks - Diversified", "tech" matches "Technology".
 * An empty query (no words) matches nothing.
 */
export function matchesLabel(label: string, query: string): boolean {
  const queryWords = words(query).map(stem);
  if (queryWords.length === 0) return false;
  const labelWords = words(label);
  return queryWords.every((queryWord) => labelWords.some((labelWord) => labelWord.startsWith(queryWord)));
}

function matches(profile: Profile, screen: StockScreen): boolean {
  if (screen.sector !== undefined && !matchesLabel(profile.sector, screen.sector)) return false;
  if (screen.industry !== undefined && !matchesLabel(profile.industry, screen.industry)) return false;
  if (screen.exchange !== undefined && profile.exchangeShortName.toUpperCase() !== screen.exchange.trim().toUpperCase()) return false;
  if (screen.isEtf !== undefined && profile.isEtf !== screen.isEtf) return false;
  return true;
}

/** The universe's stocks matching every given filter at the as_of session, largest market cap first (ties by symbol). */
export function screenStocks(snapshot: Snapshot, screen: StockScreen): ScreenedStock[] {
  const rows = [...snapshot.profiles.values()]
    .filter((profile) => matches(profile, screen))
    .map((profile): ScreenedStock => {
      const quote = quoteFor(snapshot, profile.symbol);
      return {
        symbol: profile.symbol,
        companyName: profile.name,
        sector: profile.sector,
        industry: profile.industry,
        exchange: profile.exchangeShortName,
        price: quote.price,
        marketCap: quote.marketCap,
        isEtf: profile.isEtf,
      };
    });
  rows.sort((left, right) => right.marketCap - left.marketCap || left.symbol.localeCompare(right.symbol));
  return rows.slice(0, screen.limit);
}
