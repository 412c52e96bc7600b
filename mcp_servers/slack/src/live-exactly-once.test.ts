import { forEpisode, ToolHub } from '@forge/tools';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from './__fixtures__/fake-slack-api.ts';
import { createSlackApiBackend, createSlackServer } from './index.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeSlack(): Promise<FakeSlackApi> {
  const fake = await startFakeSlackApi();
  cleanups.push(() => fake.close());
  return fake;
}

const backendOver = (fake: FakeSlackApi) => createSlackApiBackend({ token: 'xoxb-test', baseUrl: fake.baseUrl, timeoutMs: 5_000 });

describe('live Slack backend: exactly once through message metadata (issue 19 item 3)', () => {
  it('sends the key as metadata; after a lost reply it finds the post in history instead of posting again', async () => {
    const fake = await fakeSlack();
    fake.dropPostReplies(1);
    const backend = backendOver(fake);
    const posted = await backend.postMessage('#research', 'NVDA +2.40%', { episode: 'sample-A', step: 1, idempotencyKey: 'key-1' });
    const stored = fake.posts('C222');
    expect(stored).toHaveLength(1);
    expect(stored[0].metadata).toEqual({ event_type: 'forge_post', event_payload: { idempotency_key: 'key-1', episode: 'sample-A' } });
    expect(posted.message).toEqual({ ts: stored[0].ts, user: 'UBOT', text: 'NVDA +2.40%' });
    expect(fake.calls('chat.postMessage')).toBe(1);

    // A resumed run (a fresh process) finds the key in the channel's history: nothing is posted.
    const resumed = await backendOver(fake).postMessage('#research', 'NVDA +2.40%', { episode: 'sample-A', step: 1, idempotencyKey: 'key-1' });
    expect(resumed.message.ts).toBe(stored[0].ts);
    expect(fake.calls('chat.postMessage')).toBe(1);
    // Another key is another post; a post without a key is posted as before.
    await backend.postMessage('#research', 'NVDA +2.40%', { idempotencyKey: 'key-2' });
    await backend.postMessage('#research', 'no key');
    expect(fake.posts('C222')).toHaveLength(3);
  });

  it('gives up after its attempts when every reply is lost, and still never posts a key twice once history shows it', async () => {
    const fake = await fakeSlack();
    fake.dropPostReplies(1);
    const backend = createSlackApiBackend({ token: 'xoxb-test', baseUrl: fake.baseUrl, postAttempts: 1 });
    await expect(backend.postMessage('#research', 'x', { idempotencyKey: 'key-3' })).rejects.toThrow(/chat.postMessage/);
    expect(await backend.postMessage('#research', 'x', { idempotencyKey: 'key-3' })).toMatchObject({ message: { text: 'x' } });
    expect(fake.posts('C222')).toHaveLength(1);
  });

  it('over MCP: a sample posting, killed and resumed against a restarted server, posts once', async () => {
    const fake = await fakeSlack();
    const run = async () => {
      const hub = await ToolHub.inMemory([{ name: 'slack', server: () => createSlackServer(backendOver(fake)) }]);
      try {
        const caller = forEpisode(hub, 'sample-live');
        await caller.call('slack', 'list_slack_channels', {});
        return await caller.call('slack', 'send_slack_message', { channel: '#research', text: 'AAPL closed higher.' });
      } finally {
        await hub.close();
      }
    };
    const first = await run();
    const second = await run();
    expect(fake.posts('C222')).toHaveLength(1);
    expect(first.ok && second.ok && second.structuredContent.ts).toBe(first.ok && first.structuredContent.ts);
  });
});
