import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Complexity, Entry } from '@forge/catalog';
import { ConfigError } from '@forge/errors';
import { CallBudget, CallBudgetError, type PlanLimits, type TokenUsage } from '@forge/planner';
import { admitEntries } from './admit-entries.ts';
import { CircuitBreaker, describeTrip, type BreakerTrip } from './circuit-breaker.ts';
import { JsonlAppender } from './append-jsonl.ts';
import { systemClock, type Clock } from './clock.ts';
import { compactOutputs, emptyLineSpans, type LineSpans } from './compact-outputs.ts';
import type { LineSpan } from './jsonl-lines.ts';
import { ContentCache } from './content-cache.ts';
import { generateEntry, type EntryContext, type EntryInput, type ModelStage } from './generate-entry.ts';
import { recordBase, type FailureRecord, type GenerationRecord } from './generation-record.ts';
import type { Pipeline } from './pipeline.ts';
import { planLimitsFor } from './plan-limits-for.ts';
import type { ProgressListener } from './progress-event.ts';
import { RateLimiter } from './rate-limiter.ts';
import { redact } from './redact.ts';
import { replaceFile } from './replace-file.ts';
import { clearLedger, indexLedger, ledgerIdentity } from './restore-ledger.ts';
import { writeRunHeader, type RunHeader } from './run-header.ts';
import { sampleKey } from './sample-key.ts';
import { SettledOutcomes } from './settled-outcomes.ts';
import { FAILURES_LISTED, type ShardSummary } from './shard-summary.ts';
import { TaskLog, taskLogName } from './task-log.ts';

export interface RunShardOptions {
  /** Directory of `<complexity>.jsonl`, `<complexity>.failures.jsonl` and `<complexity>.run.json`. */
  outDir: string;
  /** Needed only when `entries` is empty; otherwise taken from the entries (which must share one). */
  complexity?: Complexity;
  /** Pool size (default 4). */
  concurrency?: number;
  /** A limiter shared across shards; otherwise one is made from requestsPerMinute/tokensPerMinute. */
  limiter?: RateLimiter;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  /**
   * Whether runShard puts planner.plan/composer.compose through the limiter (default true). Set false when the
   * planner/composer schedule each model request on the same limiter themselves (e.g. an LLM repair loop).
   */
  limitModelCalls?: boolean;
  estimateTokens?: (entry: Entry, stage: ModelStage) => number;
  /** Pause between admissions of new entries. */
  sleepMs?: number;
  /** Attempts per stage for retryable errors (default 3). */
  maxAttempts?: number;
  backoffMs?: number;
  backoffCapMs?: number;
  /**
   * true: continue the existing ledger; false: start the output afresh (the shared cache still applies);
   * undefined (default): resume when `<complexity>.run.json` names the same catalog sha, otherwise use the
   * existing samples only as a content cache.
   */
  resume?: boolean;
  /** Failures found when resuming are retried (default true); false keeps them as final. */
  retryFailed?: boolean;
  /** Shared content-addressed store (e.g. data/generated/cache); samples are reused from and saved to it. */
  cacheDir?: string;
  /** Where `task_<prompt_id>.log` files go; no task logs when absent. */
  logDir?: string;
  limits?: PlanLimits;
  /** Values that must never appear in any byte written (API keys, tokens). */
  secrets?: string[];
  /**
   * Per-prompt model deadline (default 180 s): every model call of one prompt, with its retries and waits, ends
   * within it (issue 19 item 6). The per-request timeout is the model client's own (default 60 s).
   */
  modelDeadlineMs?: number;
  /** 429 replies absorbed per prompt whatever their Retry-After says (default 3); the next one fails the prompt. */
  rateLimitBudget?: number;
  /** A breaker shared across shards (one generate run); otherwise one for this call from breakerThreshold. */
  breaker?: CircuitBreaker;
  /** Consecutive failures of one fault that open the breaker (default 5; 0 never opens). */
  breakerThreshold?: number;
  /**
   * Abort = stop admitting, abort the model and tool calls in flight, give in-flight entries up to graceMs to end,
   * and return a summary marked interrupted. An entry the abort cut short is not recorded: resume runs it again.
   */
  signal?: AbortSignal;
  graceMs?: number;
  onEvent?: ProgressListener;
  clock?: Clock;
  /** Runs each entry (default generateEntry); the queue coordinator passes one that enqueues it and waits for a worker. */
  generate?: EntryGenerator;
  /**
   * Awaited once before anything is written, and only when some entry must be generated (neither in the ledger nor
   * in the content cache, nor a failure kept by retryFailed false): the CLI connects and health-checks the tool
   * servers here, so a shard of reused samples boots nothing. A throw ends the call with no file touched.
   */
  beforeGenerate?: () => Promise<void>;
}

type Outcome = GenerationRecord | FailureRecord;

/** Takes one entry to its record: the engine's generateEntry, or a stand-in that has it run elsewhere (issue 16's queue). */
export type EntryGenerator = (input: EntryInput, context: EntryContext, log: TaskLog) => Promise<Outcome>;

/** Reused lines appended before waiting for their fsync: bounds what the reuse pass buffers. */
const REUSED_LINES_IN_FLIGHT = 256;

export const MODEL_DEADLINE_MS = 180_000;
export const RATE_LIMIT_BUDGET = 3;
export const BREAKER_THRESHOLD = 5;

export function defaultEstimate(entry: Entry, stage: ModelStage): number {
  // ~4 characters a token for the prompt, plus room for tool schemas in the context and the reply.
  return Math.ceil(entry.user_prompt.length / 4) + (stage === 'plan' ? 3000 : 2000);
}

function shardComplexity(entries: Entry[], fallback?: Complexity): Complexity {
  const levels = [...new Set(entries.map((entry) => entry.complexity))];
  if (levels.length > 1) {
    throw new ConfigError({ field: 'entries', expected: 'entries of one complexity (a shard)', received: levels });
  }
  const complexity = levels[0] ?? fallback;
  if (!complexity) throw new ConfigError({ field: 'complexity', expected: 'a complexity for an empty shard', received: undefined });
  return complexity;
}

/** A reused record takes the identity of the entry it now serves (id, position, verbatim text, catalog). */
function reuse(record: GenerationRecord, entry: Entry, index: number, pipeline: Pipeline): GenerationRecord {
  return {
    ...record,
    prompt_id: entry.prompt_id,
    prompt_index: index,
    user_prompt: entry.user_prompt,
    original_complexity: entry.original_complexity,
    metadata: entry.metadata,
    provenance: { ...record.provenance, catalog_sha256: pipeline.provenance.catalog_sha256 },
  };
}

/**
 * Generates one shard: reuses every entry whose content key is already stored, runs the rest through the
 * pipeline on a bounded pool under a shared rate limit, appends each result as a JSONL line (group-committed: a
 * line is acknowledged once the fdatasync covering it returns), and
 * returns the counts. A failing prompt never stops the run; an abort returns a summary marked interrupted.
 */
export async function runShard(entries: Entry[], pipeline: Pipeline, options: RunShardOptions): Promise<ShardSummary> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const complexity = shardComplexity(entries, options.complexity);
  const secrets = options.secrets ?? [];
  const write = (value: unknown) => redact(JSON.stringify(value), secrets);
  const samplesPath = join(options.outDir, `${complexity}.jsonl`);
  const failuresPath = join(options.outDir, `${complexity}.failures.jsonl`);
  const headerPath = join(options.outDir, `${complexity}.run.json`);
  const limits = options.limits ?? planLimitsFor(complexity, {});
  const cache = options.cacheDir ? new ContentCache(options.cacheDir) : undefined;
  const keys = entries.map((entry) => sampleKey(entry, pipeline.provenance, { limits }));

  const paths = { samplesPath, failuresPath, headerPath };
  // Read only: whether there is work is known before a file is touched (options.beforeGenerate may refuse the run).
  const ledger = await indexLedger(paths, pipeline.provenance.catalog_sha256, options.resume);
  const { resumed } = ledger;
  if (options.beforeGenerate) {
    const reusable = async (entry: Entry, key: string) => {
      const identity = ledgerIdentity({ prompt_id: entry.prompt_id, key });
      if ((await ledger.sampleByIdentity(identity)) ?? (await ledger.sampleByKey(key)) ?? (await cache?.get(key))) return true;
      return options.retryFailed === false && (await ledger.failureByIdentity(identity)) !== undefined;
    };
    for (const [index, entry] of entries.entries()) {
      if (await reusable(entry, keys[index])) continue;
      await options.beforeGenerate();
      break;
    }
  }
  await mkdir(options.outDir, { recursive: true });
  if (options.logDir) await mkdir(options.logDir, { recursive: true });
  if (options.resume === false) await clearLedger(paths);

  const header: RunHeader = {
    version: 1,
    run_id: `${new Date(started).toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`,
    complexity,
    catalog_sha256: pipeline.provenance.catalog_sha256,
    provenance: pipeline.provenance,
    entries: entries.length,
    started_at: new Date(started).toISOString(),
    status: 'running',
  };
  await writeRunHeader(headerPath, header);

  const samples = await JsonlAppender.open(samplesPath);
  const failures = await JsonlAppender.open(failuresPath);
  const limiter = options.limiter ?? new RateLimiter({ requestsPerMinute: options.requestsPerMinute, tokensPerMinute: options.tokensPerMinute, clock });
  const emit: ProgressListener = (event) => options.onEvent?.(event);
  const breaker = options.breaker ?? new CircuitBreaker(options.breakerThreshold ?? BREAKER_THRESHOLD);
  const counts = { regenerated: 0, cached: 0, failed: 0, kept_failures: 0, abandoned: 0, planner_calls: 0, composer_calls: 0, llm_calls: 0, failed_llm_calls: 0, tokens: 0, rate_limited: 0 };
  const listed: ShardSummary['failures'] = [];
  const listFailure = (failure: FailureRecord) => {
    if (listed.length < FAILURES_LISTED) listed.push({ prompt_id: failure.prompt_id, stage: failure.stage, reason: redact(failure.reason, secrets) });
  };
  const unsubscribe = limiter.onRateLimited((waitMs) => {
    counts.rate_limited += 1;
    emit({ type: 'rate-limited', wait_ms: waitMs });
  });
  // One byte an entry: the records stay in the ledgers, which compaction reads back (issue 19 item 11).
  const settled = new SettledOutcomes(entries.length);
  // Where this run put each entry's line, kept for a ledger that started empty: compaction reads them by span.
  const appended = { samples: samples.startedEmpty ? emptyLineSpans(entries.length) : undefined, failures: failures.startedEmpty ? emptyLineSpans(entries.length) : undefined };
  const noteSpan = (spans: LineSpans | undefined, index: number) => (span: LineSpan) => {
    if (!spans) return;
    spans.offsets[index] = span.offset;
    spans.lengths[index] = span.length;
  };

  try {
    // Reuse first: everything already stored is settled before a single model call.
    const todo: number[] = [];
    const reusedLines: Array<Promise<void>> = [];
    for (const [index, entry] of entries.entries()) {
      const key = keys[index];
      const own = await ledger.sampleByIdentity(ledgerIdentity({ prompt_id: entry.prompt_id, key }));
      if (own) {
        settled.set(index, 'sample');
      } else {
        const stored = (await ledger.sampleByKey(key)) ?? (await cache?.get(key));
        if (stored) {
          settled.set(index, 'sample');
          // Not awaited one by one: the appender commits these lines in a few fsynced batches, a bounded number
          // of lines at a time so a shard of cached samples is not buffered whole.
          reusedLines.push(samples.append(write(reuse(stored, entry, index, pipeline))).then(noteSpan(appended.samples, index)));
          if (reusedLines.length >= REUSED_LINES_IN_FLIGHT) await Promise.all(reusedLines.splice(0));
        }
      }
      if (settled.has(index)) {
        counts.cached += 1;
        emit({ type: 'sample-end', prompt_id: entry.prompt_id, prompt_index: index, cached: true, duration_ms: 0 });
        continue;
      }
      const failure = await ledger.failureByIdentity(ledgerIdentity({ prompt_id: entry.prompt_id, key }));
      if (failure && options.retryFailed === false) {
        settled.set(index, 'failed');
        counts.failed += 1;
        counts.kept_failures += 1;
        listFailure(failure);
        emit({ type: 'sample-failed', prompt_id: entry.prompt_id, prompt_index: index, stage: failure.stage, reason: failure.reason, skipped: true });
        continue;
      }
      todo.push(index);
    }
    await Promise.all(reusedLines);
    emit({ type: 'shard-start', complexity, total: entries.length, reused: entries.length - todo.length, to_generate: todo.length });

    const stop = new AbortController();
    const onAbort = () => stop.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) stop.abort();
    let closed = false;

    const context: EntryContext = {
      pipeline,
      inventory: pipeline.tools.inventory(),
      limits,
      clock,
      retry: { maxAttempts: options.maxAttempts ?? 3, backoffMs: options.backoffMs ?? 500, backoffCapMs: options.backoffCapMs ?? 15_000, clock, signal: stop.signal },
      callModel: <T>(stage: ModelStage, entry: Entry, fn: () => Promise<T>, usageOf: (result: T) => TokenUsage[], budget?: CallBudget) => {
        counts[stage === 'plan' ? 'planner_calls' : 'composer_calls'] += 1;
        const counted = async () => {
          // A model client tallies every request on the budget, failed ones too (the summary once said "0 LLM calls"
          // after 36 failed requests); a part without one (offline or fake) is counted from its reported usage.
          const before = budget ? { requests: budget.requests, failed: budget.failedRequests, tokens: budget.tokens } : undefined;
          const tally = (result?: T) => {
            if (budget && before && budget.requests > before.requests) {
              counts.llm_calls += budget.requests - before.requests;
              counts.failed_llm_calls += budget.failedRequests - before.failed;
              counts.tokens += budget.tokens - before.tokens;
              return;
            }
            for (const usage of result === undefined ? [] : usageOf(result)) {
              if (usage.total_tokens > 0) counts.llm_calls += 1;
              counts.tokens += usage.total_tokens;
            }
          };
          try {
            const result = await fn();
            tally(result);
            return result;
          } catch (error) {
            tally();
            throw error;
          }
        };
        if (options.limitModelCalls === false) return counted();
        const estimate = (options.estimateTokens ?? defaultEstimate)(entry, stage);
        return limiter.schedule(estimate, counted, (result) => usageOf(result).reduce((sum, usage) => sum + usage.total_tokens, 0), {
          signal: budget?.signal ?? stop.signal,
          abortError: () => (budget ? budget.errorFor(budget.stopped() ?? 'deadline') : new CallBudgetError('aborted', 'model call aborted: the run is stopping')),
        });
      },
    };

    const turnAway = async (index: number, trip: BreakerTrip) => {
      const entry = entries[index];
      const failure: FailureRecord = {
        ...recordBase(entry, { key: keys[index], prompt_index: index, provenance: pipeline.provenance, now: clock.now(), attempts: 0 }),
        status: 'failed',
        stage: trip.stage,
        reason: describeTrip(trip),
        fault: 'circuit-open',
        usage: [],
      };
      noteSpan(appended.failures, index)(await failures.append(write(failure)));
      counts.failed += 1;
      settled.set(index, 'failed');
      listFailure(failure);
      emit({ type: 'sample-failed', prompt_id: entry.prompt_id, prompt_index: index, stage: failure.stage, reason: redact(failure.reason, secrets), skipped: true });
    };

    const settle = async (index: number) => {
      const entry = entries[index];
      // An open breaker admits no more model calls: the entry is recorded with the breaker's reason at once.
      if (breaker.trip) return turnAway(index, breaker.trip);
      const entryStarted = clock.now();
      emit({ type: 'sample-start', prompt_id: entry.prompt_id, prompt_index: index });
      const log = new TaskLog(() => clock.now());
      const budget = new CallBudget({ deadlineMs: options.modelDeadlineMs ?? MODEL_DEADLINE_MS, rateLimitBudget: options.rateLimitBudget ?? RATE_LIMIT_BUDGET, signal: stop.signal });
      let outcome: Outcome;
      try {
        outcome = await (options.generate ?? generateEntry)({ entry, prompt_index: index, key: keys[index], budget, signal: stop.signal }, context, log);
      } finally {
        budget.close();
      }
      if (closed) return; // abandoned after the grace period: the run has returned, write nothing
      // Cut short by the stop: its failure is the stop's, not the prompt's. Unrecorded, so resume runs it again.
      if (stop.signal.aborted && outcome.status === 'failed') return;
      const line = write(outcome);
      // The ledger line is the acknowledgement (group-committed with the other in-flight entries' lines); the
      // cache entry and the task log are written alongside it without an fsync of their own.
      const logged = options.logDir ? replaceFile(join(options.logDir, taskLogName(entry.prompt_id)), redact(log.text(), secrets)) : undefined;
      if (outcome.status === 'sample') {
        await Promise.all([samples.append(line).then(noteSpan(appended.samples, index)), cache?.put(outcome.key, line), logged]);
        counts.regenerated += 1;
      } else {
        await Promise.all([failures.append(line).then(noteSpan(appended.failures, index)), logged]);
        counts.failed += 1;
      }
      settled.set(index, outcome.status);
      if (outcome.status === 'sample') {
        breaker.record({ ok: true });
        emit({ type: 'sample-end', prompt_id: entry.prompt_id, prompt_index: index, cached: false, duration_ms: clock.now() - entryStarted });
      } else {
        listFailure(outcome);
        emit({ type: 'sample-failed', prompt_id: entry.prompt_id, prompt_index: index, stage: outcome.stage, reason: redact(outcome.reason, secrets), skipped: false });
        const trip = breaker.record({ ok: false, fault: outcome.fault, stage: outcome.stage, reason: redact(outcome.reason, secrets) });
        if (trip) emit({ type: 'breaker-open', fault: trip.fault, failures: trip.failures, reason: trip.reason });
      }
    };

    const { interrupted, fatal } = await admitEntries(todo, settle, {
      concurrency: options.concurrency,
      sleepMs: options.sleepMs,
      graceMs: options.graceMs,
      clock,
      stop,
      onAbandon: (inFlight) => {
        closed = true;
        counts.abandoned = inFlight;
      },
    });
    options.signal?.removeEventListener('abort', onAbort);
    if (fatal !== undefined) throw fatal;
    const wasInterrupted = interrupted || stop.signal.aborted;

    await samples.close();
    await failures.close();
    if (!wasInterrupted) {
      const compaction = {
        settled,
        promptIds: entries.map((entry) => entry.prompt_id),
        keys,
        restateSample: (record: GenerationRecord, index: number) => reuse(record, entries[index], index, pipeline),
        restateFailure: (record: FailureRecord, index: number) => ({ ...record, prompt_index: index }),
        appended,
      };
      await compactOutputs(compaction, samplesPath, failuresPath, write, cache);
    }
    const notDone = settled.notDone();
    await writeRunHeader(headerPath, {
      ...header,
      finished_at: new Date(clock.now()).toISOString(),
      status: wasInterrupted ? 'interrupted' : 'complete',
      counts: { regenerated: counts.regenerated, cached: counts.cached, failed: counts.failed, not_done: notDone },
    });
    emit({ type: 'shard-end', interrupted: wasInterrupted });
    return {
      complexity,
      total: entries.length,
      ...counts,
      failures: listed,
      ...(breaker.trip ? { breaker: breaker.trip } : {}),
      not_done: notDone,
      interrupted: wasInterrupted,
      resumed,
      skipped_lines: ledger.skipped,
      samples_path: samplesPath,
      failures_path: failuresPath,
      duration_ms: clock.now() - started,
    };
  } finally {
    unsubscribe();
    await samples.close().catch(() => undefined);
    await failures.close().catch(() => undefined);
  }
}
