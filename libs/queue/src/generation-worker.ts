import { hostname } from 'node:os';
import { UnrecoverableError, Worker, Queue, type Job } from 'bullmq';
import { defaultEstimate, generateEntry, redact, sampleKey, systemClock, TaskLog, type EntryContext, type Pipeline, type Provenance } from '@forge/engine';
import type { TokenUsage } from '@forge/planner';
import { GENERATE_JOB, GenerationJobSchema, type GenerationJob, type JobResult } from './generation-job.ts';
import { DEFAULT_QUEUE_NAME, probeQueue, type QueueConnection } from './queue-connection.ts';
import { SharedRateLimiter, type SharedRateLimiterOptions } from './shared-rate-limiter.ts';

export interface GenerationWorkerOptions {
  connection: QueueConnection;
  /** The pipeline this worker runs, wired as a local run wires it; its catalog sha is taken from each job. */
  pipeline: Pipeline;
  queueName?: string;
  /** Shown in task logs and on the job (default host:pid). */
  name?: string;
  /** Jobs in flight in this worker (default 4, as local generate's pool). */
  concurrency?: number;
  /** Attempts per stage for retryable errors (default 3), as runShard's maxAttempts. */
  maxAttempts?: number;
  backoffMs?: number;
  /** A job's lock: a worker that stops renewing it (killed) loses its jobs after this long (default 30 s). */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for and handed to another worker (default 30 s). */
  stalledIntervalMs?: number;
  /** Stalls a job survives before it fails (default 2). */
  maxStalledCount?: number;
  /** Values never to appear in a result (API keys). */
  secrets?: string[];
  limiter?: Omit<SharedRateLimiterOptions, 'name' | 'onPause'>;
  /**
   * Stages whose part never calls a model (the rule planner, the template composer): not charged to the shared
   * budget, which counts the provider's requests.
   */
  offlineStages?: Array<'plan' | 'compose'>;
  onJob?: (event: { type: 'job-end'; key: string; status: 'sample' | 'failed'; prompt_id: string }) => void;
}

export interface GenerationWorker {
  name: string;
  /** Jobs this worker finished, by outcome. */
  counts: { samples: number; failed: number; refused: number };
  /** Pauses every worker's model calls and job fetching for `waitMs` (a model client's 429 hook calls it). */
  pause(waitMs: number): Promise<void>;
  /** Stops fetching jobs, lets the ones in flight finish, and disconnects. */
  close(): Promise<void>;
}

// A job limiter far above any real rate: BullMQ honours queue.rateLimit (the 429 pause) only when one is set.
const JOB_LIMITER = { max: 1_000_000, duration: 1_000 };

/** Provenance fields where this worker's pipeline differs from the coordinator's (catalog sha aside). */
function differences(own: Provenance, theirs: Provenance): string[] {
  return (Object.keys(theirs) as Array<keyof Provenance>)
    .filter((field) => field !== 'catalog_sha256' && own[field] !== theirs[field])
    .map((field) => `${field} (worker ${JSON.stringify(own[field])}, coordinator ${JSON.stringify(theirs[field])})`);
}

/**
 * Starts a BullMQ worker that runs each queued prompt through the engine's generateEntry, the same pipeline as a
 * local run, with its model calls under the queue's shared RPM/TPM budget; a 429 pauses every worker's calls and
 * the queue's job fetching for the (bounded) Retry-After. A job whose coordinator runs another pipeline is refused
 * for good, naming the fields that differ. Throws QueueError naming the URL when Redis is unreachable.
 */
export async function startGenerationWorker(options: GenerationWorkerOptions): Promise<GenerationWorker> {
  await probeQueue(options.connection);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const secrets = options.secrets ?? [];
  const clock = systemClock;
  const counts = { samples: 0, failed: 0, refused: 0 };
  const queue = new Queue(queueName, { connection: options.connection.options });
  queue.on('error', () => undefined);
  const limiter = new SharedRateLimiter(await queue.client, {
    ...options.limiter,
    name: queueName,
    onPause: (waitMs) => queue.rateLimit(waitMs),
  });
  const inventory = options.pipeline.tools.inventory();
  const offline = new Set(options.offlineStages ?? []);

  const contextFor = (limits: GenerationJob['limits'], pipeline: Pipeline): EntryContext => ({
    pipeline,
    inventory,
    limits,
    clock,
    retry: { maxAttempts: options.maxAttempts ?? 3, backoffMs: options.backoffMs ?? 500, backoffCapMs: 15_000, clock },
    callModel: <T>(stage: 'plan' | 'compose', entry: GenerationJob['entry'], fn: () => Promise<T>, usageOf: (result: T) => TokenUsage[]) =>
      offline.has(stage)
        ? fn()
        : limiter.schedule(defaultEstimate(entry, stage), fn, (result) => usageOf(result).reduce((sum, usage) => sum + usage.total_tokens, 0)),
  });

  const processJob = async (job: Job): Promise<JobResult> => {
    const parsed = GenerationJobSchema.safeParse(job.data);
    if (!parsed.success) {
      counts.refused += 1;
      throw new UnrecoverableError(`worker ${name}: unreadable job data (${parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')})`);
    }
    const data = parsed.data;
    const pipeline: Pipeline = { ...options.pipeline, provenance: { ...options.pipeline.provenance, catalog_sha256: data.provenance.catalog_sha256 } };
    const differing = differences(pipeline.provenance, data.provenance);
    const key = sampleKey(data.entry, pipeline.provenance, { limits: data.limits });
    if (differing.length > 0 || key !== data.key) {
      counts.refused += 1;
      const why = differing.length > 0 ? differing.join(', ') : 'the content key recipe (another code version)';
      throw new UnrecoverableError(`worker ${name} runs another pipeline than the coordinator: ${why}`);
    }
    const log = new TaskLog(() => clock.now());
    const record = await generateEntry({ entry: data.entry, prompt_index: data.prompt_index, key: data.key }, contextFor(data.limits, pipeline), log);
    counts[record.status === 'sample' ? 'samples' : 'failed'] += 1;
    options.onJob?.({ type: 'job-end', key: data.key, status: record.status, prompt_id: data.entry.prompt_id });
    // Redacted here too: the result sits in Redis, which the coordinator's secrets list does not reach.
    return { record: JSON.parse(redact(JSON.stringify(record), secrets)), log: redact(log.text(), secrets), worker: name };
  };

  const worker = new Worker(queueName, async (job) => (job.name === GENERATE_JOB ? processJob(job) : Promise.reject(new UnrecoverableError(`unknown job ${job.name}`))), {
    connection: { ...options.connection.options, maxRetriesPerRequest: null },
    name,
    concurrency: options.concurrency ?? 4,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
    limiter: JOB_LIMITER,
    autorun: false,
  });
  worker.on('error', () => undefined); // connection trouble: ioredis reconnects and the worker carries on
  void worker.run();
  await worker.waitUntilReady();
  return {
    name,
    counts,
    pause: (waitMs) => limiter.pause(waitMs),
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
