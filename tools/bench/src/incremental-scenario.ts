import type { BenchContext } from './bench-context.ts';
import { buildPipeline } from './build-pipeline.ts';
import type { HttpToolWorld } from './http-tool-world.ts';
import type { FullRun } from './overhead-scenario.ts';
import { readCatalogValue, runCatalog } from './run-catalog.ts';

export interface IncrementalResult {
  prompts: number;
  edited_prompt_id: string;
  regenerated: number;
  cached: number;
  llm_calls: number;
  planner_calls: number;
  seconds: number;
  full_run_seconds: number;
  time_ratio: number;
}

/**
 * After a full run, one prompt's text changes (so the catalog sha changes too) and generate runs again over the
 * same outputs: everything else must come from the ledger/content cache, with one planner call.
 */
export async function runIncrementalScenario(context: BenchContext, world: HttpToolWorld, full: FullRun): Promise<IncrementalResult> {
  const index = Math.floor(full.catalog.length / 2);
  const edited = full.catalog.map((entry, position) =>
    position === index ? { ...(entry as Record<string, unknown>), user_prompt: `${(entry as { user_prompt: string }).user_prompt} Keep the answer short.` } : entry,
  );
  const { entries, sha256 } = readCatalogValue(edited);
  const pipeline = await buildPipeline({ root: context.root, tools: world.hub, catalogSha256: sha256 });
  context.log(`incremental: ${entries.length} prompts, ${entries[index].prompt_id} edited`);
  const run = await runCatalog(entries, pipeline, { outDir: full.outDir, cacheDir: full.cacheDir, concurrency: context.defaultConcurrency });
  return {
    prompts: entries.length,
    edited_prompt_id: entries[index].prompt_id,
    regenerated: run.regenerated,
    cached: run.cached,
    // The offline planner makes no model request, so the planner calls are the calls a model would have got.
    llm_calls: run.planner_calls,
    planner_calls: run.planner_calls,
    seconds: run.seconds,
    full_run_seconds: full.run.seconds,
    time_ratio: run.seconds / full.run.seconds,
  };
}
