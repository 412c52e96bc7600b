import { isRetryable } from '@forge/errors';
import type { Clock } from './clock.ts';

export interface RetryOptions {
  maxAttempts: number;
  /** First backoff; doubles each attempt up to backoffCapMs. */
  backoffMs: number;
  backoffCapMs: number;
  clock: Clock;
  signal?: AbortSignal;
  /** Which errors deserve another attempt; defaults to `isRetryable` from @forge/errors. */
  retryable?: (error: unknown) => boolean;
}

/** The error of the last attempt, with how many attempts were made. */
export class StageAttemptsError extends Error {
  constructor(
    readonly error: unknown,
    readonly attempts: number,
  ) {
    super(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/**
 * Runs `fn` up to `maxAttempts` times, backing off between attempts, but only while the error is retryable and
 * the signal has not aborted. Resolves with the value and the attempt count; throws StageAttemptsError otherwise.
 */
export async function retryStage<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<{ value: T; attempts: number }> {
  const retryable = options.retryable ?? isRetryable;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { value: await fn(attempt), attempts: attempt };
    } catch (error) {
      if (attempt >= options.maxAttempts || !retryable(error) || options.signal?.aborted) throw new StageAttemptsError(error, attempt);
      const backoff = Math.min(options.backoffMs * 2 ** (attempt - 1), options.backoffCapMs);
      await options.clock.sleep(backoff, options.signal);
    }
  }
}
