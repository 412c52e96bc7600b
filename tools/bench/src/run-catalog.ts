import { COMPLEXITIES, parseCatalog, shardCatalog, type Entry } from '@forge/catalog';
import { runShard, type EntryGenerator, type Pipeline, type RateLimiter, type ShardSummary } from '@forge/engine';
import { sha256 } from '@forge/files';
import type { PlanLimits } from '@forge/planner';

export interface CatalogRun {
  entries: number;
  samples: number;
  failed: number;
  regenerated: number;
  cached: number;
  planner_calls: number;
  llm_calls: number;
  rate_limited: number;
  seconds: number;
  /** CPU time of this process over the run, every thread (user + system); the Python sandbox's process is not in it. */
  cpu_seconds: number;
  summaries: ShardSummary[];
}

export interface RunCatalogOptions {
  outDir: string;
  concurrency: number;
  cacheDir?: string;
  limiter?: RateLimiter;
  /** false when the planner schedules its own model requests on `limiter` (see RunShardOptions.limitModelCalls). */
  limitModelCalls?: boolean;
  secrets?: string[];
  limits?: PlanLimits;
  /** Runs each entry elsewhere (worker threads); runShard's own generateEntry otherwise. */
  generate?: EntryGenerator;
}

/**
 * Room for the expanded catalog's hardest shapes (three companies over N sessions need ten calls); the engine's
 * fallback of 6 would turn every difficult prompt into a fast planning failure and flatter the throughput.
 */
export const BENCH_LIMITS: PlanLimits = { max_tools: 12, max_turns: 14 };

/** Parses an authored catalog and its sha, the way `forge generate` reads one. */
export function readCatalogValue(value: unknown): { entries: Entry[]; sha256: string } {
  return { entries: parseCatalog(value, '(bench catalog)'), sha256: sha256(JSON.stringify(value)) };
}

/** Runs every shard of `entries` through runShard one after another, as `forge generate` does, and sums the counts. */
export async function runCatalog(entries: Entry[], pipeline: Pipeline, options: RunCatalogOptions): Promise<CatalogRun> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const shards = shardCatalog(entries);
  const summaries: ShardSummary[] = [];
  for (const level of COMPLEXITIES) {
    if (shards[level].length === 0) continue;
    summaries.push(
      await runShard(shards[level], pipeline, {
        outDir: options.outDir,
        complexity: level,
        concurrency: options.concurrency,
        cacheDir: options.cacheDir,
        limiter: options.limiter,
        limitModelCalls: options.limitModelCalls,
        secrets: options.secrets,
        limits: options.limits ?? BENCH_LIMITS,
        backoffMs: 50,
        ...(options.generate ? { generate: options.generate } : {}),
      }),
    );
  }
  const sum = (field: 'regenerated' | 'cached' | 'failed' | 'planner_calls' | 'llm_calls' | 'rate_limited') => summaries.reduce((total, summary) => total + summary[field], 0);
  return {
    entries: entries.length,
    samples: sum('regenerated') + sum('cached'),
    failed: sum('failed'),
    regenerated: sum('regenerated'),
    cached: sum('cached'),
    planner_calls: sum('planner_calls'),
    llm_calls: sum('llm_calls'),
    rate_limited: sum('rate_limited'),
    seconds: (performance.now() - started) / 1000,
    cpu_seconds: ((cpu) => (cpu.user + cpu.system) / 1e6)(process.cpuUsage(cpuStarted)),
    summaries,
  };
}
