import type { Complexity } from '@forge/catalog';
import type { BreakerTrip } from './circuit-breaker.ts';
import type { FailureRecord } from './generation-record.ts';

/** How many failed prompts a summary names; the failures ledger holds every one. */
export const FAILURES_LISTED = 20;

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
  /** Model requests sent, failed ones included (timeouts, 429s, empty replies). */
  llm_calls: number;
  /** Of llm_calls, those that brought no usable reply. */
  failed_llm_calls: number;
  /** Tokens of every reply, failed calls' included. */
  tokens: number;
  rate_limited: number;
  /** The first FAILURES_LISTED failed prompts with their reasons, in the order they failed. */
  failures: Array<{ prompt_id: string; stage: FailureRecord['stage']; reason: string }>;
  /** Set when the circuit breaker is open (it opened in this shard or an earlier one of the run). */
  breaker?: BreakerTrip;
  /** Ledger lines skipped on read-back (torn by a crash or invalid). */
  skipped_lines: number;
  samples_path: string;
  failures_path: string;
  duration_ms: number;
}
