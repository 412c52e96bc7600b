import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ToolCallOptions, ToolCaller } from '@forge/tools';
import { readLedger, runShard } from './index.ts';
import { createFakePipeline, fakeEntry } from './__fixtures__/fake-pipeline.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-episode-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('one episode per sample', () => {
  it("runs every plan call of a sample under that sample's key, a different one per sample", async () => {
    const { pipeline } = createFakePipeline();
    const seen: Array<{ symbol: string; episode?: string }> = [];
    const recording: ToolCaller = {
      inventory: () => pipeline.tools.inventory(),
      call: (server: string, tool: string, args: Record<string, unknown>, options?: ToolCallOptions) => {
        seen.push({ symbol: String(args.symbol), episode: options?.episode });
        return pipeline.tools.call(server, tool, args, options);
      },
    };
    const entries = [fakeEntry('S1', 'Price of AAPL?'), fakeEntry('S2', 'Price of MSFT?')];
    await runShard(entries, { ...pipeline, tools: recording }, { outDir: join(dir, 'out'), concurrency: 2, backoffMs: 1, backoffCapMs: 2 });
    const { samples } = await readLedger(join(dir, 'out'), 'simple');
    expect(samples).toHaveLength(2);
    const keys = samples.map((record) => record.key);
    expect(new Set(keys).size).toBe(2);
    // The fake plan is one quote call per entry; each carries its own sample's key as the episode.
    expect(seen.map((call) => call.episode).sort()).toEqual([...keys].sort());
  });
});
