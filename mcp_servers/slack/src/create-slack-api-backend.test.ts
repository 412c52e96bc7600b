import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { linkInMemory } from '@forge/mcp-host';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackApiBackend, createSlackServer, SlackApiError } from './index.ts';

type Recorded = { method: string; authorization?: string; body: Record<string, unknown> };
type Script = (method: string, body: Record<string, unknown>) => Record<string, unknown>;

// A fake Slack Web API on 127.0.0.1:0: answers from a script and records every request.
let upstream: Server;
let baseUrl = '';
let recorded: Recorded[] = [];
let script: Script;

const CHANNELS = [
  { id: 'C111', name: 'general', topic: { value: 'all hands' }, num_members: 5 },
  { id: 'C222', name: 'research', topic: { value: 'notes' }, num_members: 3 },
];

const defaultScript: Script = (method, body) => {
  if (method === 'conversations.list') return { ok: true, channels: CHANNELS };
  if (method === 'chat.postMessage') return { ok: true, channel: body.channel, ts: '1764106200.000100', message: { user: 'UBOT', text: body.text } };
  if (method === 'conversations.history') return { ok: true, messages: [{ ts: '2.0', user: 'U1', text: 'newer' }, { ts: '1.0', bot_id: 'B1', text: 'older' }] };
  return { ok: false, error: 'unknown_method' };
};

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

beforeAll(async () => {
  upstream = createServer(async (request, response) => {
    const method = (request.url ?? '').replace(/^\/api\//, '');
    const body = await readBody(request);
    recorded.push({ method, authorization: request.headers.authorization, body });
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(script(method, body)));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}/api`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});
beforeEach(() => {
  recorded = [];
  script = defaultScript;
});

async function connect(): Promise<Client> {
  return linkInMemory(createSlackServer(createSlackApiBackend({ token: 'xoxb-test', baseUrl })), 'slack-live-test');
}

describe('slack server over the Slack Web API', () => {
  it('lists channels with the bot token', async () => {
    const client = await connect();
    const listed = (await client.callTool({ name: 'list_slack_channels', arguments: {} })) as { structuredContent: Record<string, unknown> };
    expect(listed.structuredContent.results).toEqual([
      { id: 'C111', name: 'general', topic: 'all hands', num_members: 5 },
      { id: 'C222', name: 'research', topic: 'notes', num_members: 3 },
    ]);
    expect(recorded[0]).toMatchObject({ method: 'conversations.list', authorization: 'Bearer xoxb-test' });
    await client.close();
  });

  it('posts to the channel id resolved from its name and reads history', async () => {
    const client = await connect();
    const posted = (await client.callTool({ name: 'send_slack_message', arguments: { channel: '#research', text: 'hi' } })) as { structuredContent: Record<string, unknown> };
    expect(posted.structuredContent).toEqual({ ok: true, channel: '#research', channel_id: 'C222', ts: '1764106200.000100', text: 'hi' });
    expect(recorded.find((request) => request.method === 'chat.postMessage')?.body).toEqual({ channel: 'C222', text: 'hi' });

    const history = (await client.callTool({ name: 'get_slack_channel_history', arguments: { channel: 'C222', limit: 5 } })) as { structuredContent: Record<string, unknown> };
    expect(history.structuredContent).toEqual({
      channel: '#research',
      channel_id: 'C222',
      results: [{ ts: '2.0', user: 'U1', text: 'newer' }, { ts: '1.0', user: 'B1', text: 'older' }],
    });
    expect(recorded.find((request) => request.method === 'conversations.history')?.body).toEqual({ channel: 'C222', limit: 5 });
    await client.close();
  });

  it('names an unknown channel without posting', async () => {
    const client = await connect();
    const posted = (await client.callTool({ name: 'send_slack_message', arguments: { channel: '#random', text: 'x' } })) as { isError?: boolean; content: Array<{ text: string }> };
    expect(posted.isError).toBe(true);
    expect(posted.content[0].text).toContain('unknown channel #random');
    expect(recorded.map((request) => request.method)).toEqual(['conversations.list']);
    await client.close();
  });

  it('marks a rate-limited call as retryable and a bad token as not', async () => {
    const backend = createSlackApiBackend({ token: 'xoxb-test', baseUrl });
    script = () => ({ ok: false, error: 'ratelimited' });
    await expect(backend.listChannels()).rejects.toMatchObject({ isRetryable: true, slackError: 'ratelimited' });
    script = () => ({ ok: false, error: 'invalid_auth' });
    const failure = await backend.listChannels().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SlackApiError);
    expect(failure).toMatchObject({ isRetryable: false, method: 'conversations.list' });
  });
});
