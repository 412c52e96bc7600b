import { ForgeError } from '@forge/errors';
import { systemClock, type Clock } from './clock.ts';
import { RateLimitedError, rateLimitOf } from './rate-limited-error.ts';

export interface RateLimiterOptions {
  /** Requests admitted per sliding window; undefined = no limit. */
  requestsPerMinute?: number;
  /** Tokens admitted per sliding window (estimate at admission, corrected by actual usage); undefined = no limit. */
  tokensPerMinute?: number;
  windowMs?: number;
  /** Upper bound on a provider's Retry-After: a "Retry-After: 3600" must not park the whole run for an hour. */
  maxRetryAfterMs?: number;
  /** Pause used for a 429 that names no wait. */
  defaultRetryAfterMs?: number;
  /** 429s absorbed per call before the call fails with a retryable RateLimitedError. */
  maxRateLimitRetries?: number;
  clock?: Clock;
}

interface Charge {
  time: number;
  tokens: number;
}

/**
 * Shared requests/min + tokens/min budget over a sliding window (TECH_NOTES "Concurrency and rate limits": fixed
 * windows burst at their edges). Admissions are FIFO; a 429 pauses the whole budget, not only the caller.
 */
export class RateLimiter {
  private readonly options: Required<Omit<RateLimiterOptions, 'requestsPerMinute' | 'tokensPerMinute'>> &
    Pick<RateLimiterOptions, 'requestsPerMinute' | 'tokensPerMinute'>;
  private readonly listeners = new Set<(waitMs: number) => void>();
  private readonly charges: Charge[] = [];
  private pausedUntil = 0;
  private gate: Promise<unknown> = Promise.resolve();

  constructor(options: RateLimiterOptions = {}) {
    this.options = {
      windowMs: 60_000,
      maxRetryAfterMs: 60_000,
      defaultRetryAfterMs: 5_000,
      maxRateLimitRetries: 5,
      clock: systemClock,
      ...options,
    };
  }

  /**
   * Runs `fn` once the budget admits `estimateTokens`, then corrects the charge with `actualTokens(result)`.
   * A 429 from `fn` pauses the shared budget (Retry-After, capped) and retries; other errors pass through, and so
   * does a 429 its caller marked final (a ForgeError that is not retryable: the prompt's 429 budget is spent, and
   * retrying here would multiply it). An abort of `options.signal` ends the wait for admission with `abortError()`.
   */
  async schedule<T>(
    estimateTokens: number,
    fn: () => Promise<T>,
    actualTokens?: (result: T) => number,
    options: { signal?: AbortSignal; abortError?: () => unknown } = {},
  ): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const charge = await this.admit(estimateTokens, options.signal);
      if (options.signal?.aborted) throw options.abortError?.() ?? new Error('aborted while waiting for the rate limit');
      try {
        const result = await fn();
        if (actualTokens) {
          const actual = actualTokens(result);
          if (Number.isFinite(actual) && actual >= 0) charge.tokens = actual;
        }
        return result;
      } catch (error) {
        const now = this.options.clock.now();
        const retryAfter = rateLimitOf(error, now);
        if (retryAfter === undefined || (error instanceof ForgeError && !error.isRetryable)) throw error;
        const waitMs = Math.min(retryAfter ?? this.options.defaultRetryAfterMs, this.options.maxRetryAfterMs);
        this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
        for (const listener of this.listeners) listener(waitMs);
        if (attempt >= this.options.maxRateLimitRetries) {
          throw error instanceof RateLimitedError ? error : new RateLimitedError({ cause: error, retryAfterMs: retryAfter ?? undefined });
        }
      }
    }
  }

  /** Calls `listener(waitMs)` on every 429 the limiter absorbs; returns the unsubscribe function. */
  onRateLimited(listener: (waitMs: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private admit(estimateTokens: number, signal?: AbortSignal): Promise<Charge> {
    const admission = this.gate.then(() => this.waitForBudget(Math.max(0, estimateTokens), signal));
    this.gate = admission.catch(() => undefined);
    return admission;
  }

  /** Waits until the window has room; an aborted signal ends the wait with a zero charge (the caller throws). */
  private async waitForBudget(tokens: number, signal?: AbortSignal): Promise<Charge> {
    const { clock, windowMs, requestsPerMinute, tokensPerMinute } = this.options;
    for (;;) {
      if (signal?.aborted) return { time: clock.now(), tokens: 0 };
      const now = clock.now();
      if (this.pausedUntil > now) {
        await clock.sleep(this.pausedUntil - now, signal);
        continue;
      }
      while (this.charges.length > 0 && this.charges[0].time + windowMs <= now) this.charges.shift();
      const waitMs = this.waitFor(tokens, now, requestsPerMinute, tokensPerMinute);
      if (waitMs <= 0) {
        const charge = { time: now, tokens };
        this.charges.push(charge);
        return charge;
      }
      await clock.sleep(waitMs, signal);
    }
  }

  /** How long until the window has room for one more request of `tokens`; 0 when it has room now. */
  private waitFor(tokens: number, now: number, requestsPerMinute?: number, tokensPerMinute?: number): number {
    const { windowMs } = this.options;
    let wait = 0;
    if (requestsPerMinute !== undefined && this.charges.length >= requestsPerMinute) {
      wait = this.charges[this.charges.length - requestsPerMinute].time + windowMs - now;
    }
    if (tokensPerMinute !== undefined && this.charges.length > 0) {
      let used = this.charges.reduce((sum, charge) => sum + charge.tokens, 0);
      // A single call larger than the whole budget is admitted alone rather than never.
      const needed = Math.min(tokens, tokensPerMinute);
      for (const charge of this.charges) {
        if (used + needed <= tokensPerMinute) break;
        used -= charge.tokens;
        wait = Math.max(wait, charge.time + windowMs - now);
      }
    }
    return wait;
  }
}
