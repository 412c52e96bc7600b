import type { Entry } from '@forge/catalog';
import type { ToolHub } from '@forge/tools';
import type { BenchContext } from './bench-context.ts';
import { buildPipeline } from './build-pipeline.ts';
import { runCatalog, type CatalogRun } from './run-catalog.ts';
import { timePipeline, type StageTotals } from './stage-timer.ts';

/** Per-sample milliseconds by stage at concurrency 1; `other` is the wall time no stage accounts for (ledger, engine). */
export interface StageBreakdown {
  samples: number;
  wall_ms: number;
  plan_ms: number;
  check_ms: number;
  run_ms: number;
  compose_ms: number;
  grounding_ms: number;
  other_ms: number;
  /** Per server, per sample: planning lookups (inside plan_ms) and trace calls (inside run_ms). */
  servers: Record<string, { lookup_ms: number; lookups: number; trace_ms: number; trace_calls: number }>;
}

export interface TimedCatalogRun {
  run: CatalogRun;
  totals: StageTotals;
}

/** One generate pass over `entries` with a fresh pipeline (its own lookup memo and validator cache), timed by stage. */
export async function timedCatalogRun(context: BenchContext, hub: ToolHub, entries: Entry[], catalogSha256: string, options: { outDir: string; cacheDir?: string; concurrency: number }): Promise<TimedCatalogRun> {
  const { pipeline, totals } = timePipeline(await buildPipeline({ root: context.root, tools: hub, catalogSha256 }));
  const run = await runCatalog(entries, pipeline, options);
  return { run, totals };
}

/** Sums divided per sample, rounded to 0.01 ms. */
export function breakdownOf({ run, totals }: TimedCatalogRun): StageBreakdown {
  const n = Math.max(1, run.entries);
  const per = (ms: number) => Math.round((ms / n) * 100) / 100;
  const wall = run.seconds * 1000;
  const staged = totals.plan_ms + totals.check_ms + totals.run_ms + totals.compose_ms + totals.grounding_ms;
  const servers: StageBreakdown['servers'] = {};
  for (const [server, entry] of Object.entries(totals.servers).sort(([a], [b]) => a.localeCompare(b))) {
    servers[server] = { lookup_ms: per(entry.lookup_ms), lookups: per(entry.lookups), trace_ms: per(entry.trace_ms), trace_calls: per(entry.trace_calls) };
  }
  return {
    samples: run.entries,
    wall_ms: per(wall),
    plan_ms: per(totals.plan_ms),
    check_ms: per(totals.check_ms),
    run_ms: per(totals.run_ms),
    compose_ms: per(totals.compose_ms),
    grounding_ms: per(totals.grounding_ms),
    other_ms: per(wall - staged),
    servers,
  };
}
