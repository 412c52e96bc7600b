import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** A tiny server with one echo tool, for transport tests. */
export function createEchoServer(label = 'echo'): McpServer {
  const server = new McpServer({ name: label, version: '0.0.0' });
  server.registerTool(
    'echo',
    {
      description: 'Returns its text.',
      inputSchema: { text: z.string().describe('what to echo') },
      outputSchema: { text: z.string().describe('the same text'), server: z.string().describe('who answered') },
    },
    async ({ text }) => ({ structuredContent: { text, server: label }, content: [{ type: 'text', text }] }),
  );
  return server;
}
