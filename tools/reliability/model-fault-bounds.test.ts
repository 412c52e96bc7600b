import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog, type Entry } from '@forge/catalog';
import { FailureRecordSchema, readJsonl, runShard, type ProgressEvent } from '@forge/engine';
import { OpenAIPlanner } from '@forge/planner';
import { createToolWorld, type ToolWorld } from '@forge/tool-world';
import { ToolHub } from '@forge/tools';
import { startFakeOpenAI, type FakeOpenAI, type FakeReply } from '../fake-openai/src/index.ts';
import { buildPipeline } from '../bench/src/build-pipeline.ts';
import { BENCH_LIMITS } from '../bench/src/run-catalog.ts';

// Issue 19 item 6: every model fault ends. A hung model, a 429 with Retry-After: 3600 and an endpoint that answers
// empty choices each end every entry as a recorded failure with its reason, within bounds set small here (the
// defaults are 60 s a request, 180 s a prompt); a run of like failures opens the breaker.
const root = process.cwd();
const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'AMD', 'TSLA', 'META', 'COST', 'JPM'];
const catalog = (count: number): Entry[] =>
  parseCatalog(
    SYMBOLS.slice(0, count).map((symbol, index) => ({ id: `F${index + 1}`, complexity: 'easy', user_prompt: `What was ${symbol}'s closing price in the latest session?` })),
    'faults.json',
  );

let world: ToolWorld;
let hub: ToolHub;
let dir: string;
let fake: FakeOpenAI | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'forge-fault-bounds-'));
  world = await createToolWorld({ snapshotDir: join(root, 'data/snapshot/synthetic-2026-11-25'), dataDir: join(dir, 'data') });
  hub = await ToolHub.inMemory(world.servers);
});

afterAll(async () => {
  await hub?.close();
  await world?.close();
  await rm(dir, { recursive: true, force: true });
});

/** runShard with the OpenAI planner against a fake answering every call with `reply`. */
async function runAgainst(reply: FakeReply, name: string, entries: Entry[], options: { deadlineMs: number; rateLimitBudget?: number; breakerThreshold?: number; concurrency?: number; maxRetryAfterMs?: number }) {
  fake = await startFakeOpenAI(() => reply);
  try {
    const planner = new OpenAIPlanner({ model: 'fake-model', apiKey: 'sk-test-bounds', baseURL: fake.url, timeoutMs: 300, retry: { baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: options.maxRetryAfterMs } });
    const pipeline = await buildPipeline({ root, tools: hub, catalogSha256: name, planner });
    const events: ProgressEvent[] = [];
    const summary = await runShard(entries, pipeline, {
      outDir: join(dir, name),
      concurrency: options.concurrency ?? 4,
      limits: BENCH_LIMITS,
      backoffMs: 5,
      backoffCapMs: 10,
      modelDeadlineMs: options.deadlineMs,
      rateLimitBudget: options.rateLimitBudget,
      breakerThreshold: options.breakerThreshold,
      onEvent: (event) => events.push(event),
    });
    const failures = (await readJsonl(summary.failures_path, FailureRecordSchema, (record) => record.prompt_id)).records;
    return { summary, failures, events, requests: fake.requests.length };
  } finally {
    await fake.close();
  }
}

describe('bounded model faults', () => {
  it('a hung model: every entry of three ends as a failure at its deadline, and the failed requests are counted', async () => {
    const { summary, failures, requests } = await runAgainst({ type: 'hang' }, 'hang', catalog(3), { deadlineMs: 700 });
    expect(summary).toMatchObject({ total: 3, regenerated: 0, failed: 3, not_done: 0, interrupted: false });
    expect(failures).toHaveLength(3);
    for (const failure of failures) {
      expect(failure.stage).toBe('plan');
      expect(failure.fault).toBe('model-deadline');
      expect(failure.reason).toMatch(/model deadline of 0\.7 s passed; last error: .*(timed out|aborted)/i);
    }
    // Counted though none answered (the summary used to say "0 LLM calls" after 36 requests).
    expect(summary.llm_calls).toBe(requests);
    expect(summary.failed_llm_calls).toBe(requests);
    expect(requests).toBeGreaterThanOrEqual(3);
  }, 20_000);

  it('429 with Retry-After: 3600 ends each prompt at its 429 budget, not an hour later', async () => {
    const entries = catalog(2);
    const { summary, failures, requests } = await runAgainst({ type: 'rate-limit', retryAfterSeconds: 3600 }, 'rate-limit', entries, { deadlineMs: 60_000, rateLimitBudget: 2, maxRetryAfterMs: 50 });
    expect(summary).toMatchObject({ failed: 2, regenerated: 0 });
    for (const failure of failures) {
      expect(failure.fault).toBe('model-rate-limit');
      expect(failure.reason).toMatch(/rate limited \(429\) more than the 2 times this prompt's budget allows/);
    }
    // Budget + 1 requests a prompt: the one over the budget ends it, and no outer layer tries again.
    expect(requests).toBe(entries.length * 3);
    expect(summary.llm_calls).toBe(requests);
  }, 20_000);

  it('429 whose capped wait would overrun the deadline ends the prompt at once, with the deadline as reason', async () => {
    // The default cap on a Retry-After wait is 30 s; a 1 s deadline cannot afford one, so no wait is begun.
    const { summary, failures, requests } = await runAgainst({ type: 'rate-limit', retryAfterSeconds: 3600 }, 'rate-limit-deadline', catalog(1), { deadlineMs: 1_000 });
    expect(summary).toMatchObject({ failed: 1, llm_calls: 1, failed_llm_calls: 1 });
    expect(requests).toBe(1);
    expect(failures[0].fault).toBe('model-deadline');
    expect(failures[0].reason).toMatch(/model deadline of 1 s passed; last error: 429/);
  }, 20_000);

  it('empty choices say so, and after K of them in a row the breaker records the rest with its reason, once', async () => {
    const entries = catalog(6);
    const { summary, failures, events, requests } = await runAgainst({ type: 'empty-choices' }, 'empty', entries, { deadlineMs: 5_000, breakerThreshold: 2, concurrency: 1 });
    expect(summary).toMatchObject({ total: 6, failed: 6, regenerated: 0 });
    const byId = new Map(failures.map((failure) => [failure.prompt_id, failure]));
    for (const id of ['F1', 'F2']) {
      expect(byId.get(id)?.reason).toContain('model returned no choices');
      expect(byId.get(id)?.reason).not.toContain('not valid JSON');
      expect(byId.get(id)?.fault).toBe('model-empty-reply');
    }
    for (const id of ['F3', 'F4', 'F5', 'F6']) {
      expect(byId.get(id)?.fault).toBe('circuit-open');
      expect(byId.get(id)?.reason).toMatch(/^not attempted: the circuit breaker opened after 2 consecutive failures \(model-empty-reply\); the first: .*model returned no choices/);
    }
    expect(events.filter((event) => event.type === 'breaker-open')).toHaveLength(1);
    // Two requests only (an empty reply is not retried), counted with their tokens although both failed.
    expect(requests).toBe(2);
    expect(summary).toMatchObject({ llm_calls: 2, failed_llm_calls: 2, tokens: 400 });
    expect(summary.failures.map((failure) => failure.prompt_id)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6']);
    expect(summary.breaker).toMatchObject({ fault: 'model-empty-reply', failures: 2 });
  }, 20_000);
});
