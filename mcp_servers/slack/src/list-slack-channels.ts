import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { SlackChannelSchema, type SlackBackend } from './slack-backend.ts';

export const ListSlackChannelsInputSchema = z.object({});
export const ListSlackChannelsOutputSchema = z.object({
  results: z.array(SlackChannelSchema).describe('channels of the workspace'),
});

/** Registers `list_slack_channels`. */
export function registerListSlackChannels(server: McpServer, backend: SlackBackend): void {
  server.registerTool(
    'list_slack_channels',
    {
      description: 'List the Slack channels of the workspace (id, name, topic, member count).',
      inputSchema: ListSlackChannelsInputSchema.shape,
      outputSchema: ListSlackChannelsOutputSchema.shape,
      annotations: { readOnlyHint: true },
    },
    async () => {
      const results = await backend.listChannels();
      return {
        structuredContent: { results },
        content: [{ type: 'text', text: `${results.length} channels: ${results.map((channel) => `#${channel.name}`).join(', ')}` }],
      };
    },
  );
}
