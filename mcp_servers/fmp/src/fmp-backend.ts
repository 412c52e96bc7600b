import type { ProfileOutput } from './tools/fmp-get-company-profile.ts';
import type { IncomeOutput, IncomeRequest } from './tools/fmp-get-income-statement.ts';
import type { MoversOutput } from './tools/fmp-get-market-movers.ts';
import type { QuoteOutput } from './tools/fmp-get-quote.ts';
import type { SearchOutput } from './tools/fmp-search-ticker.ts';
import type { ScreenerOutput, ScreenerRequest } from './tools/fmp-stock-screener.ts';

/** Where the FMP tools get their answers: the frozen snapshot or the live API, same shapes either way. */
export interface FmpBackend {
  getQuote(symbol: string): Promise<QuoteOutput>;
  getCompanyProfile(symbol: string): Promise<ProfileOutput>;
  getIncomeStatement(request: IncomeRequest): Promise<IncomeOutput>;
  searchTicker(query: string, limit: number): Promise<SearchOutput>;
  getMarketMovers(direction: 'gainers' | 'losers', limit: number): Promise<MoversOutput>;
  screenStocks(request: ScreenerRequest): Promise<ScreenerOutput>;
}
