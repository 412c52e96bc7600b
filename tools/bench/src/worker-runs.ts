import { join } from 'node:path';
import type { Entry } from '@forge/catalog';
import { startEntryWorkers } from '@forge/engine';
import type { PythonRunRequest, PythonSandbox } from '@forge/mcp-python';
import type { ToolHub } from '@forge/tools';
import type { BenchContext } from './bench-context.ts';
import type { BenchWorkerSettings } from './bench-entry-worker.ts';
import { buildPipeline } from './build-pipeline.ts';
import { runCatalog } from './run-catalog.ts';
import { sampleRss } from './rss-sampler.ts';

/** One transport's figures with the entries on worker threads (`forge generate --workers N`). */
export interface WorkerFigures {
  workers: number;
  /** Starting the threads (each compiles through tsx and builds its own pipeline and tools). */
  start_s: number;
  sequential_samples_per_s: number;
  samples_per_s: number;
  samples: number;
  failed: number;
  /** CPU ms per sample at the default concurrency, all threads of this process (not the Python sandbox's). */
  cpu_ms_per_sample: number;
  /** This process (main thread + worker threads) during the worker runs. */
  peak_rss_mb: number;
}

const WARM_UP_PROMPTS = 40;

/**
 * The overhead scenario's runs again with `workers` entry threads (bench-entry-worker.ts) behind runShard: an
 * untimed warm-up through the threads, concurrency 1 on `sequentialEntries`, then the default concurrency on all
 * `entries`, each into fresh outputs. The main thread's pipeline over `hub` only keys the entries (its provenance is
 * the threads'); in-process, the threads' execute_python calls go to `python`, the one sandbox.
 */
export async function runWithWorkers(
  context: BenchContext,
  options: { name: string; workers: number; concurrency?: number; hub: ToolHub; entries: Entry[]; sequentialEntries: Entry[]; catalogSha256: string; transport: BenchWorkerSettings['transport']; python?: PythonSandbox },
): Promise<WorkerFigures> {
  const pipeline = await buildPipeline({ root: context.root, tools: options.hub, catalogSha256: options.catalogSha256 });
  const settings: BenchWorkerSettings = { root: context.root, catalogSha256: options.catalogSha256, transport: options.transport };
  const python = options.python;
  const sampler = sampleRss({ intervalMs: 100 });
  const started = performance.now();
  const pool = await startEntryWorkers({
    module: new URL('./bench-entry-worker.ts', import.meta.url),
    workers: options.workers,
    settings,
    provenance: pipeline.provenance,
    relays: python ? { python: (request) => python.run(request as PythonRunRequest) } : {},
  });
  const startSeconds = (performance.now() - started) / 1000;
  try {
    const generate = pool.generate;
    const concurrency = options.concurrency ?? context.defaultConcurrency;
    context.log(`overhead (${options.name}, ${options.workers} worker threads): warm-up, then concurrency 1 and ${concurrency}`);
    await runCatalog(options.entries.slice(0, WARM_UP_PROMPTS), pipeline, { outDir: join(context.scratch, `${options.name}-workers-warm-up`), concurrency, generate });
    const sequential = await runCatalog(options.sequentialEntries, pipeline, { outDir: join(context.scratch, `${options.name}-workers-sequential`), concurrency: 1, generate });
    const concurrent = await runCatalog(options.entries, pipeline, { outDir: join(context.scratch, `${options.name}-workers-full`), concurrency, generate });
    return {
      workers: options.workers,
      start_s: startSeconds,
      sequential_samples_per_s: sequential.entries / sequential.seconds,
      samples_per_s: concurrent.entries / concurrent.seconds,
      samples: concurrent.samples,
      failed: concurrent.failed,
      cpu_ms_per_sample: (concurrent.cpu_seconds * 1000) / Math.max(1, concurrent.entries),
      peak_rss_mb: sampler.stop().self_mb,
    };
  } finally {
    sampler.stop();
    await pool.close();
  }
}
