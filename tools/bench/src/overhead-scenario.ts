import { join } from 'node:path';
import type { Entry } from '@forge/catalog';
import { expandCatalog } from '../../catalog-expander/src/index.ts';
import type { BenchContext } from './bench-context.ts';
import { buildPipeline } from './build-pipeline.ts';
import type { HttpToolWorld } from './http-tool-world.ts';
import { processTree } from './process-tree.ts';
import { readCatalogValue, runCatalog, type CatalogRun } from './run-catalog.ts';
import { sampleRss } from './rss-sampler.ts';

export interface OverheadResult {
  prompts: number;
  concurrency: number;
  samples: number;
  failed: number;
  sequential_samples_per_s: number;
  samples_per_s: number;
  speedup_vs_sequential: number;
  peak_rss_mb: number;
  servers_peak_rss_mb: number;
  sequential_s: number;
  concurrent_s: number;
}

/** What the incremental scenario continues from: the concurrent run's catalog, outputs and time. */
export interface FullRun {
  catalog: unknown[];
  entries: Entry[];
  outDir: string;
  cacheDir: string;
  run: CatalogRun;
}

/**
 * Engine overhead with no model in the loop: `prompts` expanded prompts, RulePlanner + TemplateComposer over the
 * five real MCP servers as HTTP children, once at concurrency 1 (the first `sequentialPrompts` of them) and once
 * at the default concurrency, with peak RSS of this process and of the server processes.
 */
export async function runOverheadScenario(
  context: BenchContext,
  world: HttpToolWorld,
  options: { prompts: number; sequentialPrompts: number; seed: number },
): Promise<{ result: OverheadResult; full: FullRun }> {
  const catalog = expandCatalog({ n: options.prompts, seed: options.seed, universe: context.universe });
  const { entries, sha256 } = readCatalogValue(catalog);
  const sampler = sampleRss({ intervalMs: 100, childPids: () => Object.values(world.supervisor.pids()).flatMap(processTree) });
  try {
    const pipeline = await buildPipeline({ root: context.root, tools: world.hub, catalogSha256: sha256 });
    context.log(`overhead: ${options.sequentialPrompts} prompts at concurrency 1`);
    const sequential = await runCatalog(entries.slice(0, options.sequentialPrompts), pipeline, { outDir: join(context.scratch, 'overhead-sequential'), concurrency: 1 });
    context.log(`overhead: ${entries.length} prompts at concurrency ${context.defaultConcurrency}`);
    const outDir = join(context.scratch, 'overhead-full');
    const cacheDir = join(context.scratch, 'overhead-cache');
    const concurrent = await runCatalog(entries, pipeline, { outDir, cacheDir, concurrency: context.defaultConcurrency });
    const peaks = sampler.stop();
    const sequentialRate = sequential.entries / sequential.seconds;
    const rate = concurrent.entries / concurrent.seconds;
    return {
      result: {
        prompts: entries.length,
        concurrency: context.defaultConcurrency,
        samples: concurrent.samples,
        failed: concurrent.failed,
        sequential_samples_per_s: sequentialRate,
        samples_per_s: rate,
        speedup_vs_sequential: rate / sequentialRate,
        peak_rss_mb: peaks.self_mb,
        servers_peak_rss_mb: peaks.children_mb,
        sequential_s: sequential.seconds,
        concurrent_s: concurrent.seconds,
      },
      full: { catalog, entries, outDir, cacheDir, run: concurrent },
    };
  } finally {
    sampler.stop();
  }
}
