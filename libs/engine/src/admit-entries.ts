import PQueue from 'p-queue';
import type { Clock } from './clock.ts';

export interface AdmitEntriesOptions {
  /** Pool size (default 4). */
  concurrency?: number;
  /** Pause between admissions of new entries. */
  sleepMs?: number;
  /** How long in-flight entries may finish after an abort (default 30 s). */
  graceMs?: number;
  clock: Clock;
  /** Aborting it stops admission; a settle that throws aborts it too. */
  stop: AbortController;
  /** Called, synchronously as the grace period ends, with the number of entries still running. */
  onAbandon: (inFlight: number) => void;
}

export interface Admission {
  /** Whether admission stopped early because `stop` was aborted. */
  interrupted: boolean;
  /** The first error a settle threw (a ledger write failed), if any. */
  fatal: unknown;
}

/**
 * Settles `indexes` on a bounded pool, admitting one when a slot frees; once `stop` aborts, admits nothing more
 * and waits up to the grace period for in-flight entries. Never throws what a settle throws: returns it as `fatal`.
 */
export async function admitEntries(indexes: number[], settle: (index: number) => Promise<void>, options: AdmitEntriesOptions): Promise<Admission> {
  const { clock, stop } = options;
  let fatal: unknown;
  const queue = new PQueue({ concurrency: Math.max(1, options.concurrency ?? 4) });
  let inFlight = 0;
  let admitted = 0;
  for (const index of indexes) {
    if (stop.signal.aborted) break;
    await queue.onSizeLessThan(1);
    if (stop.signal.aborted) break;
    if (options.sleepMs && admitted > 0) {
      await clock.sleep(options.sleepMs, stop.signal);
      if (stop.signal.aborted) break;
    }
    admitted += 1;
    inFlight += 1;
    void queue.add(async () => {
      try {
        await settle(index);
      } catch (error) {
        // A ledger write failed (disk full, permissions): no later result could be kept either.
        fatal ??= error;
        stop.abort();
      } finally {
        inFlight -= 1;
      }
    });
  }

  const interrupted = stop.signal.aborted;
  if (interrupted) {
    queue.clear();
    const idle = queue.onIdle().then(() => true);
    const graceOver = clock.sleep(options.graceMs ?? 30_000).then(() => false);
    const finished = await Promise.race([idle, graceOver]);
    if (!finished) options.onAbandon(inFlight);
  } else {
    await queue.onIdle();
  }
  return { interrupted, fatal };
}
