import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '@forge/catalog';
import type { Pipeline } from '@forge/engine';
import type { Plan } from '@forge/plan';
import { OpenAIPlanner, RulePlanner } from '@forge/planner';
import { openQueueCoordinator, parseQueueUrl, startGenerationWorker, startRedisServer, type GenerationWorker, type RedisServer } from '@forge/queue';
import { startFakeOpenAI, type FakeReply, type RecordedRequest } from '../../../tools/fake-openai/src/index.ts';
import { expandedEntries, openQueueWorld, runAllShards, type QueueWorld } from './__fixtures__/queue-world.ts';

// The 120 requests per 60 s, scaled to stay fast: the same cap shape over a 1.5 s window and 10 requests.
const WINDOW_MS = 1_500;
const CAP = 10;

let redis: RedisServer;
let world: QueueWorld;
let entries: Entry[];
let sha: string;
const plans = new Map<string, Plan>();

beforeAll(async () => {
  [redis, world] = await Promise.all([startRedisServer(), openQueueWorld()]);
  ({ entries, sha256: sha } = await expandedEntries(60, 21));
  entries = entries.filter((entry) => entry.complexity === 'simple').slice(0, 25);
  const rule = new RulePlanner();
  const pipeline = await world.pipeline(sha);
  for (const entry of entries) plans.set(entry.user_prompt, (await rule.plan({ entry, inventory: world.hub.inventory(), limits: { max_tools: 6, max_turns: 8 }, tools: pipeline.tools })).plan);
});
afterAll(async () => {
  await world?.close();
  await redis?.stop();
});

/** The plan the rule planner makes for the prompt a request carries, as the fake model's answer. */
function planReply(request: RecordedRequest): FakeReply {
  const text = JSON.stringify((request.body as { messages?: unknown } | undefined)?.messages ?? request.body ?? '');
  const entry = entries.find((candidate) => text.includes(JSON.stringify(candidate.user_prompt).slice(1, -1)));
  return entry ? { type: 'json', body: plans.get(entry.user_prompt) } : { type: 'content', content: 'no prompt recognised' };
}

function peakInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let end = 0, start = 0; end < sorted.length; end += 1) {
    while (sorted[end] - sorted[start] >= windowMs) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/** Two workers whose OpenAI planner reaches the fake; a 429 its client absorbs pauses the whole queue. */
async function runWithTwoWorkers(queueName: string, baseURL: string, budget: { requestsPerMinute?: number; windowMs?: number }, concurrency = 4) {
  const base = await world.pipeline(sha);
  const workers: GenerationWorker[] = [];
  for (const name of ['w1', 'w2']) {
    let pause = (_waitMs: number): void => undefined;
    const planner = new OpenAIPlanner({ model: 'fake-model', apiKey: 'sk-test-not-a-key', baseURL, retry: { maxRetryAfterMs: 1_500, onRateLimited: (waitMs) => pause(waitMs) } });
    const pipeline: Pipeline = { ...base, planner, provenance: { ...base.provenance, planner: planner.id, model: planner.model, template_version: `queue-test/${planner.id}` } };
    const worker = await startGenerationWorker({ connection: parseQueueUrl(redis.url), pipeline, queueName, name, concurrency, offlineStages: ['compose'] });
    pause = (waitMs) => void worker.pause(waitMs);
    workers.push(worker);
  }
  const coordinator = await openQueueCoordinator({ connection: parseQueueUrl(redis.url), queueName, budget });
  const coordinatorPipeline: Pipeline = { ...base, provenance: { ...base.provenance, planner: 'openai', model: 'fake-model', template_version: 'queue-test/openai' } };
  try {
    const [summary] = await runAllShards(entries, coordinatorPipeline, join(world.dir, queueName), (_level, size) => ({ generate: coordinator.generatorFor([]), concurrency: size }));
    return { summary, workers };
  } finally {
    await coordinator.close();
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

describe('the shared budget of a queued run', () => {
  it('keeps two workers together under the provider cap in every window', async () => {
    const arrivals: number[] = [];
    const dilation = 60_000 / WINDOW_MS;
    const fake = await startFakeOpenAI(
      (request) => {
        arrivals.push(performance.now());
        return planReply(request);
      },
      { rpm: CAP, now: () => performance.now() * dilation, latencyMs: 20 },
    );
    try {
      const { summary, workers } = await runWithTwoWorkers('budget', fake.url, { requestsPerMinute: CAP, windowMs: WINDOW_MS });
      expect(summary).toMatchObject({ regenerated: entries.length, failed: 0 });
      expect(fake.requests.filter((request) => request.outcome === 'rpm-limited')).toHaveLength(0);
      // Two and a half windows of requests: without one budget across both workers they would burst past the cap.
      expect(arrivals.length).toBeGreaterThanOrEqual(2.5 * CAP);
      expect(peakInWindow(arrivals, WINDOW_MS)).toBeLessThanOrEqual(CAP);
      for (const worker of workers) expect(worker.counts.samples).toBeGreaterThan(0);
    } finally {
      await fake.close();
    }
  }, 60_000);

  it('pauses both workers for a 429 with Retry-After, bounded, then finishes', async () => {
    const arrivals: number[] = [];
    let refusedAt = 0;
    const fake = await startFakeOpenAI((request, index) => {
      arrivals.push(performance.now());
      if (index === 2) {
        refusedAt = performance.now();
        // An hour asked for; the bound (1.5 s) applies.
        return { type: 'rate-limit', retryAfterSeconds: 3600 };
      }
      return planReply(request);
    });
    try {
      // One job per worker: at the refusal, at most the other worker's request is already on its way.
      const { summary } = await runWithTwoWorkers('pause', fake.url, {}, 1);
      expect(summary).toMatchObject({ regenerated: entries.length, failed: 0 });
      // Nothing new reached the provider from either worker during the pause (a request already sent may land just
      // after the refusal), and the rest came after it.
      expect(arrivals.filter((time) => time > refusedAt + 300 && time < refusedAt + 1_400)).toEqual([]);
      expect(arrivals.filter((time) => time >= refusedAt + 1_400).length).toBeGreaterThanOrEqual(entries.length - 4);
      expect(fake.requests.length).toBe(entries.length + 1);
    } finally {
      await fake.close();
    }
  }, 60_000);
});
