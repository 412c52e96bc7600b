import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlan, type Plan } from '@forge/plan';
import { forEpisode, ToolHub } from '@forge/tools';
import { createToolWorld, type ToolWorld } from '@forge/tool-world';

const SNAPSHOT = 'data/snapshot/synthetic-2026-11-25';
import { SEED_MESSAGES } from '../../../mcp_servers/slack/src/seed-workspace.ts';
// The seeded #research history, newest first.
const SEED_RESEARCH = SEED_MESSAGES.filter((message) => message.channel_id === 'C0RESEARCH').sort((a, b) => b.ts.localeCompare(a.ts)).map((message) => message.text);

const opened: Array<{ world: ToolWorld; hub: ToolHub; dataDir: string }> = [];
afterAll(async () => {
  for (const { world, hub, dataDir } of opened.splice(0)) {
    await hub.close();
    await world.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function openWorld(): Promise<ToolHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tool-world-episodes-'));
  const world = await createToolWorld({ snapshotDir: SNAPSHOT, dataDir });
  const hub = await ToolHub.inMemory(world.servers);
  opened.push({ world, hub, dataDir });
  return hub;
}

/** Post a note to #research, then read the channel back: what a "post and confirm" sample does. */
function postThenRead(text: string): Pick<Plan, 'tool_sequence'> {
  const none = { compute: [], select: [] };
  return {
    tool_sequence: [
      { step: 1, server: 'slack', tool: 'send_slack_message', params: { channel: '#research', text }, analysis_requirements: { extract: ['posted_ts = ts'], accept_if: [], ...none } },
      { step: 2, server: 'slack', tool: 'get_slack_channel_history', params: { channel: '#research', limit: 20 }, analysis_requirements: { extract: ['texts = results[][text]', 'stamps = results[][ts]'], accept_if: [], ...none } },
    ],
  };
}

describe('tool world: one episode, one world', () => {
  it('keeps two samples of one run apart, even in flight together, and dates posts by the snapshot clock', async () => {
    const hub = await openWorld();
    const [a, b] = await Promise.all([
      runPlan(postThenRead('note from sample A'), forEpisode(hub, 'sample-A')),
      runPlan(postThenRead('note from sample B'), forEpisode(hub, 'sample-B')),
    ]);
    expect(a.all_accepted && b.all_accepted).toBe(true);
    expect(a.state.texts).toEqual(['note from sample A', ...SEED_RESEARCH]);
    expect(b.state.texts).toEqual(['note from sample B', ...SEED_RESEARCH]);
    expect(a.state.posted_ts).toBe('1795642200.000001');
    expect(b.state.posted_ts).toBe('1795642200.000001');

    // A later sample in the same run starts from the seed again.
    const c = await runPlan(postThenRead('note from sample C'), forEpisode(hub, 'sample-C'));
    expect(c.state.texts).toEqual(['note from sample C', ...SEED_RESEARCH]);
  });

  it('gives a clean world the same trace for the same episode', async () => {
    const first = await runPlan(postThenRead('same note'), forEpisode(await openWorld(), 'sample-X'));
    const second = await runPlan(postThenRead('same note'), forEpisode(await openWorld(), 'sample-X'));
    expect(second.state).toEqual(first.state);
    expect(first.state.stamps).toEqual(['1795642200.000001', ...SEED_MESSAGES.filter((message) => message.channel_id === 'C0RESEARCH').map((message) => message.ts).sort().reverse()]);
  });
});
