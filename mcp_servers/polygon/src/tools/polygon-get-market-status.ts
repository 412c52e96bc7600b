import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { PolygonBackend } from '../polygon-backend.ts';

const StateSchema = z.enum(['open', 'closed', 'extended-hours']);

export const MarketStatusInputSchema = z.object({});

export const MarketStatusOutputSchema = z.object({
  market: StateSchema.describe('US equity market state now'),
  serverTime: z.string().describe('Now, ISO 8601 with the New York offset'),
  exchanges: z
    .object({ nyse: StateSchema.describe('NYSE state'), nasdaq: StateSchema.describe('Nasdaq state'), otc: StateSchema.describe('OTC state') })
    .describe('Per-exchange state'),
  earlyHours: z.boolean().describe('True during pre-market (04:00–09:30 ET)'),
  afterHours: z.boolean().describe('True during after-hours trading'),
  next_open: z.string().describe('Next regular-session open, ISO 8601 with offset'),
  next_close: z.string().describe('Next regular-session close (early closes included), ISO 8601 with offset'),
  is_holiday_today: z.boolean().describe('True when today is an exchange holiday'),
  holiday_name: z.string().optional().describe('Name of today’s holiday, when there is one'),
});
export type MarketStatusOutput = z.infer<typeof MarketStatusOutputSchema>;

/** Registers polygon_get_market_status. */
export function registerGetMarketStatus(server: McpServer, backend: PolygonBackend): void {
  server.registerTool(
    'polygon_get_market_status',
    {
      title: 'Market status',
      description: 'Whether the US stock market is open now, and when it next opens and closes (holidays and early closes included).',
      inputSchema: MarketStatusInputSchema,
      outputSchema: MarketStatusOutputSchema,
      annotations: { readOnlyHint: true },
    },
    async () => {
      const status = await backend.getMarketStatus();
      return {
        structuredContent: status,
        content: [{ type: 'text', text: `market ${status.market} at ${status.serverTime}; next open ${status.next_open}, next close ${status.next_close}` }],
      };
    },
  );
}
