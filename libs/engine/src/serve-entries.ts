import { parentPort, workerData } from 'node:worker_threads';
import { ConfigError, ForgeError } from '@forge/errors';
import { CallBudget } from '@forge/planner';
import { systemClock } from './clock.ts';
import type { EntryJob, EntryWorkerData, FromWorker, ModelCall, ToWorker } from './entry-worker-message.ts';
import { generateEntry, type EntryContext } from './generate-entry.ts';
import type { Provenance } from './generation-record.ts';
import type { Pipeline } from './pipeline.ts';
import { MODEL_DEADLINE_MS, RATE_LIMIT_BUDGET } from './run-shard.ts';
import { TaskLog } from './task-log.ts';

/** Calls a named handler on the main thread (startEntryWorkers' relays), e.g. the one shared Python sandbox. */
export interface MainThread {
  call(name: string, request: unknown): Promise<unknown>;
}

/** A worker's own pipeline and what to close when the run ends. */
export interface ServedPipeline {
  pipeline: Pipeline;
  close(): Promise<void>;
}

export type PipelineFactory = (settings: unknown, main: MainThread) => Promise<ServedPipeline>;

function differences(own: Provenance, theirs: Provenance): string[] {
  return (Object.keys(theirs) as Array<keyof Provenance>)
    .filter((field) => own[field] !== theirs[field])
    .map((field) => `${field} (worker ${JSON.stringify(own[field])}, main thread ${JSON.stringify(theirs[field])})`);
}

/** A relayed error keeps its message (what a tool result shows) and whether a retry may help. */
function relayedError(message: string, retryable: boolean): Error {
  return new ForgeError({ problem: message, retryable }, message);
}

/**
 * The worker-thread side of startEntryWorkers: builds this thread's pipeline with `build` (its own planner, plan
 * checker and tool world), refuses to serve when its provenance differs from the main thread's, then runs each
 * entry it is sent through generateEntry and sends back the record, the task-log lines and the model calls made.
 * Records and ledgers stay the main thread's. Call it from the module named to startEntryWorkers.
 */
export async function serveEntries(build: PipelineFactory): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveEntries runs in a worker thread started by startEntryWorkers');
  const data = workerData as EntryWorkerData;
  const send = (message: FromWorker) => port.postMessage(message);
  const relays = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextRelay = 1;
  const main: MainThread = {
    call: (name, request) =>
      new Promise((resolve, reject) => {
        const id = nextRelay++;
        relays.set(id, { resolve, reject });
        send({ type: 'relay', id, name, request });
      }),
  };
  const running = new Map<number, AbortController>();
  let served: ServedPipeline | undefined;
  let context: Omit<EntryContext, 'limits' | 'retry' | 'callModel'> | undefined;

  const run = async (job: EntryJob, ready: NonNullable<typeof context>) => {
    const controller = new AbortController();
    running.set(job.id, controller);
    const calls: ModelCall[] = [];
    const log = new TaskLog(() => systemClock.now());
    const budget = new CallBudget({ deadlineMs: job.budget?.deadlineMs ?? MODEL_DEADLINE_MS, rateLimitBudget: job.budget?.rateLimitBudget ?? RATE_LIMIT_BUDGET, signal: controller.signal });
    try {
      const record = await generateEntry({ entry: job.entry, prompt_index: job.prompt_index, key: job.key, budget, signal: controller.signal }, {
        ...ready,
        limits: job.limits,
        retry: { ...job.retry, clock: ready.clock, signal: controller.signal },
        // No limiter here: the main thread replays each call through its own callModel (the run's limiter and counts).
        callModel: async (stage, _entry, fn, usageOf) => {
          try {
            const result = await fn();
            calls.push({ stage, usage: usageOf(result) });
            return result;
          } catch (error) {
            calls.push({ stage, usage: [] });
            throw error;
          }
        },
      }, log);
      send({ type: 'outcome', id: job.id, record, log: log.rendered(), modelCalls: calls });
    } finally {
      budget.close();
      running.delete(job.id);
    }
  };

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'entry':
        if (context) void run(message, context);
        return;
      case 'abort':
        running.get(message.id)?.abort();
        return;
      case 'relay-reply': {
        const waiter = relays.get(message.id);
        relays.delete(message.id);
        if (message.ok) waiter?.resolve(message.value);
        else waiter?.reject(relayedError(message.message, message.retryable));
        return;
      }
      case 'close':
        void (async () => {
          await served?.close().catch(() => undefined);
          send({ type: 'closed' });
          port.close();
        })();
        return;
    }
  });

  try {
    served = await build(data.settings, main);
    const differing = differences(served.pipeline.provenance, data.provenance);
    if (differing.length > 0) {
      throw new ConfigError({ problem: `${data.name} wired another pipeline than the main thread: ${differing.join(', ')}`, hint: 'the worker module must build the pipeline the run was keyed with' });
    }
    context = { pipeline: served.pipeline, inventory: served.pipeline.tools.inventory(), clock: systemClock };
    send({ type: 'ready' });
  } catch (error) {
    await served?.close().catch(() => undefined);
    send({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
  }
}
