import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { FmpBackend } from '../fmp-backend.ts';

export const ScreenerInputSchema = z.object({
  sector: z.string().min(1).optional().describe('Sector words, case-insensitive, each a word prefix (plural "s" ignored): "tech" → Technology, "energy" → Energy'),
  industry: z.string().min(1).optional().describe('Industry words, same matching: "semiconductor" → Semiconductors, "banks" → Banks - Diversified'),
  exchange: z.string().min(1).optional().describe('Exchange short name: NASDAQ, NYSE or AMEX'),
  isEtf: z.boolean().optional().describe('true for ETFs only, false for companies only; omit for both'),
  limit: z.number().int().min(1).max(100).default(20).describe('Maximum rows'),
});
export type ScreenerRequest = z.infer<typeof ScreenerInputSchema>;

export const ScreenerOutputSchema = z.object({
  results: z
    .array(
      z.object({
        symbol: z.string().describe('Ticker symbol'),
        companyName: z.string().describe('Company or fund name'),
        sector: z.string().describe('Sector, e.g. Technology'),
        industry: z.string().describe('Industry, e.g. Semiconductors'),
        exchange: z.string().describe('Exchange short name'),
        price: z.number().describe('Last price'),
        marketCap: z.number().describe('Market capitalisation in USD'),
        isEtf: z.boolean().describe('Whether it is an ETF'),
      }),
    )
    .describe('Stocks matching every given filter, largest market cap first'),
});
export type ScreenerOutput = z.infer<typeof ScreenerOutputSchema>;

/** Registers fmp_stock_screener. */
export function registerStockScreener(server: McpServer, backend: FmpBackend): void {
  server.registerTool(
    'fmp_stock_screener',
    {
      title: 'Screen stocks',
      description: 'Lists the stocks of a sector, industry or exchange (optionally only ETFs or only companies), largest market cap first.',
      inputSchema: ScreenerInputSchema,
      outputSchema: ScreenerOutputSchema,
      annotations: { readOnlyHint: true },
    },
    async (request) => {
      const output = await backend.screenStocks(request);
      const text = output.results.map((row) => `${row.symbol} (${row.companyName}, ${row.industry})`).join(', ') || 'no stocks match the screen';
      return { structuredContent: output, content: [{ type: 'text', text }] };
    },
  );
}
