import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { FmpBackend } from '../fmp-backend.ts';

export const SearchInputSchema = z.object({
  query: z.string().min(1).describe('Ticker or company name words, e.g. "Broadcom"'),
  limit: z.number().int().min(1).max(50).default(5).describe('Maximum matches'),
});

export const SearchOutputSchema = z.object({
  query: z.string().describe('The query as given'),
  results: z
    .array(
      z.object({
        symbol: z.string().describe('Ticker symbol'),
        name: z.string().describe('Company or fund name'),
        currency: z.string().describe('Trading currency'),
        stockExchange: z.string().describe('Exchange full name'),
        exchangeShortName: z.string().describe('Exchange short name'),
      }),
    )
    .describe('Matches, best first: exact symbol, then name matches'),
});
export type SearchOutput = z.infer<typeof SearchOutputSchema>;

/** Registers fmp_search_ticker. */
export function registerSearchTicker(server: McpServer, backend: FmpBackend): void {
  server.registerTool(
    'fmp_search_ticker',
    {
      title: 'Find a ticker',
      description: 'Finds ticker symbols by symbol or company name (case-insensitive), best match first.',
      inputSchema: SearchInputSchema,
      outputSchema: SearchOutputSchema,
      annotations: { readOnlyHint: true },
    },
    async ({ query, limit }) => {
      const output = await backend.searchTicker(query, limit);
      const text = output.results.length > 0 ? `${output.results.map((match) => `${match.symbol} (${match.name})`).join(', ')}` : `no ticker matches "${query}"`;
      return { structuredContent: output, content: [{ type: 'text', text }] };
    },
  );
}
