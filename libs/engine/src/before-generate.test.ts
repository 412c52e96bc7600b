import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runShard, type RunShardOptions } from './index.ts';
import { createFakePipeline, fakeEntry } from './__fixtures__/fake-pipeline.ts';

// Issue 14 item 2: runShard's beforeGenerate (the CLI connects the tool servers there) runs only when an entry must
// be generated, and before any file is touched, so a refusal leaves the outputs as they were.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-before-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const options = (extra: Partial<RunShardOptions> = {}): RunShardOptions => ({ outDir: join(dir, 'out'), cacheDir: join(dir, 'cache'), backoffMs: 1, backoffCapMs: 2, ...extra });
const entries = [fakeEntry('S1', 'Price of AAPL?'), fakeEntry('S2', 'Price of MSFT?')];

async function snapshot(root: string): Promise<Record<string, string>> {
  const names = await readdir(root, { recursive: true, withFileTypes: true });
  const files = names.filter((item) => item.isFile()).map((item) => join(item.parentPath, item.name));
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readFile(file, 'utf8')] as const)));
}

describe('runShard beforeGenerate', () => {
  it('is awaited once, before the first entry runs, when there is work', async () => {
    const { pipeline, planner } = createFakePipeline();
    const order: string[] = [];
    const beforeGenerate = vi.fn(async () => void order.push(`connect after ${planner.calls.length} plans`));
    const summary = await runShard(entries, pipeline, options({ beforeGenerate }));
    expect(summary).toMatchObject({ regenerated: 2, cached: 0 });
    expect(beforeGenerate).toHaveBeenCalledTimes(1);
    expect(order).toEqual(['connect after 0 plans']);
  });

  it('is not called when every entry is reused: from the content cache, from the own ledger, or an empty shard', async () => {
    await runShard(entries, createFakePipeline().pipeline, options());
    const beforeGenerate = vi.fn(async () => undefined);
    // Another output dir: every entry comes from the content cache.
    const cached = await runShard(entries, createFakePipeline().pipeline, options({ outDir: join(dir, 'other'), beforeGenerate }));
    expect(cached).toMatchObject({ cached: 2, regenerated: 0 });
    // The same output dir, resumed: every entry is in its own ledger.
    const resumed = await runShard(entries, createFakePipeline().pipeline, options({ cacheDir: undefined, beforeGenerate }));
    expect(resumed).toMatchObject({ cached: 2, regenerated: 0, resumed: true });
    const empty = await runShard([], createFakePipeline().pipeline, options({ outDir: join(dir, 'empty'), complexity: 'simple', beforeGenerate }));
    expect(empty).toMatchObject({ total: 0 });
    expect(beforeGenerate).not.toHaveBeenCalled();
    expect(await readFile(join(dir, 'other', 'simple.jsonl'), 'utf8')).toBe(await readFile(join(dir, 'out', 'simple.jsonl'), 'utf8'));
  });

  it('keeps failures (retryFailed false) without calling it; retried failures call it', async () => {
    const failing = [fakeEntry('P', '[plan-error] x')];
    await runShard(failing, createFakePipeline().pipeline, options());
    const beforeGenerate = vi.fn(async () => undefined);
    expect(await runShard(failing, createFakePipeline().pipeline, options({ retryFailed: false, beforeGenerate }))).toMatchObject({ failed: 1, kept_failures: 1 });
    expect(beforeGenerate).not.toHaveBeenCalled();
    await runShard(failing, createFakePipeline().pipeline, options({ beforeGenerate }));
    expect(beforeGenerate).toHaveBeenCalledTimes(1);
  });

  it('a throw ends the call with no entry run and no file touched, even with resume false', async () => {
    await runShard(entries.slice(0, 1), createFakePipeline().pipeline, options({ cacheDir: undefined }));
    const before = await snapshot(join(dir, 'out'));
    const { pipeline, planner } = createFakePipeline();
    const down = new Error('in-process MCP servers not healthy: python (probe failed)');
    await expect(runShard(entries, pipeline, options({ cacheDir: undefined, resume: false, beforeGenerate: () => Promise.reject(down) }))).rejects.toBe(down);
    expect(planner.calls).toEqual([]);
    expect(await snapshot(join(dir, 'out'))).toEqual(before);
    await expect(runShard(entries, pipeline, options({ outDir: join(dir, 'fresh'), beforeGenerate: () => Promise.reject(down) }))).rejects.toBe(down);
    expect(existsSync(join(dir, 'fresh'))).toBe(false);
  });
});
