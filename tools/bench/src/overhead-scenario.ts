import { join } from 'node:path';
import type { Entry } from '@forge/catalog';
import { expandCatalog } from '../../catalog-expander/src/index.ts';
import type { BenchContext } from './bench-context.ts';
import type { HttpToolWorld } from './http-tool-world.ts';
import { startInProcessToolWorld } from './in-process-tool-world.ts';
import { processTree } from './process-tree.ts';
import { readCatalogValue, type CatalogRun } from './run-catalog.ts';
import { sampleRss } from './rss-sampler.ts';
import { breakdownOf, timedCatalogRun, type StageBreakdown } from './throughput-run.ts';
import { runWithWorkers, type WorkerFigures } from './worker-runs.ts';

/** One transport's figures: throughput at concurrency 1 and at the default, and where a sample's time goes. */
export interface TransportResult {
  sequential_samples_per_s: number;
  samples_per_s: number;
  speedup_vs_sequential: number;
  samples: number;
  failed: number;
  sequential_s: number;
  concurrent_s: number;
  /** At concurrency 1 (stages do not overlap there). */
  stages: StageBreakdown;
  peak_rss_mb: number;
  /** CPU ms per sample of the concurrent run, every thread of this process (not the servers' or the sandbox's). */
  cpu_ms_per_sample: number;
  /** The same runs with the entries on worker threads; absent with --workers 0. */
  workers?: WorkerFigures;
}

export interface OverheadResult {
  prompts: number;
  sequential_prompts: number;
  concurrency: number;
  samples: number;
  failed: number;
  /** Over HTTP (the keys the earlier bench reported at top level). */
  sequential_samples_per_s: number;
  samples_per_s: number;
  speedup_vs_sequential: number;
  peak_rss_mb: number;
  servers_peak_rss_mb: number;
  sequential_s: number;
  concurrent_s: number;
  http: TransportResult;
  in_process: TransportResult;
}

/** What the incremental scenario continues from: the HTTP concurrent run's catalog, outputs and time. */
export interface FullRun {
  catalog: unknown[];
  entries: Entry[];
  outDir: string;
  cacheDir: string;
  run: CatalogRun;
}

/**
 * Engine overhead with no model in the loop: `prompts` expanded prompts, RulePlanner + TemplateComposer over the
 * five real MCP servers, first as HTTP children, then linked in this process (SDK in-memory transport), each once
 * at concurrency 1 (the first `sequentialPrompts`, timed by stage) and once at the default concurrency, every run
 * with a fresh pipeline (its own lookup memo) into fresh outputs.
 */
export async function runOverheadScenario(
  context: BenchContext,
  world: HttpToolWorld,
  options: { prompts: number; sequentialPrompts: number; seed: number; workers: number },
): Promise<{ result: OverheadResult; full: FullRun }> {
  const catalog = expandCatalog({ n: options.prompts, seed: options.seed, universe: context.universe });
  const { entries, sha256 } = readCatalogValue(catalog);
  const sequentialEntries = entries.slice(0, options.sequentialPrompts);
  const concurrency = context.defaultConcurrency;

  const sampler = sampleRss({ intervalMs: 100, childPids: () => Object.values(world.supervisor.pids()).flatMap(processTree) });
  let http: TransportResult;
  let full: FullRun;
  let serversPeak: number;
  try {
    await warmUp(context, world.hub, entries, sha256, 'http-warm-up');
    context.log(`overhead (HTTP): ${sequentialEntries.length} prompts at concurrency 1`);
    const sequential = await timedCatalogRun(context, world.hub, sequentialEntries, sha256, { outDir: join(context.scratch, 'http-sequential'), concurrency: 1 });
    context.log(`overhead (HTTP): ${entries.length} prompts at concurrency ${concurrency}`);
    const outDir = join(context.scratch, 'http-full');
    const cacheDir = join(context.scratch, 'http-cache');
    const concurrent = await timedCatalogRun(context, world.hub, entries, sha256, { outDir, cacheDir, concurrency });
    const peaks = sampler.stop();
    serversPeak = peaks.children_mb;
    http = transportResult(sequential.run, concurrent.run, breakdownOf(sequential), peaks.self_mb);
    full = { catalog, entries, outDir, cacheDir, run: concurrent.run };
    if (options.workers > 0) {
      http.workers = await runWithWorkers(context, { name: 'http', workers: options.workers, hub: world.hub, entries, sequentialEntries, catalogSha256: sha256, transport: { kind: 'http', configs: world.configs } });
    }
  } finally {
    sampler.stop();
  }

  context.log('overhead (in-process): linking the five servers through the in-memory transport');
  const inProcessWorld = await startInProcessToolWorld(context.root);
  const inProcessSampler = sampleRss({ intervalMs: 100 });
  let inProcess: TransportResult;
  try {
    await warmUp(context, inProcessWorld.hub, entries, sha256, 'in-process-warm-up');
    context.log(`overhead (in-process): ${sequentialEntries.length} prompts at concurrency 1`);
    const sequential = await timedCatalogRun(context, inProcessWorld.hub, sequentialEntries, sha256, { outDir: join(context.scratch, 'in-process-sequential'), concurrency: 1 });
    context.log(`overhead (in-process): ${entries.length} prompts at concurrency ${concurrency}`);
    const concurrent = await timedCatalogRun(context, inProcessWorld.hub, entries, sha256, { outDir: join(context.scratch, 'in-process-full'), concurrency });
    inProcess = transportResult(sequential.run, concurrent.run, breakdownOf(sequential), inProcessSampler.stop().self_mb);
    if (options.workers > 0) {
      inProcess.workers = await runWithWorkers(context, {
        name: 'in-process',
        workers: options.workers,
        hub: inProcessWorld.hub,
        entries,
        sequentialEntries,
        catalogSha256: sha256,
        transport: { kind: 'in-process', dataDir: inProcessWorld.dataDir },
        python: inProcessWorld.python,
      });
    }
  } finally {
    inProcessSampler.stop();
    await inProcessWorld.close();
  }

  return {
    result: {
      prompts: entries.length,
      sequential_prompts: sequentialEntries.length,
      concurrency,
      samples: http.samples,
      failed: http.failed,
      sequential_samples_per_s: http.sequential_samples_per_s,
      samples_per_s: http.samples_per_s,
      speedup_vs_sequential: http.speedup_vs_sequential,
      peak_rss_mb: http.peak_rss_mb,
      servers_peak_rss_mb: serversPeak,
      sequential_s: http.sequential_s,
      concurrent_s: http.concurrent_s,
      http,
      in_process: inProcess,
    },
    full,
  };
}

/**
 * A short untimed pass first, so neither transport's concurrency-1 figure pays for cold starts (the Python
 * sandbox's workers boot on first use, and JIT warm-up) that the other one already paid.
 */
async function warmUp(context: BenchContext, hub: HttpToolWorld['hub'], entries: Entry[], catalogSha256: string, name: string): Promise<void> {
  context.log(`overhead: warm-up pass (${Math.min(entries.length, WARM_UP_PROMPTS)} prompts, untimed)`);
  await timedCatalogRun(context, hub, entries.slice(0, WARM_UP_PROMPTS), catalogSha256, { outDir: join(context.scratch, name), concurrency: context.defaultConcurrency });
}

const WARM_UP_PROMPTS = 40;

function transportResult(sequential: CatalogRun, concurrent: CatalogRun, stages: StageBreakdown, peakRssMb: number): TransportResult {
  const sequentialRate = sequential.entries / sequential.seconds;
  const rate = concurrent.entries / concurrent.seconds;
  return {
    sequential_samples_per_s: sequentialRate,
    samples_per_s: rate,
    speedup_vs_sequential: rate / sequentialRate,
    samples: concurrent.samples,
    failed: concurrent.failed,
    sequential_s: sequential.seconds,
    concurrent_s: concurrent.seconds,
    stages,
    peak_rss_mb: peakRssMb,
    cpu_ms_per_sample: (concurrent.cpu_seconds * 1000) / Math.max(1, concurrent.entries),
  };
}
