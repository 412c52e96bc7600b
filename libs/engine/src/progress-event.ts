import type { Complexity } from '@forge/catalog';
import type { FailureRecord } from './generation-record.ts';

/** What runShard reports while it works; names are noun first, then action. */
export type ProgressEvent =
  | { type: 'shard-start'; complexity: Complexity; total: number; reused: number; to_generate: number }
  | { type: 'sample-start'; prompt_id: string; prompt_index: number }
  | { type: 'sample-end'; prompt_id: string; prompt_index: number; cached: boolean; duration_ms: number }
  | { type: 'sample-failed'; prompt_id: string; prompt_index: number; stage: FailureRecord['stage']; reason: string; skipped: boolean }
  | { type: 'rate-limited'; wait_ms: number }
  /** Once per run: consecutive failures of one fault opened the circuit breaker. */
  | { type: 'breaker-open'; fault: string; failures: number; reason: string }
  | { type: 'shard-end'; interrupted: boolean };

export type ProgressListener = (event: ProgressEvent) => void;
