import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog, type Entry } from '@forge/catalog';
import { FailureRecordSchema, readJsonl, runShard } from '@forge/engine';
import type { Plan } from '@forge/plan';
import { OpenAIPlanner, RulePlanner } from '@forge/planner';
import { createToolWorld, type ToolWorld } from '@forge/tool-world';
import { ToolHub } from '@forge/tools';
import { startFakeOpenAI, type FakeOpenAI, type FakeReply, type RecordedRequest } from '../fake-openai/src/index.ts';
import { buildPipeline } from '../bench/src/build-pipeline.ts';
import { BENCH_LIMITS } from '../bench/src/run-catalog.ts';

// The OpenAI planner inside runShard while the model misbehaves in bursts: 429s, 500s, malformed JSON and
// requests that never answer. Nothing may crash the run; every entry ends as a sample or a failure with a reason.
const root = process.cwd();
const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'AMD', 'TSLA', 'META', 'COST', 'JPM'];
const entries: Entry[] = parseCatalog(
  SYMBOLS.map((symbol, index) => ({ id: `R${index + 1}`, complexity: 'easy', user_prompt: `What was ${symbol}'s closing price in the latest session and what was its trading volume?` })),
  'bursts.json',
);
const DOOMED = 'TSLA'; // every call for this prompt gets a 500, so one failure is certain

let world: ToolWorld;
let hub: ToolHub;
let dir: string;
const plans = new Map<string, Plan>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'forge-bursts-'));
  world = await createToolWorld({ snapshotDir: join(root, 'data/snapshot/synthetic-2026-11-25'), dataDir: join(dir, 'data') });
  hub = await ToolHub.inMemory(world.servers);
  const rule = new RulePlanner();
  for (const entry of entries) plans.set(entry.prompt_id, (await rule.plan({ entry, inventory: hub.inventory(), limits: BENCH_LIMITS, tools: hub })).plan);
});

afterAll(async () => {
  await hub?.close();
  await world?.close();
  await rm(dir, { recursive: true, force: true });
});

function entryOf(request: RecordedRequest): Entry | undefined {
  const text = JSON.stringify(request.body);
  return entries.find((entry) => text.includes(entry.user_prompt));
}

/** Bursts by arrival: 429 ×3, 500 ×3, malformed ×3, hang ×2, then good answers with a fault every fourth call. */
function misbehave(request: RecordedRequest, index: number): FakeReply {
  const entry = entryOf(request);
  if (!entry) return { type: 'error', status: 400, message: 'unknown prompt' };
  if (entry.user_prompt.includes(DOOMED)) return { type: 'error', status: 500, message: 'upstream overloaded' };
  const good: FakeReply = { type: 'json', body: plans.get(entry.prompt_id) };
  if (index < 3) return { type: 'rate-limit', retryAfterMs: 20 };
  if (index < 6) return { type: 'error', status: 500 };
  if (index < 9) return { type: 'content', content: '{"tool_sequence": [ {"step": 1, "server": ' };
  if (index < 11) return { type: 'hang' };
  return index % 4 === 0 ? { type: 'content', content: 'not json at all' } : good;
}

describe('runShard with the OpenAI planner under model faults', () => {
  it('finishes with a sample or a reasoned failure for every entry, and samples for the healthy prompts', async () => {
    let fake: FakeOpenAI | undefined;
    try {
      fake = await startFakeOpenAI(misbehave);
      const planner = new OpenAIPlanner({
        model: 'fake-model', apiKey: 'sk-test-bursts', baseURL: fake.url, timeoutMs: 500,
        retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 },
      });
      const pipeline = await buildPipeline({ root, tools: hub, catalogSha256: 'bursts', planner });
      const summary = await runShard(entries, pipeline, { outDir: join(dir, 'out'), concurrency: 3, limits: BENCH_LIMITS, maxAttempts: 2, backoffMs: 5, backoffCapMs: 20 });

      expect(summary.interrupted).toBe(false);
      expect(summary.regenerated + summary.failed).toBe(entries.length);
      expect(summary.regenerated).toBeGreaterThanOrEqual(entries.length - 2);
      const failures = (await readJsonl(summary.failures_path, FailureRecordSchema, (record) => record.prompt_id)).records;
      expect(failures.map((failure) => failure.user_prompt).some((prompt) => prompt.includes(DOOMED))).toBe(true);
      for (const failure of failures) {
        expect(failure.stage).toBe('plan');
        expect(failure.reason.length).toBeGreaterThan(10);
      }
      const outcomes = new Set(fake.requests.map((request) => request.outcome));
      for (const kind of ['rate-limit', 'error', 'content', 'hang', 'json']) expect(outcomes).toContain(kind);
    } finally {
      await fake?.close();
    }
  }, 30_000);
});
