import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { EPISODE_META_KEY, forEpisode, ToolHub, type ToolCallOptions, type ToolCaller, type ToolResult } from '@forge/tools';

/** A server whose one tool answers with the episode its request `_meta` named (null for none). */
function metaEchoServer(): McpServer {
  const server = new McpServer({ name: 'meta-echo', version: '0.0.0' });
  server.registerTool(
    'whose',
    { description: 'Returns the episode of the call.', inputSchema: {}, outputSchema: { episode: z.string().nullable() } },
    async (_args, extra) => {
      const episode = extra._meta?.[EPISODE_META_KEY];
      const structured = { episode: typeof episode === 'string' ? episode : null };
      return { structuredContent: structured, content: [{ type: 'text', text: JSON.stringify(structured) }] };
    },
  );
  return server;
}

const hubs: ToolHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

const episodeOf = (result: ToolResult) => (result.ok ? result.structuredContent.episode : result.error);

describe('episode ids on tool calls', () => {
  it('sends the episode as request _meta["forge/episode"], and nothing without one', async () => {
    const hub = await ToolHub.inMemory([{ name: 'echo', server: metaEchoServer }]);
    hubs.push(hub);
    expect(EPISODE_META_KEY).toBe('forge/episode');
    expect(episodeOf(await hub.call('echo', 'whose', {}, { episode: 'sample-1' }))).toBe('sample-1');
    expect(episodeOf(await hub.call('echo', 'whose', {}))).toBeNull();

    const scoped = forEpisode(hub, 'sample-2');
    expect(scoped.inventory()).toEqual(hub.inventory());
    expect(episodeOf(await scoped.call('echo', 'whose', {}))).toBe('sample-2');
    // A call naming its own episode keeps it.
    expect(episodeOf(await scoped.call('echo', 'whose', {}, { episode: 'explicit' }))).toBe('explicit');
  });

  it('passes the episode through to any ToolCaller, even one that ignores it', async () => {
    const seen: Array<ToolCallOptions | undefined> = [];
    const legacy: ToolCaller = {
      inventory: () => [],
      call: async (_server, _tool, _args, options) => {
        seen.push(options);
        return { ok: true, structuredContent: {}, text: '', latencyMs: 0 };
      },
    };
    await forEpisode(legacy, 'e').call('s', 't', {});
    expect(seen).toEqual([{ episode: 'e', step: 0 }]);
  });
});
