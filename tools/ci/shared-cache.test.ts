import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyWorkspace, taskOutcomes, type WorkspaceCopy } from './__fixtures__/workspace-copy.ts';
import { startNxCacheServer, type NxCacheServer } from './nx-cache-server.ts';

// Issue 15 items 4 and 5: the CI script (what .github/workflows/dataset.yml runs) on two separate copies of the
// workspace ("two machines", each with its own Nx cache folders and data/) that share one self-hosted remote cache on
// 127.0.0.1. The first generates and uploads; the second restores every task, generate chunks included, from the
// remote cache and generates nothing. The authored 30-prompt catalog, rule planner, snapshot: offline.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'test-token-0123456789';

let server: NxCacheServer;
let storeDir: string;
let first: WorkspaceCopy;
let second: WorkspaceCopy;

beforeAll(async () => {
  storeDir = await mkdtemp(join(tmpdir(), 'nx-remote-store-'));
  server = await startNxCacheServer({ dir: storeDir, token: TOKEN });
  first = await copyWorkspace(ROOT, 'machine-a');
  second = await copyWorkspace(ROOT, 'machine-b');
}, 120_000);
afterAll(async () => {
  await server?.close();
  await first?.remove();
  await second?.remove();
  if (storeDir) await rm(storeDir, { recursive: true, force: true });
});

async function pipeline(workspace: WorkspaceCopy, env: Record<string, string> = {}) {
  const remote = { NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server.url, NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: TOKEN };
  const result = await execa('bash', ['tools/ci/dataset-pipeline.sh'], { cwd: workspace.dir, env: { ...workspace.env, ...remote, ...env }, extendEnv: false, all: true, reject: false });
  return { exitCode: result.exitCode ?? 1, output: result.all ?? '' };
}

const generateTasks = (tasks: Iterable<string>) => [...tasks].filter((task) => task.startsWith('dataset:generate-'));

describe('tools/ci/dataset-pipeline.sh on two machines sharing a remote cache', () => {
  it('machine A runs the affected playbook and uploads every task; machine B restores them all, generating nothing', { timeout: 600_000 }, async () => {
    const onA = await pipeline(first);
    expect(onA.exitCode, onA.output).toBe(0);
    expect(onA.output).toContain('dataset-pipeline: affected: dataset');
    expect(onA.output).toMatch(/dataset-pipeline: packaged 30 of 30 records/);
    const ranOnA = taskOutcomes(onA.output);
    expect(generateTasks(ranOnA.ran)).toHaveLength(12);
    expect(ranOnA.cached.size, onA.output).toBe(0);
    const stored = server.requests.filter((request) => request.method === 'PUT' && request.status === 200);
    expect(stored.length).toBe(15); // prepare, 12 chunks, validate, package

    const onB = await pipeline(second);
    expect(onB.exitCode, onB.output).toBe(0);
    const onBTasks = taskOutcomes(onB.output);
    expect(onBTasks.ran, onB.output).toEqual([]);
    expect(generateTasks(onBTasks.cached.keys())).toHaveLength(12);
    expect(new Set(onBTasks.cached.values())).toEqual(new Set(['remote cache']));
    // Nothing was generated on B: its content cache was never written, yet it holds A's dataset byte for byte.
    expect(existsSync(join(second.dir, 'data', 'generated', 'cache'))).toBe(false);
    for (const file of ['train.jsonl', 'train_llm.json', 'train.parquet']) {
      const [a, b] = await Promise.all([readFile(join(first.dir, 'data', 'processed', file)), readFile(join(second.dir, 'data', 'processed', file))]);
      expect(b.equals(a), file).toBe(true);
    }
  });

  it('does nothing when no project with a package target is affected', { timeout: 120_000 }, async () => {
    const idle = await pipeline(first, { NX_BASE: 'HEAD', NX_HEAD: 'HEAD' });
    expect(idle.exitCode, idle.output).toBe(0);
    expect(idle.output).toContain('nothing to do');
  });

  // Reads machine A's package and content cache: runs after the first case, as the file orders them.
  it('packages the same rows as the unchunked stages do for the same catalog (byte for byte but the package time)', { timeout: 300_000 }, async () => {
    const cli = (...args: string[]) => execa('node', ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], { cwd: first.dir, env: first.env, extendEnv: false });
    const unchunked = join(first.dir, 'dist', 'unchunked');
    await cli('prepare', '--data-dir', unchunked);
    // The same content cache: the rows are reused, so what differs can only be how the chunks were merged. Every row
    // is a cache hit (nothing is written to the cache) and each level writes its own file: the three run at once.
    await Promise.all(['simple', 'moderate', 'complex'].map((level) =>
      cli('generate', '--in-process', '--prompt-file', join(unchunked, 'shards', `${level}.json`), '--complexity', level, '--out', join(unchunked, 'generated'), '--cache-dir', 'data/generated/cache', '--progress', 'plain')));
    await cli('package', '--generated-dir', join(unchunked, 'generated'), '--prompts-file', join(unchunked, 'inputs', 'curriculum_prompts.json'), '--out', join(unchunked, 'processed'));
    // raw_output_path names the package run's own timestamp (raw_llm/<time>/…), different for any two package runs.
    const normalise = (text: string) => text.replace(/raw_llm\/\d{8}T\d{6}Z\//g, 'raw_llm/<time>/');
    for (const file of ['train.jsonl', 'train_llm.json']) {
      const chunked = normalise(await readFile(join(first.dir, 'data', 'processed', file), 'utf8'));
      const whole = normalise(await readFile(join(unchunked, 'processed', file), 'utf8'));
      expect(chunked.length).toBeGreaterThan(1000);
      expect(chunked === whole, file).toBe(true);
    }
  });
});
