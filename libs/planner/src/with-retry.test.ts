import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { ForgeError } from '@forge/errors';
import { classifyError, parseRetryAfter, retryDelay, withRetry } from './with-retry.ts';

const httpError = (status: number, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: { message: `status ${status}` } }, undefined, new Headers(headers));

/** Runs withRetry over a scripted sequence of failures, recording the sleeps instead of waiting. */
async function runScripted(failures: unknown[], options: Parameters<typeof withRetry>[1] = {}) {
  const sleeps: number[] = [];
  const rateLimited: number[] = [];
  let calls = 0;
  const result = await withRetry(
    async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
      return 'done';
    },
    {
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      onRateLimited: (ms) => rateLimited.push(ms),
      ...options,
    },
  ).catch((error: unknown) => error);
  return { result, sleeps, rateLimited, calls };
}

describe('parseRetryAfter', () => {
  it('prefers retry-after-ms, then seconds, then an HTTP date', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '50', 'retry-after': '9' }))).toBe(50);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = () => Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(new Headers())).toBeUndefined();
  });
});

describe('classifyError', () => {
  it('retries 429, 5xx, 408, 409, timeouts and connection errors but not other 4xx or aborts', () => {
    expect(classifyError(httpError(429, { 'retry-after': '1' }))).toMatchObject({ retryable: true, rateLimited: true, retryAfterMs: 1000 });
    expect(classifyError(httpError(503))).toMatchObject({ retryable: true, kind: 'server' });
    expect(classifyError(httpError(408)).retryable).toBe(true);
    expect(classifyError(httpError(409)).retryable).toBe(true);
    expect(classifyError(httpError(400)).retryable).toBe(false);
    expect(classifyError(httpError(401)).retryable).toBe(false);
    expect(classifyError(new APIConnectionTimeoutError())).toMatchObject({ retryable: true, kind: 'timeout' });
    expect(classifyError(new APIConnectionError({ message: 'refused' }))).toMatchObject({ retryable: true, kind: 'connection' });
    expect(classifyError(new APIUserAbortError()).retryable).toBe(false);
    expect(classifyError(new Error('bug')).retryable).toBe(false);
    expect(classifyError(new ForgeError({ problem: 'flaky', retryable: true })).retryable).toBe(true);
  });

  it('honours x-should-retry', () => {
    expect(classifyError(httpError(500, { 'x-should-retry': 'false' })).retryable).toBe(false);
    expect(classifyError(httpError(400, { 'x-should-retry': 'true' })).retryable).toBe(true);
  });
});

describe('retryDelay', () => {
  it('doubles per attempt with jitter and stays under maxDelayMs', () => {
    const server = classifyError(httpError(500));
    const options = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelay(1, server, { ...options, random: () => 0 })).toBe(50);
    expect(retryDelay(1, server, { ...options, random: () => 0.999 })).toBeLessThanOrEqual(100);
    expect(retryDelay(3, server, { ...options, random: () => 0 })).toBe(200);
    expect(retryDelay(10, server, { ...options, random: () => 0.999 })).toBeLessThanOrEqual(1000);
  });

  it('caps a server Retry-After at maxRetryAfterMs', () => {
    const limited = classifyError(httpError(429, { 'retry-after': '3600' }));
    expect(retryDelay(1, limited, { maxRetryAfterMs: 30_000 })).toBe(30_000);
    expect(retryDelay(1, classifyError(httpError(429, { 'retry-after-ms': '50' })))).toBe(50);
  });
});

describe('withRetry', () => {
  it('retries until success, honouring Retry-After and telling the shared limiter', async () => {
    const run = await runScripted([httpError(429, { 'retry-after-ms': '50' }), httpError(502)], { baseDelayMs: 100 });
    expect(run.result).toBe('done');
    expect(run.calls).toBe(3);
    expect(run.sleeps).toEqual([50, 150]);
    expect(run.rateLimited).toEqual([50]);
  });

  it('stops at maxAttempts and rethrows the last error', async () => {
    const last = new APIConnectionTimeoutError();
    const run = await runScripted([httpError(500), httpError(500), last], { maxAttempts: 3 });
    expect(run.result).toBe(last);
    expect(run.calls).toBe(3);
    expect(run.sleeps).toHaveLength(2);
  });

  it('does not retry a client error', async () => {
    const run = await runScripted([httpError(400)]);
    expect(run.result).toBeInstanceOf(APIError);
    expect(run.calls).toBe(1);
    expect(run.sleeps).toEqual([]);
  });

  it('stops retrying once the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = await runScripted([httpError(500), httpError(500)], { signal: controller.signal });
    expect(run.calls).toBe(1);
  });
});
