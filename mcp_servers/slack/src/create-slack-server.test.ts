import { SEED_MESSAGES } from './seed-workspace.ts';
import { mkdtemp, readFile, rm, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { linkInMemory } from '@forge/mcp-host';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackServer, createWorkspaceBackend, workspaceFile } from './index.ts';

type CallResult = { isError?: boolean; structuredContent?: Record<string, any>; content: Array<{ text?: string }> };

let dataDir: string;
const clients: Client[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'slack-workspace-'));
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await rm(dataDir, { recursive: true, force: true });
});

/** A fresh server instance over the data dir, as after a restart. */
async function connect(now = () => Date.UTC(2026, 10, 25, 21, 30)): Promise<Client> {
  const client = await linkInMemory(createSlackServer(createWorkspaceBackend({ dataDir, now })), 'slack-test');
  clients.push(client);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallResult> {
  return (await client.callTool({ name, arguments: args })) as CallResult;
}

describe('slack server over the local workspace', () => {
  it('lists the four seeded channels', async () => {
    const client = await connect();
    const listed = await call(client, 'list_slack_channels');
    expect(listed.structuredContent?.results.map((channel: { name: string }) => channel.name)).toEqual(['general', 'research', 'markets', 'alerts']);
    expect(listed.structuredContent?.results[1]).toMatchObject({ id: 'C0RESEARCH', num_members: expect.any(Number), topic: expect.any(String) });
  });

  it('shows a posted message first in the history, by #name, name or id', async () => {
    const client = await connect();
    const posted = await call(client, 'send_slack_message', { channel: '#research', text: 'NVDA closed up 2.1%' });
    expect(posted.isError).toBeFalsy();
    expect(posted.structuredContent).toEqual({ ok: true, channel: '#research', channel_id: 'C0RESEARCH', ts: '1795642200.000000', text: 'NVDA closed up 2.1%' });
    await call(client, 'send_slack_message', { channel: 'C0RESEARCH', text: 'second' });

    const history = await call(client, 'get_slack_channel_history', { channel: 'research' });
    expect(history.structuredContent?.channel).toBe('#research');
    const texts = history.structuredContent?.results.map((message: { text: string }) => message.text);
    expect(texts.slice(0, 2)).toEqual(['second', 'NVDA closed up 2.1%']);
    // Same clock reading, still distinct and increasing timestamps.
    expect(history.structuredContent?.results[0].ts).toBe('1795642200.000001');
  });

  it('keeps posts across a restart and between two servers over one data dir', async () => {
    const first = await connect();
    await call(first, 'send_slack_message', { channel: 'alerts', text: 'TSLA down 6%' });
    const second = await connect();
    const seen = await call(second, 'get_slack_channel_history', { channel: '#alerts', limit: 1 });
    expect(seen.structuredContent?.results).toEqual([{ ts: expect.any(String), user: 'U0FORGEBOT', text: 'TSLA down 6%' }]);
    await call(second, 'send_slack_message', { channel: 'alerts', text: 'from the second server' });
    const back = await call(first, 'get_slack_channel_history', { channel: 'alerts', limit: 2 });
    expect(back.structuredContent?.results.map((message: { text: string }) => message.text)).toEqual(['from the second server', 'TSLA down 6%']);

    const lines = (await readFile(workspaceFile(dataDir), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toMatchObject({ type: 'message', channel_id: 'C0ALERTS', text: 'TSLA down 6%' });
  });

  it('skips a torn last line left by a crash', async () => {
    const client = await connect();
    await call(client, 'send_slack_message', { channel: 'markets', text: 'kept' });
    await appendFile(workspaceFile(dataDir), '{"type":"message","channel_id":"C0MAR');
    const history = await call(client, 'get_slack_channel_history', { channel: 'markets', limit: 5 });
    expect(history.isError).toBeFalsy();
    expect(history.structuredContent?.results[0].text).toBe('kept');
  });

  it('answers a seeded history, newest first, honouring the limit', async () => {
    const client = await connect();
    const fresh = await call(client, 'get_slack_channel_history', { channel: 'general' });
    expect(fresh.structuredContent?.results).toHaveLength(SEED_MESSAGES.filter((message) => message.channel_id === 'C0GENERAL').length);
    for (const text of ['a', 'b', 'c']) await call(client, 'send_slack_message', { channel: 'general', text });
    const limited = await call(client, 'get_slack_channel_history', { channel: 'general', limit: 2 });
    expect(limited.structuredContent?.results.map((message: { text: string }) => message.text)).toEqual(['c', 'b']);
  });

  it('names an unknown channel in an isError result and writes nothing', async () => {
    const client = await connect();
    const posted = await call(client, 'send_slack_message', { channel: '#random', text: 'hello' });
    expect(posted.isError).toBe(true);
    expect(posted.content[0].text).toContain('unknown channel #random');
    const history = await call(client, 'get_slack_channel_history', { channel: 'nowhere' });
    expect(history.isError).toBe(true);
    expect(history.content[0].text).toContain('nowhere');
    await expect(readFile(workspaceFile(dataDir), 'utf8')).rejects.toThrow();
  });
});
