import type { Entry } from '@forge/catalog';
import type { PlanLimits, TokenUsage } from '@forge/planner';
import type { FailureRecord, GenerationRecord, Provenance } from './generation-record.ts';
import type { ModelStage } from './generate-entry.ts';

// The messages between the main thread and an entry worker (start-entry-workers.ts, serve-entries.ts). Both ends
// are this checkout's code in one process and the values travel by structured clone, so they are typed, not parsed:
// the ledger lines they become are parsed on resume as before.

/** What a worker thread starts with (its `workerData`). */
export interface EntryWorkerData {
  /** URL of the module that calls serveEntries; a .ts one is loaded through tsx. */
  module: string;
  /** Settings for the module's pipeline factory. */
  settings: unknown;
  /** The main thread's provenance: the worker's pipeline must match it field for field. */
  provenance: Provenance;
  /** Names this worker in failure reasons and task logs. */
  name: string;
}

/** One entry to run, with what runShard's EntryContext holds for it. */
export interface EntryJob {
  type: 'entry';
  id: number;
  entry: Entry;
  prompt_index: number;
  key: string;
  limits: PlanLimits;
  retry: { maxAttempts: number; backoffMs: number; backoffCapMs: number };
  /** The entry's model-call budget, as runShard made it (the budget object itself stays on the main thread). */
  budget?: { deadlineMs: number; rateLimitBudget: number };
}

export type ToWorker =
  | EntryJob
  | { type: 'abort'; id: number }
  | { type: 'relay-reply'; id: number; ok: true; value: unknown }
  | { type: 'relay-reply'; id: number; ok: false; message: string; retryable: boolean }
  | { type: 'close' };

/** One model call an entry made on the worker: replayed through runShard's callModel for its counts. */
export interface ModelCall {
  stage: ModelStage;
  usage: TokenUsage[];
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'start-failed'; message: string }
  | { type: 'outcome'; id: number; record: GenerationRecord | FailureRecord; log: readonly string[]; modelCalls: ModelCall[] }
  | { type: 'relay'; id: number; name: string; request: unknown }
  | { type: 'closed' };
