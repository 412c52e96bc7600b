import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { scopeFromMeta } from './episode-meta.ts';
import { SlackMessageSchema, type SlackBackend } from './slack-backend.ts';

export const GetSlackChannelHistoryInputSchema = z.object({
  channel: z.string().min(1).describe("channel: '#research', 'research' or a channel id"),
  limit: z.number().int().min(1).max(200).default(10).describe('most recent messages to return (default 10)'),
});
export const GetSlackChannelHistoryOutputSchema = z.object({
  channel: z.string().describe("channel name with '#'"),
  channel_id: z.string().describe('channel id'),
  results: z.array(SlackMessageSchema).describe('messages, newest first'),
});

/** Registers `get_slack_channel_history`; an unknown channel is an isError result naming it. */
export function registerGetSlackChannelHistory(server: McpServer, backend: SlackBackend): void {
  server.registerTool(
    'get_slack_channel_history',
    {
      description: 'Read the most recent messages of a Slack channel, newest first.',
      inputSchema: GetSlackChannelHistoryInputSchema.shape,
      outputSchema: GetSlackChannelHistoryOutputSchema.shape,
      annotations: { readOnlyHint: true },
    },
    async ({ channel, limit }, extra) => {
      const history = await backend.history(channel, limit, scopeFromMeta(extra._meta));
      const structured = { channel: `#${history.channel.name}`, channel_id: history.channel.id, results: history.messages };
      return {
        structuredContent: structured,
        content: [{ type: 'text', text: `${structured.results.length} messages from ${structured.channel}` }],
      };
    },
  );
}
