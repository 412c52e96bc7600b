import { setTimeout as delay } from 'node:timers/promises';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { isRetryable } from '@forge/errors';
import { CallBudgetError, type CallBudget } from './call-budget.ts';
import { EmptyReplyError } from './empty-reply-error.ts';

/** Why a failed call may or may not be tried again, and how long the server asked us to wait. */
export interface RetryDecision {
  retryable: boolean;
  rateLimited: boolean;
  kind: 'rate-limit' | 'server' | 'timeout' | 'connection' | 'client' | 'empty-reply' | 'deadline' | 'aborted' | 'other';
  status?: number;
  /** From `retry-after-ms` or `Retry-After` (seconds or HTTP date), uncapped. */
  retryAfterMs?: number;
}

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  decision: RetryDecision;
}

export interface RetryOptions {
  /** Total tries including the first (default 4). */
  maxAttempts?: number;
  /** First backoff step (default 500 ms), doubled per attempt. */
  baseDelayMs?: number;
  /** Backoff ceiling before jitter (default 8 s). */
  maxDelayMs?: number;
  /** Ceiling on a server's Retry-After (default 30 s): a `Retry-After: 3600` must not stall a run for an hour. */
  maxRetryAfterMs?: number;
  /** Called on every 429 with the wait we are about to honour, so a shared limiter can pause everyone. */
  onRateLimited?: (retryAfterMs: number) => void;
  onRetry?: (event: RetryEvent) => void;
  /** Injected for tests; defaults to a real timer that stops on abort. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Clock for HTTP-date Retry-After values. */
  now?: () => number;
  signal?: AbortSignal;
  /**
   * The prompt's CallBudget: no attempt starts past its deadline or after the run stopped, a wait that would overrun
   * the deadline is not begun, and a 429 over its allowance ends the retries (each as a non-retryable CallBudgetError).
   */
  budget?: CallBudget;
}

export const RETRY_DEFAULTS = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 } as const;

function header(headers: Headers | undefined, name: string): string | null {
  return headers && typeof headers.get === 'function' ? headers.get(name) : null;
}

/** Reads `retry-after-ms`, then `Retry-After` as seconds or an HTTP date; undefined when absent or unusable. */
export function parseRetryAfter(headers: Headers | undefined, now: () => number = Date.now): number | undefined {
  const milliseconds = Number.parseFloat(header(headers, 'retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const raw = header(headers, 'retry-after');
  if (raw === null) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

/** Classifies an error from the openai client (or a retryable ForgeError) for retry purposes. */
export function classifyError(error: unknown, now: () => number = Date.now): RetryDecision {
  if (error instanceof CallBudgetError) {
    if (error.stop === 'rate-limit-budget') return { retryable: false, rateLimited: true, kind: 'rate-limit', status: 429 };
    return { retryable: false, rateLimited: false, kind: error.stop };
  }
  if (error instanceof EmptyReplyError) return { retryable: false, rateLimited: false, kind: 'empty-reply' };
  if (error instanceof APIUserAbortError) return { retryable: false, rateLimited: false, kind: 'aborted' };
  if (error instanceof APIConnectionTimeoutError) return { retryable: true, rateLimited: false, kind: 'timeout' };
  if (error instanceof APIConnectionError) return { retryable: true, rateLimited: false, kind: 'connection' };
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const retryAfterMs = parseRetryAfter(error.headers, now);
    const base = { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    if (status === 429) return { ...base, retryable: true, rateLimited: true, kind: 'rate-limit' };
    // Same hint the official client honours; servers use it to veto or force a retry.
    const shouldRetry = header(error.headers, 'x-should-retry');
    if (shouldRetry === 'true' || shouldRetry === 'false') {
      return { ...base, retryable: shouldRetry === 'true', rateLimited: false, kind: status >= 500 ? 'server' : 'client' };
    }
    if (status >= 500) return { ...base, retryable: true, rateLimited: false, kind: 'server' };
    return { ...base, retryable: status === 408 || status === 409, rateLimited: false, kind: 'client' };
  }
  return { retryable: isRetryable(error), rateLimited: false, kind: 'other' };
}

/** Wait before the next try: a capped Retry-After when the server gave one, else capped exponential with jitter. */
export function retryDelay(attempt: number, decision: RetryDecision, options: RetryOptions = {}): number {
  const maxRetryAfterMs = options.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs;
  if (decision.retryAfterMs !== undefined) return Math.min(decision.retryAfterMs, maxRetryAfterMs);
  const base = options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
  const ceiling = Math.min(options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs, base * 2 ** (attempt - 1));
  // "Equal jitter": at least half the step, so parallel workers spread out without retrying instantly.
  return Math.round(ceiling / 2 + (ceiling / 2) * (options.random ?? Math.random)());
}

const realSleep = (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal });

/**
 * Runs `operation` until it succeeds, a non-retryable error occurs or `maxAttempts` is used up; rethrows the
 * last error unchanged (callers wrap it), or a CallBudgetError when the budget ends the calls. The operation
 * receives the 1-based attempt number.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? RETRY_DEFAULTS.maxAttempts);
  const sleep = options.sleep ?? realSleep;
  const { budget } = options;
  let lastError: unknown;
  for (let attempt = 1; ; attempt += 1) {
    const stop = budget?.stopped();
    if (budget && stop) throw budget.errorFor(stop, lastError);
    try {
      return await operation(attempt);
    } catch (error) {
      lastError = error;
      const stopped = budget?.stopped();
      if (budget && stopped) throw budget.errorFor(stopped, error);
      const decision = classifyError(error, options.now);
      if (budget && decision.rateLimited && !budget.takeRateLimit()) throw budget.errorFor('rate-limit-budget', error);
      if (!decision.retryable || attempt >= maxAttempts || options.signal?.aborted) throw error;
      const delayMs = retryDelay(attempt, decision, options);
      // Waiting out a long Retry-After past the deadline would only end in the deadline: stop now.
      if (budget && delayMs >= budget.remainingMs()) throw budget.errorFor('deadline', error);
      if (decision.rateLimited) options.onRateLimited?.(delayMs);
      options.onRetry?.({ attempt, delayMs, decision });
      if (budget) await sleep(delayMs, budget.signal).catch(() => undefined);
      else await sleep(delayMs, options.signal);
    }
  }
}
