import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerGetSlackChannelHistory } from './get-slack-channel-history.ts';
import { registerListSlackChannels } from './list-slack-channels.ts';
import { registerSendSlackMessage } from './send-slack-message.ts';
import type { SlackBackend } from './slack-backend.ts';

/** Builds the slack MCP server over a backend (local workspace or Slack Web API). */
export function createSlackServer(backend: SlackBackend): McpServer {
  const server = new McpServer({ name: 'slack', version: '0.1.0' });
  registerListSlackChannels(server, backend);
  registerSendSlackMessage(server, backend);
  registerGetSlackChannelHistory(server, backend);
  return server;
}
