import { appendFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { linkInMemory } from '@forge/mcp-host';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackServer, createWorkspaceBackend, EPISODE_META_KEY, episodeFile, workspaceFile } from './index.ts';

type CallResult = { isError?: boolean; structuredContent?: Record<string, any>; content: Array<{ text?: string }> };

// as_of of the default snapshot is 2026-11-25T21:30:00Z = 1795642200 s.
const SNAPSHOT_DIR = fileURLToPath(new URL('../../../data/snapshot/synthetic-2026-11-25', import.meta.url));
import { SEED_MESSAGES } from './seed-workspace.ts';
// The seeded #research history, newest first.
const SEED_RESEARCH = SEED_MESSAGES.filter((message) => message.channel_id === 'C0RESEARCH').sort((a, b) => b.ts.localeCompare(a.ts)).map((message) => message.text);

const dirs: string[] = [];
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slack-episodes-'));
  dirs.push(dir);
  return dir;
}

/** A fresh server over a data dir, as after a restart; the wall clock is poisoned so any use of it shows. */
async function connect(dataDir: string, options: { snapshotDir?: string } = { snapshotDir: SNAPSHOT_DIR }): Promise<Client> {
  const backend = createWorkspaceBackend({ dataDir, snapshotDir: options.snapshotDir, now: () => 4_000_000_000_000 });
  const client = await linkInMemory(createSlackServer(backend), 'slack-episode-test');
  clients.push(client);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>, episode?: string): Promise<CallResult> {
  return (await client.callTool({ name, arguments: args, ...(episode === undefined ? {} : { _meta: { [EPISODE_META_KEY]: episode } }) })) as CallResult;
}

const post = (client: Client, text: string, episode?: string) => call(client, 'send_slack_message', { channel: '#research', text }, episode);
const read = async (client: Client, episode?: string): Promise<string[]> =>
  (await call(client, 'get_slack_channel_history', { channel: 'research', limit: 50 }, episode)).structuredContent?.results.map((message: { text: string }) => message.text);

describe('slack snapshot workspace, one world per episode', () => {
  it('shows each episode the seed plus its own posts only, newest first', async () => {
    const dataDir = await freshDataDir();
    const client = await connect(dataDir);
    expect((await post(client, 'from A', 'episode-a')).isError).toBeFalsy();
    expect((await post(client, 'from B', 'episode-b')).isError).toBeFalsy();
    await post(client, 'from A again', 'episode-a');

    expect(await read(client, 'episode-a')).toEqual(['from A again', 'from A', ...SEED_RESEARCH]);
    expect(await read(client, 'episode-b')).toEqual(['from B', ...SEED_RESEARCH]);
    expect(await read(client, 'episode-c')).toEqual(SEED_RESEARCH);
    // The shared (episode-less) workspace sees none of them, and its posts reach no episode.
    expect(await read(client)).toEqual(SEED_RESEARCH);
    await post(client, 'shared');
    expect(await read(client, 'episode-b')).toEqual(['from B', ...SEED_RESEARCH]);
  });

  it('dates episode posts by the snapshot clock: as_of + n µs, equal across fresh data dirs', async () => {
    const runs: string[][] = [];
    for (let run = 0; run < 2; run += 1) {
      const client = await connect(await freshDataDir());
      // Another episode posting in between changes nothing for this one.
      const first = await post(client, 'one', 'sample-key-1');
      await post(client, 'noise', `other-${run}`);
      const second = await post(client, 'two', 'sample-key-1');
      runs.push([first.structuredContent?.ts, second.structuredContent?.ts]);
    }
    expect(runs[0]).toEqual(['1795642200.000001', '1795642200.000002']);
    expect(runs[1]).toEqual(runs[0]);
  });

  it('persists an episode across a restart: the new server sees its posts and continues its sequence', async () => {
    const dataDir = await freshDataDir();
    await post(await connect(dataDir), 'before the kill', 'ep');
    const restarted = await connect(dataDir);
    expect(await read(restarted, 'ep')).toEqual(['before the kill', ...SEED_RESEARCH]);
    expect((await post(restarted, 'after resume', 'ep')).structuredContent?.ts).toBe('1795642200.000002');

    const lines = (await readFile(episodeFile(dataDir, 'ep'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.episode, line.text])).toEqual([['ep', 'before the kill'], ['ep', 'after resume']]);
    // One small file per episode; nothing in the shared workspace file.
    expect(await readdir(join(dataDir, 'slack', 'episodes'))).toHaveLength(1);
    await expect(readFile(workspaceFile(dataDir), 'utf8')).rejects.toThrow();
  });

  it('keeps an acknowledged post readable after a torn line, and never shows a line of another episode', async () => {
    const dataDir = await freshDataDir();
    const client = await connect(dataDir);
    await post(client, 'kept', 'ep');
    await appendFile(episodeFile(dataDir, 'ep'), '{"type":"message","episode":"ep","channel_id":"C0RES');
    await post(client, 'after the tear', 'ep');
    // A line naming another episode (a hash collision, a hand edit) is not this episode's.
    await appendFile(episodeFile(dataDir, 'ep'), `${JSON.stringify({ type: 'message', episode: 'intruder', channel_id: 'C0RESEARCH', ts: '1795642200.000009', user: 'U0X', text: 'not yours' })}\n`);
    expect(await read(client, 'ep')).toEqual(['after the tear', 'kept', ...SEED_RESEARCH]);
  });

  it('without an episode keeps the shared workspace: every server over the data dir sees the post', async () => {
    const dataDir = await freshDataDir();
    const first = await connect(dataDir);
    const posted = await post(first, 'for everyone');
    // Shared posts also run on the snapshot clock when the workspace has one (never the poisoned wall clock).
    expect(posted.structuredContent?.ts).toBe('1795642200.000000');
    const second = await connect(dataDir);
    expect(await read(second)).toEqual(['for everyone', ...SEED_RESEARCH]);
    expect(JSON.parse((await readFile(workspaceFile(dataDir), 'utf8')).trim())).not.toHaveProperty('episode');
  });

  it('refuses an episode post when the workspace has no snapshot clock, naming what to pass', async () => {
    const client = await connect(await freshDataDir(), {});
    const posted = await post(client, 'x', 'ep');
    expect(posted.isError).toBe(true);
    expect(posted.content[0].text).toContain('snapshotDir');
  });
});
