import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { FmpBackend } from '../fmp-backend.ts';

export const QuoteInputSchema = z.object({
  symbol: z.string().min(1).describe('Ticker symbol, e.g. AAPL'),
});

export const QuoteOutputSchema = z.object({
  symbol: z.string().describe('Ticker symbol'),
  name: z.string().describe('Company or fund name'),
  price: z.number().describe('Last price: the close of the latest session'),
  changesPercentage: z.number().describe('Change from the previous close in percent (1.23 means +1.23%)'),
  change: z.number().describe('price − previousClose, in USD'),
  dayLow: z.number().describe('Lowest price of the latest session'),
  dayHigh: z.number().describe('Highest price of the latest session'),
  yearHigh: z.number().describe('Highest price of the last 52 weeks'),
  yearLow: z.number().describe('Lowest price of the last 52 weeks'),
  marketCap: z.number().describe('Market capitalization in USD (price × sharesOutstanding)'),
  priceAvg50: z.number().describe('Mean close of the last 50 sessions'),
  priceAvg200: z.number().describe('Mean close of the last 200 sessions'),
  exchange: z.string().describe('Exchange short name, e.g. NASDAQ'),
  volume: z.number().describe('Shares traded in the latest session'),
  avgVolume: z.number().describe('Mean daily volume of the 50 sessions before the latest one'),
  open: z.number().describe('Opening price of the latest session'),
  previousClose: z.number().describe('Close of the session before the latest one'),
  eps: z.number().nullable().describe('Trailing twelve-month EPS in USD; null when not available (e.g. ETFs)'),
  pe: z.number().nullable().describe('price / eps; null when eps is missing or not positive'),
  sharesOutstanding: z.number().describe('Shares outstanding'),
  timestamp: z.number().describe('Quote time in Unix seconds'),
});
export type QuoteOutput = z.infer<typeof QuoteOutputSchema>;

/** Registers fmp_get_quote. */
export function registerGetQuote(server: McpServer, backend: FmpBackend): void {
  server.registerTool(
    'fmp_get_quote',
    {
      title: 'Stock quote',
      description: 'Latest quote for one ticker: price, change, day and 52-week range, volume vs average, market cap, EPS and P/E.',
      inputSchema: QuoteInputSchema,
      outputSchema: QuoteOutputSchema,
      annotations: { readOnlyHint: true },
    },
    async ({ symbol }) => {
      const quote = await backend.getQuote(symbol);
      const sign = quote.change >= 0 ? '+' : '';
      return {
        structuredContent: quote,
        content: [{ type: 'text', text: `${quote.symbol} ${quote.price} (${sign}${quote.change}, ${sign}${quote.changesPercentage}%)` }],
      };
    },
  );
}
