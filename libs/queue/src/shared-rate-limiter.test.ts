import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { RateLimitedError } from '@forge/engine';
import { parseQueueUrl, publishBudget, SharedRateLimiter, startRedisServer, type RedisServer } from '@forge/queue';

let redis: RedisServer;
const queues: Queue[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const queue of queues) await queue.close();
  await redis?.stop();
});

async function clientFor(name: string) {
  const queue = new Queue(name, { connection: parseQueueUrl(redis.url).options });
  queues.push(queue);
  return queue.client;
}

/** Most request starts in any half-open window [t, t + windowMs). */
function peakInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end] - sorted[start] >= windowMs) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

describe('SharedRateLimiter', () => {
  it('holds two limiters on separate connections to one request budget per window', async () => {
    const name = 'budget-rpm';
    await publishBudget(await clientFor(name), name, { requestsPerMinute: 5, windowMs: 600 });
    const first = new SharedRateLimiter(await clientFor(name), { name, pollMs: 20 });
    const second = new SharedRateLimiter(await clientFor(name), { name, pollMs: 20 });
    const starts: number[] = [];
    const call = (limiter: SharedRateLimiter) =>
      limiter.schedule(10, async () => {
        starts.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 15));
        return 'ok';
      });
    const results = await Promise.all(Array.from({ length: 16 }, (_, index) => call(index % 2 === 0 ? first : second)));
    expect(results).toHaveLength(16);
    // 16 requests at 5 per window need at least three windows: the cap was binding, and it held.
    expect(peakInWindow(starts, 600)).toBeLessThanOrEqual(5);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(3 * 600 - 50);
  });

  it('charges tokens by real usage', async () => {
    const name = 'budget-tpm';
    await publishBudget(await clientFor(name), name, { tokensPerMinute: 100, windowMs: 500 });
    const limiter = new SharedRateLimiter(await clientFor(name), { name, pollMs: 20 });
    const starts: number[] = [];
    // Estimated at 10 but using 60 each: the second request must wait for the first to leave the window.
    await Promise.all(
      [0, 1].map(() =>
        limiter.schedule(
          10,
          async () => {
            starts.push(Date.now());
            return 60;
          },
          (tokens) => tokens,
        ),
      ),
    );
    const third = Date.now();
    await limiter.schedule(50, async () => starts.push(Date.now()), () => 50);
    expect(starts).toHaveLength(3);
    expect(starts[2] - third).toBeGreaterThanOrEqual(300);
  });

  it('pauses every limiter of the queue for a bounded Retry-After, then retries', async () => {
    const name = 'budget-pause';
    await publishBudget(await clientFor(name), name, {});
    const pauses: number[] = [];
    const first = new SharedRateLimiter(await clientFor(name), { name, maxRetryAfterMs: 400, onPause: (waitMs) => void pauses.push(waitMs) });
    const second = new SharedRateLimiter(await clientFor(name), { name });
    let calls = 0;
    const rateLimited = Object.assign(new Error('429'), { status: 429, headers: { 'retry-after': '3600' } });
    const refusedAt = Date.now();
    const retried = first.schedule(1, async () => {
      calls += 1;
      if (calls === 1) throw rateLimited;
      return Date.now();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const otherStarted = await second.schedule(1, async () => Date.now());
    expect(pauses).toEqual([400]);
    expect(otherStarted - refusedAt).toBeGreaterThanOrEqual(380);
    expect((await retried) - refusedAt).toBeGreaterThanOrEqual(380);
    expect(calls).toBe(2);
  });

  it('gives up after its 429 allowance with a retryable RateLimitedError', async () => {
    const name = 'budget-giveup';
    await publishBudget(await clientFor(name), name, {});
    const limiter = new SharedRateLimiter(await clientFor(name), { name, maxRetryAfterMs: 10, maxRateLimitRetries: 1 });
    const refusal = Object.assign(new Error('429'), { status: 429, headers: {} });
    const error = await limiter.schedule(1, async () => Promise.reject(refusal)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).isRetryable).toBe(true);
  });
});
