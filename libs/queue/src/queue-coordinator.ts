import { setMaxListeners } from 'node:events';
import { Queue } from 'bullmq';
import type { Entry } from '@forge/catalog';
import { recordBase, type EntryContext, type EntryGenerator, type EntryInput, type FailureRecord, type GenerationRecord, type TaskLog } from '@forge/engine';
import { GENERATE_JOB, JobResultSchema, type GenerationJob } from './generation-job.ts';
import { JobWaiter, type JobEnd } from './job-waiter.ts';
import { DEFAULT_QUEUE_NAME, probeQueue, type QueueConnection } from './queue-connection.ts';
import { publishBudget, type SharedBudget } from './shared-rate-limiter.ts';

export interface QueueCoordinatorOptions {
  connection: QueueConnection;
  queueName?: string;
  /** Attempts per job before it becomes a recorded failure (default 3): a worker's crash or refusal, not a prompt's verdict. */
  attempts?: number;
  /** The RPM/TPM budget every worker shares. */
  budget?: SharedBudget;
  /** How long finished jobs stay in Redis for a restarted coordinator to collect (default 7 days). */
  keepFinishedSeconds?: number;
  sweepMs?: number;
}

export interface QueueCoordinator {
  /**
   * The generate function for runShard over one shard. `recordedFailureKeys`: content keys whose failure the
   * ledger holds; when runShard asks for one again (retrying failures), its finished job is run again instead of
   * being collected as it was.
   */
  generatorFor(recordedFailureKeys: Iterable<string>): EntryGenerator;
  close(): Promise<void>;
}

type Outcome = GenerationRecord | FailureRecord;

/** A record made for one entry takes the identity of the entry it now serves (a shared key serves several). */
function restate(record: Outcome, entry: Entry, index: number): Outcome {
  return { ...record, prompt_id: entry.prompt_id, prompt_index: index, user_prompt: entry.user_prompt, original_complexity: entry.original_complexity, metadata: entry.metadata };
}

function failureOf(input: EntryInput, context: EntryContext, reason: string, attempts: number): FailureRecord {
  const { entry } = input;
  return {
    ...recordBase(entry, { key: input.key, prompt_index: input.prompt_index, provenance: context.pipeline.provenance, now: context.clock.now(), attempts }),
    status: 'failed',
    stage: 'internal',
    reason,
    usage: [],
  };
}

const stops = new WeakMap<AbortSignal, Promise<'stopped'>>();

/** Resolves with 'stopped' when `signal` aborts (one listener per signal, however many entries wait); never without one. */
function stopped(signal: AbortSignal | undefined): Promise<'stopped'> {
  if (!signal) return new Promise(() => undefined);
  let promise = stops.get(signal);
  if (!promise) {
    promise = new Promise((resolve) => {
      if (signal.aborted) resolve('stopped');
      else signal.addEventListener('abort', () => resolve('stopped'), { once: true });
    });
    stops.set(signal, promise);
  }
  return promise;
}

function isFailedRun(end: JobEnd): boolean {
  if (end.state === 'failed') return true;
  const parsed = JobResultSchema.safeParse(end.returnvalue);
  return !parsed.success || parsed.data.record.status === 'failed';
}

/**
 * Opens the coordinator side of a queued run (issue 16): checks Redis answers (QueueError naming the URL
 * otherwise), publishes the shared budget, and hands out generate functions that enqueue each entry as one job
 * whose id is its content key (enqueueing it again is a no-op) and wait for its end. runShard stays the only
 * ledger writer, so each job is recorded once, whichever worker ran it and however often.
 */
export async function openQueueCoordinator(options: QueueCoordinatorOptions): Promise<QueueCoordinator> {
  await probeQueue(options.connection);
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  const queue = new Queue(name, { connection: options.connection.options });
  queue.on('error', () => undefined); // ioredis reconnects; a command that fails for good rejects where it was issued
  const keep = options.keepFinishedSeconds ?? 7 * 24 * 3600;
  const jobOptions = {
    attempts: options.attempts ?? 3,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { age: keep },
    removeOnFail: { age: keep },
  };
  await publishBudget(await queue.client, name, options.budget ?? {});
  const waiter = await JobWaiter.open(queue, options.connection, options.sweepMs);

  return {
    generatorFor(recordedFailureKeys) {
      const rerun = new Set(recordedFailureKeys);
      return async (input, context, log: TaskLog) => {
        // Every entry of the shard waits at once, each with its listeners on the run's stop signal: not a leak.
        if (context.retry.signal) setMaxListeners(0, context.retry.signal);
        const data: GenerationJob = { entry: input.entry, prompt_index: input.prompt_index, key: input.key, limits: context.limits, provenance: context.pipeline.provenance };
        const enqueue = async () => {
          await queue.add(GENERATE_JOB, data, { ...jobOptions, jobId: input.key });
        };
        if (rerun.delete(input.key)) {
          // The ledger holds this key's failure and runShard retries it: a finished failed run goes again.
          const job = await queue.getJob(input.key);
          const state = await job?.getState();
          if (job && (state === 'completed' || state === 'failed')) {
            const end: JobEnd = state === 'completed' ? { state, returnvalue: job.returnvalue } : { state, reason: job.failedReason, attempts: job.attemptsMade };
            if (isFailedRun(end)) await job.remove();
          }
        }
        await enqueue();
        log.add('queue', `enqueued as job ${input.key} on ${options.connection.url} queue ${name}`);
        // The run's stop: every entry is admitted at once here, so the engine's pool alone would wait for all jobs.
        const stop = context.retry.signal;
        const end = await Promise.race([waiter.wait(input.key, enqueue), stopped(stop)]);
        if (end === 'stopped') {
          log.add('queue', 'the coordinator stopped before the job ended; it stays queued for a resumed run');
          return failureOf(input, context, 'the coordinator stopped before this job ended (it stays queued; a resumed run collects it)', 0);
        }
        if (end.state === 'failed') {
          log.add('queue', `job failed after ${end.attempts} attempt(s): ${end.reason}`);
          return failureOf(input, context, `queue job failed after ${end.attempts} attempt(s): ${end.reason}`, end.attempts);
        }
        const result = JobResultSchema.safeParse(end.returnvalue);
        if (!result.success) {
          return failureOf(input, context, `a worker returned an unreadable result: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).slice(0, 3).join('; ')}`, 1);
        }
        log.add('queue', `run by worker ${result.data.worker}`);
        for (const line of result.data.log.split('\n').filter(Boolean)) log.add('worker', line);
        return restate(result.data.record, input.entry, input.prompt_index);
      };
    },
    async close() {
      await waiter.close();
      await queue.close();
    },
  };
}
