import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { FmpBackend } from '../fmp-backend.ts';

export const MoversInputSchema = z.object({
  limit: z.number().int().min(1).max(50).default(10).describe('Maximum rows'),
});

export const MoversOutputSchema = z.object({
  results: z
    .array(
      z.object({
        symbol: z.string().describe('Ticker symbol'),
        name: z.string().describe('Company or fund name'),
        change: z.number().describe('Price change in USD'),
        price: z.number().describe('Last price'),
        changesPercentage: z.number().describe('Change in percent (1.23 means +1.23%)'),
      }),
    )
    .describe('Ranked by changesPercentage: largest gains (gainers) or largest losses (losers) first'),
});
export type MoversOutput = z.infer<typeof MoversOutputSchema>;

/** Registers fmp_get_market_gainers and fmp_get_market_losers (one shape, two directions). */
export function registerGetMarketMovers(server: McpServer, backend: FmpBackend): void {
  for (const direction of ['gainers', 'losers'] as const) {
    server.registerTool(
      `fmp_get_market_${direction}`,
      {
        title: direction === 'gainers' ? 'Top gainers' : 'Top losers',
        description: `Stocks with the largest ${direction === 'gainers' ? 'percentage gains' : 'percentage losses'} in the latest session.`,
        inputSchema: MoversInputSchema,
        outputSchema: MoversOutputSchema,
        annotations: { readOnlyHint: true },
      },
      async ({ limit }) => {
        const output = await backend.getMarketMovers(direction, limit);
        const text = output.results.map((row) => `${row.symbol} ${row.changesPercentage >= 0 ? '+' : ''}${row.changesPercentage}%`).join(', ') || `no ${direction}`;
        return { structuredContent: output, content: [{ type: 'text', text }] };
      },
    );
  }
}
