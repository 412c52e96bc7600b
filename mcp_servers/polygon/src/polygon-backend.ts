import type { AggsOutput, AggsRequest } from './tools/polygon-get-aggs.ts';
import type { MarketStatusOutput } from './tools/polygon-get-market-status.ts';
import type { NewsOutput, NewsRequest } from './tools/polygon-get-news.ts';
import type { PreviousCloseOutput } from './tools/polygon-get-previous-close.ts';
import type { TickerDetailsOutput } from './tools/polygon-get-ticker-details.ts';

/** Where the Polygon tools get their answers: the frozen snapshot or the live API, same shapes either way. */
export interface PolygonBackend {
  getAggs(request: AggsRequest): Promise<AggsOutput>;
  getNews(request: NewsRequest): Promise<NewsOutput>;
  getTickerDetails(ticker: string): Promise<TickerDetailsOutput>;
  getMarketStatus(): Promise<MarketStatusOutput>;
  getPreviousClose(ticker: string): Promise<PreviousCloseOutput>;
}
