import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { PolygonBackend } from '../polygon-backend.ts';

export const TickerDetailsInputSchema = z.object({
  ticker: z.string().min(1).describe('Ticker symbol'),
});

export const TickerDetailsOutputSchema = z.object({
  ticker: z.string().describe('Ticker symbol'),
  name: z.string().describe('Company or fund name'),
  market: z.string().describe('Market, e.g. stocks'),
  locale: z.string().describe('Locale, e.g. us'),
  primary_exchange: z.string().describe('Primary exchange MIC, e.g. XNAS, XNYS, ARCX'),
  type: z.string().describe('CS for common stock, ETF for funds'),
  active: z.boolean().describe('Currently traded'),
  currency_name: z.string().describe('Trading currency'),
  market_cap: z.number().nullable().describe('Market capitalization in USD'),
  description: z.string().describe('What the company does'),
  homepage_url: z.string().describe('Website'),
  total_employees: z.number().nullable().describe('Employees; null for funds'),
  list_date: z.string().describe('Listing date YYYY-MM-DD'),
  sic_description: z.string().nullable().describe('SIC industry description; null for funds'),
  share_class_shares_outstanding: z.number().nullable().describe('Shares outstanding of this share class'),
});
export type TickerDetailsOutput = z.infer<typeof TickerDetailsOutputSchema>;

/** Registers polygon_get_ticker_details. */
export function registerGetTickerDetails(server: McpServer, backend: PolygonBackend): void {
  server.registerTool(
    'polygon_get_ticker_details',
    {
      title: 'Ticker details',
      description: 'Reference data for a ticker: name, exchange, type, market cap, description, website, employees, listing date.',
      inputSchema: TickerDetailsInputSchema,
      outputSchema: TickerDetailsOutputSchema,
      annotations: { readOnlyHint: true },
    },
    async ({ ticker }) => {
      const details = await backend.getTickerDetails(ticker);
      return { structuredContent: details, content: [{ type: 'text', text: `${details.ticker}: ${details.name} (${details.primary_exchange}, ${details.type})` }] };
    },
  );
}
