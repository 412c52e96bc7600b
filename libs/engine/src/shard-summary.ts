import type { Complexity } from '@forge/catalog';

/** The counts and paths of one runShard call. */
export interface ShardSummary {
  complexity: Complexity;
  total: number;
  /** Made by the pipeline in this run. */
  regenerated: number;
  /** Reused from the ledger or the content cache with no planner or tool call. */
  cached: number;
  failed: number;
  /** Failures kept from an earlier run because retryFailed was false (included in `failed`). */
  kept_failures: number;
  /** Entries never admitted or abandoned after the grace period because the run was interrupted. */
  not_done: number;
  abandoned: number;
  interrupted: boolean;
  resumed: boolean;
  planner_calls: number;
  composer_calls: number;
  /** Model requests that reported token usage. */
  llm_calls: number;
  tokens: number;
  rate_limited: number;
  /** Ledger lines skipped on read-back (torn by a crash or invalid). */
  skipped_lines: number;
  samples_path: string;
  failures_path: string;
  duration_ms: number;
}
