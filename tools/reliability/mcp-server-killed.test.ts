import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '@forge/catalog';
import { runShard } from '@forge/engine';
import { packageRun } from '@forge/packager';
import { buildPipeline } from '../bench/src/build-pipeline.ts';
import { startHttpToolWorld, type HttpToolWorld } from '../bench/src/http-tool-world.ts';
import { BENCH_LIMITS } from '../bench/src/run-catalog.ts';

// The five real servers over HTTP under the supervisor; fmp is SIGKILLed while a shard is running. The run must
// finish (supervisor restart + ToolHub reconnect and retry), and no packaged sample may rest on a failed step.
const root = process.cwd();
const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'AMD', 'TSLA', 'META', 'COST', 'JPM', 'XOM', 'WMT', 'NFLX', 'INTC'];
const entries = parseCatalog(
  SYMBOLS.map((symbol, index) => ({ id: `K${String(index + 1).padStart(2, '0')}`, complexity: 'easy', user_prompt: `Show me the latest quote for ${symbol}: price, change and percent change.` })),
  'killed.json',
);

let world: HttpToolWorld | undefined;
let dir: string | undefined;

afterAll(async () => {
  await world?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('an MCP server killed mid-run', () => {
  it('completes the shard and packages only samples whose every step was accepted', async () => {
    dir = await mkdtemp(join(tmpdir(), 'forge-killed-'));
    // Retries long enough to span a restart (node + tsx start in about a second on a busy machine).
    world = await startHttpToolWorld({ root, hubOptions: { retries: 8, baseDelayMs: 250, maxDelayMs: 1_500 } });
    const pipeline = await buildPipeline({ root, tools: world.hub, catalogSha256: 'killed' });
    const live = world;
    let killed = 0;
    const summary = await runShard(entries, pipeline, {
      outDir: join(dir, 'generated'),
      concurrency: 2,
      limits: BENCH_LIMITS,
      backoffMs: 200,
      onEvent: (event) => {
        // After the second finished sample, while others are in flight.
        if (event.type === 'sample-end' && !event.cached && ++killed === 2) process.kill(live.supervisor.pids().fmp, 'SIGKILL');
      },
    });

    expect(live.events.some((event) => event.type === 'server-exit' && event.server === 'fmp' && event.signal === 'SIGKILL')).toBe(true);
    expect(live.events.some((event) => event.type === 'server-restart' && event.server === 'fmp')).toBe(true);
    expect(summary.interrupted).toBe(false);
    expect(summary.regenerated + summary.failed).toBe(entries.length);
    expect(summary.regenerated).toBeGreaterThan(2);

    const { validation } = await packageRun({ generatedDir: join(dir, 'generated'), outDir: join(dir, 'processed'), promptsFile: null, logsDir: join(dir, 'logs') });
    expect(validation.accepted).toBe(summary.regenerated);
    const rows = (await readFile(join(dir, 'processed', 'train.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(rows).toHaveLength(summary.regenerated);
    for (const row of rows) {
      const steps = row.extra_info.task_metadata.exec_breadcrumbs.steps as Array<{ accept_pass: boolean; result_summary: { ok: boolean } }>;
      expect(steps.length).toBeGreaterThan(0);
      expect(steps.every((step) => step.accept_pass && step.result_summary.ok)).toBe(true);
    }
  }, 60_000);
});
