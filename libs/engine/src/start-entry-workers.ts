import { Worker } from 'node:worker_threads';
import { ForgeError, isRetryable } from '@forge/errors';
import type { EntryJob, EntryWorkerData, FromWorker, ToWorker } from './entry-worker-message.ts';
import type { EntryContext, EntryInput } from './generate-entry.ts';
import { recordBase, type FailureRecord, type GenerationRecord, type Provenance } from './generation-record.ts';
import type { EntryGenerator } from './run-shard.ts';
import type { TaskLog } from './task-log.ts';

export interface EntryWorkersOptions {
  /** The module each worker thread runs; it calls serveEntries with its pipeline factory. A .ts module goes through tsx. */
  module: URL;
  /** Worker threads (at least 1). */
  workers: number;
  /** Structured-clonable settings for the module's pipeline factory (config, paths, catalog sha). */
  settings: unknown;
  /** The main thread's pipeline provenance: a worker whose pipeline differs refuses to start. */
  provenance: Provenance;
  /** Named calls the workers make on the main thread (the one shared Python sandbox). */
  relays?: Record<string, (request: unknown) => Promise<unknown>>;
  /** How long close() waits for a worker to close its pipeline before terminating it (default 5 s). */
  closeMs?: number;
}

export interface EntryWorkers {
  /** runShard's `generate`: runs each entry on a worker thread; runShard keeps admission, ledgers, cache and task logs. */
  generate: EntryGenerator;
  close(): Promise<void>;
}

/** A worker thread that could not start: its own error, or its exit before it was ready. */
export class EntryWorkerError extends ForgeError {}

const bootstrap = new URL('./entry-worker-bootstrap.mjs', import.meta.url);

type Outcome = GenerationRecord | FailureRecord;
type Reply = Extract<FromWorker, { type: 'outcome' }> | { type: 'lost'; reason: string };

/** One worker thread, started on first use and again after it exits. */
class WorkerSlot {
  inFlight = 0;
  /** Entries sent here so far: ties go to the thread that has run fewest, so every thread's JIT warms up alike. */
  dispatched = 0;
  /** Content keys of the entries in flight here: a key's Slack episode is served by one thread at a time. */
  readonly keys = new Map<string, number>();
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private closing = false;

  constructor(
    readonly name: string,
    private readonly options: EntryWorkersOptions,
  ) {}

  /** Starts the thread unless it is up; rejects with EntryWorkerError when it fails to. */
  start(): Promise<void> {
    if (this.closing) return Promise.reject(new EntryWorkerError({ problem: `${this.name} is closed` }));
    this.ready ??= new Promise<void>((resolve, reject) => {
      const data: EntryWorkerData = { module: this.options.module.href, settings: this.options.settings, provenance: this.options.provenance, name: this.name };
      const worker = new Worker(bootstrap, { workerData: data });
      this.worker = worker;
      let lastError: Error | undefined;
      let started = false;
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          started = true;
          resolve();
        } else if (message.type === 'start-failed') {
          reject(new EntryWorkerError({ problem: `${this.name} could not start: ${message.message}` }));
        } else if (message.type === 'outcome') {
          const waiter = this.pending.get(message.id);
          this.pending.delete(message.id);
          waiter?.(message);
        } else if (message.type === 'relay') {
          void this.relay(worker, message);
        }
      });
      worker.on('error', (error) => {
        lastError = error;
      });
      worker.on('exit', (code) => {
        if (this.worker === worker) {
          this.worker = undefined;
          this.ready = undefined;
        }
        const why = `${this.name} exited (code ${code})${lastError ? `: ${lastError.name}: ${lastError.message}` : ''}`;
        if (!started) reject(new EntryWorkerError({ problem: `${this.name} could not start: ${why}` }));
        for (const [id, waiter] of this.pending) {
          this.pending.delete(id);
          waiter({ type: 'lost', reason: `${why}, while running this entry` });
        }
      });
    });
    return this.ready;
  }

  /** Sends one entry and resolves with its outcome, or with why it was lost (the thread died). */
  run(job: EntryJob, signal: AbortSignal | undefined): Promise<Reply> {
    const worker = this.worker;
    if (!worker) return Promise.resolve({ type: 'lost', reason: `${this.name} is not running` });
    return new Promise<Reply>((resolve) => {
      const onAbort = () => this.post(worker, { type: 'abort', id: job.id });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(job.id, (reply) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(reply);
      });
      this.post(worker, job);
      if (signal?.aborted) onAbort();
    });
  }

  async close(closeMs: number): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.post(worker, { type: 'close' });
    const timer = setTimeout(() => void worker.terminate(), closeMs);
    await exited;
    clearTimeout(timer);
  }

  private post(worker: Worker, message: ToWorker): void {
    try {
      worker.postMessage(message);
    } catch {
      // A thread that is exiting: its 'exit' answers every entry waiting on it.
    }
  }

  private async relay(worker: Worker, message: Extract<FromWorker, { type: 'relay' }>): Promise<void> {
    const handler = this.options.relays?.[message.name];
    try {
      if (!handler) throw new Error(`no main-thread relay named ${message.name}`);
      this.post(worker, { type: 'relay-reply', id: message.id, ok: true, value: await handler(message.request) });
    } catch (error) {
      this.post(worker, { type: 'relay-reply', id: message.id, ok: false, message: error instanceof Error ? error.message : String(error), retryable: isRetryable(error) });
    }
  }
}

function lostEntry(input: EntryInput, context: EntryContext, reason: string, fault: string): FailureRecord {
  return {
    ...recordBase(input.entry, { key: input.key, prompt_index: input.prompt_index, provenance: context.pipeline.provenance, now: context.clock.now(), attempts: 1 }),
    status: 'failed',
    stage: 'internal',
    reason,
    fault,
    usage: [],
  };
}

/**
 * Starts `workers` threads, each running `module` (which calls serveEntries to build its own pipeline and tool
 * world), and resolves once every one is ready; throws EntryWorkerError with the first one's reason otherwise, with
 * every thread stopped. Entries go to the thread with the fewest in flight (then the fewest run), except that
 * entries sharing a content key (one Slack episode) go to the thread already running that key. A thread that dies
 * turns each entry it was running into a recorded failure (stage internal, fault worker-exit) and is started again
 * for the next entry.
 */
export async function startEntryWorkers(options: EntryWorkersOptions): Promise<EntryWorkers> {
  const slots = Array.from({ length: Math.max(1, options.workers) }, (_, index) => new WorkerSlot(`entry worker ${index + 1}`, options));
  const closeMs = options.closeMs ?? 5_000;
  const close = async () => {
    await Promise.all(slots.map((slot) => slot.close(closeMs)));
  };
  const started = await Promise.allSettled(slots.map((slot) => slot.start()));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  let nextId = 1;

  const pick = (key: string): WorkerSlot => {
    const serving = slots.find((slot) => slot.keys.has(key));
    if (serving) return serving;
    return slots.reduce((best, slot) => (slot.inFlight < best.inFlight || (slot.inFlight === best.inFlight && slot.dispatched < best.dispatched) ? slot : best));
  };

  const generate: EntryGenerator = async (input: EntryInput, context: EntryContext, log: TaskLog): Promise<Outcome> => {
    const slot = pick(input.key);
    slot.inFlight += 1;
    slot.dispatched += 1;
    slot.keys.set(input.key, (slot.keys.get(input.key) ?? 0) + 1);
    try {
      try {
        await slot.start();
      } catch (error) {
        return lostEntry(input, context, error instanceof Error ? error.message : String(error), 'worker-start');
      }
      const job: EntryJob = {
        type: 'entry',
        id: nextId++,
        entry: input.entry,
        prompt_index: input.prompt_index,
        key: input.key,
        limits: context.limits,
        retry: { maxAttempts: context.retry.maxAttempts, backoffMs: context.retry.backoffMs, backoffCapMs: context.retry.backoffCapMs },
        ...(input.budget ? { budget: { deadlineMs: input.budget.deadlineMs, rateLimitBudget: input.budget.rateLimitBudget } } : {}),
      };
      const reply = await slot.run(job, input.signal);
      if (reply.type === 'lost') {
        log.add('worker', reply.reason);
        return lostEntry(input, context, reply.reason, 'worker-exit');
      }
      log.addLines(reply.log);
      // The run's counts and limiter see each model call the worker made, as if it had been made here.
      for (const call of reply.modelCalls) {
        await context.callModel(call.stage, input.entry, async () => call.usage, (usage) => usage, input.budget).catch(() => undefined);
      }
      return reply.record;
    } finally {
      slot.inFlight -= 1;
      const left = (slot.keys.get(input.key) ?? 1) - 1;
      if (left === 0) slot.keys.delete(input.key);
      else slot.keys.set(input.key, left);
    }
  };

  return { generate, close };
}
