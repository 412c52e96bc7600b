import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter, RateLimitedError } from './index.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `count` scheduled calls and records the fake time at which each one ran. */
function startCalls(limiter: RateLimiter, count: number, estimate = 0, actual?: number) {
  const startedAt: number[] = [];
  const done = Array.from({ length: count }, () =>
    limiter.schedule(
      estimate,
      async () => {
        startedAt.push(Date.now());
        return actual;
      },
      actual === undefined ? undefined : () => actual,
    ),
  );
  return { startedAt, done: Promise.all(done) };
}

describe('RateLimiter', () => {
  it('admits at most requestsPerMinute calls in any sliding 60 s window', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 2 });
    const { startedAt, done } = startCalls(limiter, 5);
    await vi.runAllTimersAsync();
    await done;
    expect(startedAt).toEqual([0, 0, 60_000, 60_000, 120_000]);
  });

  it('admits by tokens per minute using the estimate up front', async () => {
    const limiter = new RateLimiter({ tokensPerMinute: 1000 });
    const { startedAt, done } = startCalls(limiter, 3, 400);
    await vi.runAllTimersAsync();
    await done;
    expect(startedAt).toEqual([0, 0, 60_000]);
  });

  it('corrects the charge with the actual usage, admitting more when calls were cheaper than estimated', async () => {
    const limiter = new RateLimiter({ tokensPerMinute: 1000 });
    const { startedAt, done } = startCalls(limiter, 4, 400, 100);
    await vi.runAllTimersAsync();
    await done;
    // Each call is charged 400 on admission, then 100 once it returned: all four fit in the first window.
    expect(startedAt).toEqual([0, 0, 0, 0]);
  });

  it('admits a single call larger than the whole token budget alone rather than never', async () => {
    const limiter = new RateLimiter({ tokensPerMinute: 100 });
    const { startedAt, done } = startCalls(limiter, 2, 500);
    await vi.runAllTimersAsync();
    await done;
    expect(startedAt).toEqual([0, 60_000]);
  });

  it('pauses the shared budget on a 429 for Retry-After, then recovers', async () => {
    const limiter = new RateLimiter();
    const waits: number[] = [];
    limiter.onRateLimited((waitMs) => waits.push(waitMs));
    const times: number[] = [];
    let refused = false;
    const first = limiter.schedule(1, async () => {
      times.push(Date.now());
      if (!refused) {
        refused = true;
        throw Object.assign(new Error('429'), { status: 429, headers: new Headers({ 'retry-after': '7' }) });
      }
      return 'ok';
    });
    const second = limiter.schedule(1, async () => {
      times.push(Date.now());
      return 'other';
    });
    await vi.runAllTimersAsync();
    expect(await first).toBe('ok');
    expect(await second).toBe('other');
    expect(waits).toEqual([7000]);
    // The second call was admitted before the 429 arrived; the retry of the first waits out the pause.
    expect(times).toEqual([0, 0, 7000]);
  });

  it('caps a huge Retry-After and gives up after maxRateLimitRetries with a retryable error', async () => {
    const limiter = new RateLimiter({ maxRetryAfterMs: 10_000, maxRateLimitRetries: 2 });
    const waits: number[] = [];
    limiter.onRateLimited((waitMs) => waits.push(waitMs));
    let calls = 0;
    const result = limiter
      .schedule(1, async () => {
        calls += 1;
        throw new RateLimitedError({ retryAfterMs: 3_600_000 });
      })
      .catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    const error = await result;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).isRetryable).toBe(true);
    expect(calls).toBe(3);
    expect(waits).toEqual([10_000, 10_000, 10_000]);
  });

  it('passes other errors through untouched and keeps admitting', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 10 });
    await expect(limiter.schedule(1, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.schedule(1, async () => 'next')).resolves.toBe('next');
  });
});
