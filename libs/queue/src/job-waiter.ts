import { QueueEvents, type Queue } from 'bullmq';
import type { QueueConnection } from './queue-connection.ts';

/** How a job ended: its return value, or the reason it failed after its attempts. */
export type JobEnd = { state: 'completed'; returnvalue: unknown } | { state: 'failed'; reason: string; attempts: number };

interface Waiting {
  resolvers: Array<(end: JobEnd) => void>;
  /** Re-enqueues the job when Redis no longer has it (removed by age, or the queue was emptied). */
  requeue: () => Promise<void>;
}

/**
 * Waits for jobs by id. Events (QueueEvents) say when to look; the job's own state in Redis is the answer, read
 * after the listener is up, so a job that finished before we asked, or while the coordinator was down, is found
 * at once. A periodic sweep covers events lost to a reconnect or a trimmed event stream.
 */
export class JobWaiter {
  private readonly waiting = new Map<string, Waiting>();
  private readonly events: QueueEvents;
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping = false;

  private constructor(
    private readonly queue: Queue,
    connection: QueueConnection,
    sweepMs: number,
  ) {
    this.events = new QueueEvents(queue.name, { connection: connection.options, prefix: queue.opts.prefix });
    this.events.on('completed', ({ jobId }) => void this.look(jobId));
    this.events.on('failed', ({ jobId }) => void this.look(jobId));
    this.events.on('error', () => undefined); // reconnects on its own; the sweep covers the gap
    this.sweeper = setInterval(() => void this.sweep(), sweepMs);
    this.sweeper.unref();
  }

  static async open(queue: Queue, connection: QueueConnection, sweepMs = 5_000): Promise<JobWaiter> {
    const waiter = new JobWaiter(queue, connection, sweepMs);
    await waiter.events.waitUntilReady();
    return waiter;
  }

  /** Resolves when job `id` has completed or failed for good. */
  wait(id: string, requeue: () => Promise<void>): Promise<JobEnd> {
    return new Promise<JobEnd>((resolve) => {
      const entry = this.waiting.get(id) ?? { resolvers: [], requeue };
      entry.resolvers.push(resolve);
      this.waiting.set(id, entry);
      void this.look(id);
    });
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.events.close();
  }

  private async look(id: string): Promise<void> {
    const entry = this.waiting.get(id);
    if (!entry) return;
    // The state first, then the job: a job read before its state could be one from before it finished.
    const state = await this.queue.getJobState(id);
    if (state === 'unknown') {
      await entry.requeue();
      return;
    }
    if (state !== 'completed' && state !== 'failed') return;
    const job = await this.queue.getJob(id);
    // Settled twice (event and sweep), or retried between the state and the read: only the first settled read counts.
    if (!job || !this.waiting.has(id)) return;
    this.waiting.delete(id);
    const end: JobEnd =
      state === 'completed'
        ? { state, returnvalue: job.returnvalue }
        : { state, reason: job.failedReason || 'no reason given', attempts: job.attemptsMade };
    for (const resolve of entry.resolvers) resolve(end);
  }

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const id of [...this.waiting.keys()]) await this.look(id).catch(() => undefined);
    } finally {
      this.sweeping = false;
    }
  }
}
