import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** Shared by every session of a test server, so a test can see what the tools saw. */
export interface TestServerState {
  calls: Record<string, number>;
  inFlight: number;
  maxInFlight: number;
  /** Resolves blocked `gate` and `hang` calls. */
  release: () => void;
  released: Promise<void>;
}

export function createTestServerState(): TestServerState {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { calls: {}, inFlight: 0, maxInFlight: 0, release, released };
}

/** A tiny MCP server: echo, fail (isError), hang (for timeouts), gate (for concurrency), text_only (no structure). */
export function createTestServer(label = 'test', state: TestServerState = createTestServerState()): McpServer {
  const server = new McpServer({ name: label, version: '0.0.0' });
  const count = (tool: string) => {
    state.calls[tool] = (state.calls[tool] ?? 0) + 1;
  };
  server.registerTool(
    'echo',
    {
      description: 'Returns its text.',
      inputSchema: { text: z.string().describe('what to echo') },
      outputSchema: { text: z.string().describe('the same text'), server: z.string().describe('who answered') },
    },
    async ({ text }) => {
      count('echo');
      return { structuredContent: { text, server: label }, content: [{ type: 'text', text }] };
    },
  );
  server.registerTool(
    'fail',
    { description: 'Always fails.', inputSchema: {}, outputSchema: { never: z.string().describe('unused') } },
    async () => {
      count('fail');
      throw new Error('unknown symbol XYZQ in snapshot test');
    },
  );
  server.registerTool(
    'hang',
    { description: 'Waits until released.', inputSchema: {}, outputSchema: { done: z.boolean().describe('true') } },
    async () => {
      count('hang');
      await state.released;
      return { structuredContent: { done: true }, content: [{ type: 'text', text: 'done' }] };
    },
  );
  server.registerTool(
    'gate',
    { description: 'Counts concurrent calls, waits until released.', inputSchema: {}, outputSchema: { seen: z.number().describe('in flight') } },
    async () => {
      count('gate');
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      const seen = state.inFlight;
      await state.released;
      state.inFlight -= 1;
      return { structuredContent: { seen }, content: [{ type: 'text', text: String(seen) }] };
    },
  );
  server.registerTool('text_only', { description: 'No structured content.', inputSchema: {} }, async () => {
    count('text_only');
    return { content: [{ type: 'text', text: 'just text' }] };
  });
  return server;
}
