import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveHttp } from '@forge/mcp-host';
import { forEpisode, ToolHub, type ServerConfig } from '@forge/tools';
import { afterEach, describe, expect, it } from 'vitest';
import { startDropReplyProxy } from './__fixtures__/drop-reply-proxy.ts';
import { createSlackServer, createWorkspaceBackend, episodeFile } from './index.ts';

const AS_OF = '2026-11-25T21:30:00Z';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function slackConfig(url: string): ServerConfig {
  const port = Number(new URL(url).port);
  return {
    name: 'slack',
    url,
    transport: 'streamable-http',
    http: { command: 'node', args: [], port },
    stdio: { command: 'node', args: [] },
    expected_tools: ['list_slack_channels', 'send_slack_message'],
    probe: { tool: 'list_slack_channels', arguments: {} },
  };
}

async function postsOf(dataDir: string, episode: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(episodeFile(dataDir, episode), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** The snapshot Slack server over HTTP on a data dir, behind a proxy that drops the first reply to a post. */
async function setUp(drops: number) {
  const dataDir = await mkdtemp(join(tmpdir(), 'slack-once-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const backend = createWorkspaceBackend({ dataDir, asOf: AS_OF });
  const served = await serveHttp(() => createSlackServer(backend), { host: '127.0.0.1', port: 0 });
  cleanups.push(() => served.close());
  const proxy = await startDropReplyProxy(served.url, { tool: 'send_slack_message', drops });
  cleanups.push(() => proxy.close());
  const hub = await ToolHub.connect([slackConfig(proxy.url)], { baseDelayMs: 1, maxDelayMs: 1 });
  cleanups.push(() => hub.close());
  return { dataDir, proxy, hub };
}

const POST = { channel: '#research', text: 'NVDA closed at $181.36 (+2.40%).' };

describe('exactly-once posts (issue 19 item 3)', () => {
  it('does not retry a post whose reply was lost; the repeated plan gets the message the server posted', async () => {
    const { dataDir, proxy, hub } = await setUp(1);
    // The plan reads first (step 0), then posts (step 1).
    const first = forEpisode(hub, 'sample-A');
    expect((await first.call('slack', 'list_slack_channels', {})).ok).toBe(true);
    const lost = await first.call('slack', 'send_slack_message', POST);
    expect(lost).toMatchObject({ ok: false, kind: 'transport_error' });
    // The server did post; the hub sent it once (its old behaviour retried it twice more).
    expect(proxy.callsOf('send_slack_message')).toBe(1);
    expect(await postsOf(dataDir, 'sample-A')).toHaveLength(1);

    // The engine repeats the plan after a transport error: same episode, same steps, same key.
    const repeat = forEpisode(hub, 'sample-A');
    await repeat.call('slack', 'list_slack_channels', {});
    const acknowledged = await repeat.call('slack', 'send_slack_message', POST);
    const posts = await postsOf(dataDir, 'sample-A');
    expect(posts).toHaveLength(1);
    expect(acknowledged).toMatchObject({ ok: true, structuredContent: { ts: posts[0].ts, channel: '#research', text: POST.text } });
    expect(proxy.callsOf('send_slack_message')).toBe(2);

    // A third repeat is answered from the acknowledged result: nothing reaches the server.
    const third = forEpisode(hub, 'sample-A');
    await third.call('slack', 'list_slack_channels', {});
    expect(await third.call('slack', 'send_slack_message', POST)).toMatchObject({ ok: true, structuredContent: { ts: posts[0].ts } });
    expect(proxy.callsOf('send_slack_message')).toBe(2);
  });

  it('still retries a read-only tool after a transport error', async () => {
    const { proxy, hub } = await setUp(0);
    const dropping = await startDropReplyProxy(new URL(proxy.url).href, { tool: 'list_slack_channels', drops: 1 });
    cleanups.push(() => dropping.close());
    const readHub = await ToolHub.connect([slackConfig(dropping.url)], { baseDelayMs: 1, maxDelayMs: 1 });
    cleanups.push(() => readHub.close());
    expect((await readHub.call('slack', 'list_slack_channels', {})).ok).toBe(true);
    expect(dropping.callsOf('list_slack_channels')).toBe(2);
    void hub;
  });

  it('dedups by key across a restart (a resumed run): one post, the same ts; a read before the post does not see it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'slack-once-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const run = async () => {
      const hub = await ToolHub.inMemory([{ name: 'slack', server: () => createSlackServer(createWorkspaceBackend({ dataDir, asOf: AS_OF })) }]);
      try {
        const caller = forEpisode(hub, 'sample-B');
        const before = await caller.call('slack', 'get_slack_channel_history', { channel: '#research', limit: 50 });
        const posted = await caller.call('slack', 'send_slack_message', POST);
        return { before, posted };
      } finally {
        await hub.close();
      }
    };
    const killed = await run();
    const resumed = await run();
    expect(await postsOf(dataDir, 'sample-B')).toHaveLength(1);
    expect(resumed.posted).toEqual({ ...killed.posted, latencyMs: resumed.posted.latencyMs });
    // The resumed episode's read (step 0) sees what the first attempt's read saw, not the post of its step 1.
    expect(resumed.before.ok && resumed.before.structuredContent).toEqual(killed.before.ok && killed.before.structuredContent);
  });

  it('two different posts of one episode are two posts; the same text at another step is another post', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'slack-once-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const hub = await ToolHub.inMemory([{ name: 'slack', server: () => createSlackServer(createWorkspaceBackend({ dataDir, asOf: AS_OF })) }]);
    cleanups.push(() => hub.close());
    const caller = forEpisode(hub, 'sample-C');
    await caller.call('slack', 'send_slack_message', POST);
    await caller.call('slack', 'send_slack_message', POST);
    await caller.call('slack', 'send_slack_message', { ...POST, text: 'other' });
    expect((await postsOf(dataDir, 'sample-C')).map((post) => post.step)).toEqual([0, 1, 2]);
  });
});
