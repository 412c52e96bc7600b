import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { scopeFromMeta } from './episode-meta.ts';
import type { SlackBackend } from './slack-backend.ts';

export const SendSlackMessageInputSchema = z.object({
  channel: z.string().min(1).describe("target channel: '#research', 'research' or a channel id"),
  text: z.string().min(1).max(40_000).describe('message text (Slack mrkdwn)'),
});
export const SendSlackMessageOutputSchema = z.object({
  ok: z.literal(true).describe('always true; failures are isError results'),
  channel: z.string().describe("channel name with '#', e.g. #research"),
  channel_id: z.string().describe('channel id'),
  ts: z.string().describe('timestamp of the posted message'),
  text: z.string().describe('the text as posted'),
});

/** Registers `send_slack_message`; an unknown channel is an isError result naming it. */
export function registerSendSlackMessage(server: McpServer, backend: SlackBackend): void {
  server.registerTool(
    'send_slack_message',
    {
      description: 'Post a message to a Slack channel and return its timestamp.',
      inputSchema: SendSlackMessageInputSchema.shape,
      outputSchema: SendSlackMessageOutputSchema.shape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    },
    async ({ channel, text }, extra) => {
      const posted = await backend.postMessage(channel, text, scopeFromMeta(extra._meta));
      const structured = { ok: true as const, channel: `#${posted.channel.name}`, channel_id: posted.channel.id, ts: posted.message.ts, text: posted.message.text };
      return {
        structuredContent: structured,
        content: [{ type: 'text', text: `posted to ${structured.channel} at ${structured.ts}` }],
      };
    },
  );
}
