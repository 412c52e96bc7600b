import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { PolygonBackend } from '../polygon-backend.ts';
import { AggregateBarSchema } from './aggregate-bar-schema.ts';

export const PreviousCloseInputSchema = z.object({
  ticker: z.string().min(1).describe('Ticker symbol'),
});

export const PreviousCloseOutputSchema = AggregateBarSchema.extend({
  ticker: z.string().describe('Ticker symbol'),
});
export type PreviousCloseOutput = z.infer<typeof PreviousCloseOutputSchema>;

/** Registers polygon_get_previous_close. */
export function registerGetPreviousClose(server: McpServer, backend: PolygonBackend): void {
  server.registerTool(
    'polygon_get_previous_close',
    {
      title: 'Latest daily bar',
      description: 'The most recent completed daily bar of a ticker (open, high, low, close, volume).',
      inputSchema: PreviousCloseInputSchema,
      outputSchema: PreviousCloseOutputSchema,
      annotations: { readOnlyHint: true },
    },
    async ({ ticker }) => {
      const bar = await backend.getPreviousClose(ticker);
      return { structuredContent: bar, content: [{ type: 'text', text: `${bar.ticker}: close ${bar.c} (open ${bar.o}, high ${bar.h}, low ${bar.l}, volume ${bar.v})` }] };
    },
  );
}
