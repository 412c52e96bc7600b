import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerLink } from './server-link.ts';

// The link compiles each tool's output-schema validator on the tool's first result, not when it lists the tools:
// a result that breaks its schema must still be refused, on the first call and on later ones.
function serverReturning(results: Record<string, unknown>): McpServer {
  const mcp = new McpServer({ name: 'shapes', version: '1.0.0' });
  mcp.server.registerCapabilities({ tools: {} });
  const outputSchema = { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] } as const;
  mcp.server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: Object.keys(results).map((name) => ({ name, inputSchema: { type: 'object' as const }, outputSchema })),
  }));
  mcp.server.setRequestHandler(CallToolRequestSchema, (request) => ({
    content: [{ type: 'text' as const, text: JSON.stringify(results[request.params.name]) }],
    structuredContent: results[request.params.name] as Record<string, unknown>,
  }));
  return mcp;
}

const links: ServerLink[] = [];
afterEach(async () => {
  await Promise.all(links.splice(0).map((link) => link.close()));
});

describe('ServerLink output schemas', () => {
  it('refuses a structured result that breaks its tool\'s output schema, and accepts one that keeps it', async () => {
    const link = new ServerLink({ name: 'shapes', target: { kind: 'memory', server: () => serverReturning({ good: { n: 1 }, bad: { n: 'one' } }) }, connectTimeoutMs: 5_000, clientName: 'test' });
    links.push(link);
    expect((await link.refreshTools()).map((spec) => spec.tool)).toEqual(['bad', 'good']);
    const client = await link.client();
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(client.callTool({ name: 'bad', arguments: {} })).rejects.toThrow(/does not match the tool's output schema/);
      expect((await client.callTool({ name: 'good', arguments: {} })).structuredContent).toEqual({ n: 1 });
    }
  });
});
