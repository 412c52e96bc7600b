import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { PolygonBackend } from '../polygon-backend.ts';
import { AggregateBarSchema } from './aggregate-bar-schema.ts';

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const AggsInputSchema = z
  .object({
    ticker: z.string().min(1).describe('Ticker symbol, e.g. AAPL'),
    from: DateSchema.describe('First date, YYYY-MM-DD (inclusive)'),
    to: DateSchema.describe('Last date, YYYY-MM-DD (inclusive)'),
    timespan: z.enum(['day', 'hour', 'minute']).default('day').describe('Bar size unit'),
    multiplier: z.number().int().min(1).max(1000).default(1).describe('Units per bar, e.g. 5 with minute = 5-minute bars'),
    limit: z.number().int().min(1).max(50000).default(5000).describe('Maximum bars returned'),
    sort: z.enum(['asc', 'desc']).default('asc').describe('asc = oldest first, desc = newest first'),
  });
export type AggsRequest = z.infer<typeof AggsInputSchema>;

export const AggsOutputSchema = z.object({
  ticker: z.string().describe('Ticker symbol'),
  adjusted: z.boolean().describe('Prices adjusted for splits'),
  status: z.string().describe('OK when the query succeeded'),
  queryCount: z.number().describe('Base bars the query covered'),
  resultsCount: z.number().describe('Bars returned'),
  results: z.array(AggregateBarSchema).describe('Bars in the requested order (asc: oldest → newest)'),
});
export type AggsOutput = z.infer<typeof AggsOutputSchema>;

/** Registers polygon_get_aggs. */
export function registerGetAggs(server: McpServer, backend: PolygonBackend): void {
  server.registerTool(
    'polygon_get_aggs',
    {
      title: 'Price bars (aggregates)',
      description: 'OHLCV bars for a ticker between two dates (daily, hourly or minute bars); only sessions up to the current session.',
      inputSchema: AggsInputSchema,
      outputSchema: AggsOutputSchema,
      annotations: { readOnlyHint: true },
    },
    async (request) => {
      if (request.from > request.to) throw new Error(`from ${request.from} is after to ${request.to}`);
      const output = await backend.getAggs(request);
      const last = output.results.at(request.sort === 'asc' ? -1 : 0);
      const text = last
        ? `${output.ticker}: ${output.resultsCount} ${request.multiplier}-${request.timespan} bars, latest close ${last.c}`
        : `${output.ticker}: no bars between ${request.from} and ${request.to}`;
      return { structuredContent: output, content: [{ type: 'text', text }] };
    },
  );
}
