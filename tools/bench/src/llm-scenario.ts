import { join } from 'node:path';
import { RateLimiter } from '@forge/engine';
import type { Entry } from '@forge/catalog';
import type { Plan } from '@forge/plan';
import { OpenAIPlanner, RulePlanner, type Planner } from '@forge/planner';
import { createToolWorld } from '@forge/tool-world';
import { ToolHub } from '@forge/tools';
import { expandCatalog } from '../../catalog-expander/src/index.ts';
import { startFakeOpenAI, type RecordedRequest } from '../../fake-openai/src/index.ts';
import type { BenchContext } from './bench-context.ts';
import { buildPipeline } from './build-pipeline.ts';
import { BENCH_LIMITS, readCatalogValue, runCatalog } from './run-catalog.ts';

export interface LlmOptions {
  prompts: number;
  sequentialPrompts: number;
  /** The model's requests-per-minute cap; the fake enforces it with 429s and the engine limiter is set to it. */
  rpm: number;
  latencyMs: number;
  /**
   * Real length of one rate-limit window. Both the fake's clock and the limiter run a minute as this many ms,
   * so a cap of `rpm` per minute becomes `rpm × windowMs / 60 000` per window and a short run spans several
   * windows (a sliding minute would let a 100-request run through in one burst and measure nothing).
   */
  windowMs: number;
  seed: number;
  /** Entries in flight for the capped run; enough to keep `rpm × latency` requests busy. */
  concurrency: number;
}

export interface LlmResult {
  prompts: number;
  concurrency: number;
  cap_rpm: number;
  window_ms: number;
  achieved_rpm: number;
  rpm_ratio: number;
  /** Most requests the fake admitted in any sliding window ÷ the per-window cap (≤ 1 when the cap held). */
  peak_window_ratio: number;
  rejected_429: number;
  samples: number;
  failed: number;
  samples_per_min: number;
  sequential_samples_per_min: number;
  speedup_vs_sequential: number;
}

const MINUTE_MS = 60_000;

/** Requests per real minute over the whole windows the run spanned, counted from the first arrival. */
function achievedRpm(arrivals: number[], windowMs: number): number {
  if (arrivals.length < 2) return 0;
  const first = arrivals[0];
  const windows = Math.floor((arrivals[arrivals.length - 1] - first) / windowMs);
  if (windows === 0) return ((arrivals.length - 1) / (arrivals[arrivals.length - 1] - first)) * MINUTE_MS;
  const counted = arrivals.filter((time) => time < first + windows * windowMs).length;
  return (counted / (windows * windowMs)) * MINUTE_MS;
}

function peakInWindow(arrivals: number[], windowMs: number): number {
  let peak = 0;
  let start = 0;
  for (let end = 0; end < arrivals.length; end += 1) {
    while (arrivals[end] - arrivals[start] >= windowMs) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/**
 * The planner with each plan call admitted by the limiter. runShard's own limiting would also charge the offline
 * TemplateComposer's calls against the model's RPM, halving the budget the one real model stage gets.
 */
function onLimiter(planner: Planner, limiter: RateLimiter): Planner {
  return { id: planner.id, model: planner.model, plan: (request) => limiter.schedule(4_000, () => planner.plan(request)) };
}

function userText(request: RecordedRequest): string {
  return JSON.stringify((request.body as { messages?: unknown } | undefined)?.messages ?? request.body ?? '');
}

/**
 * LLM-bound generation: the OpenAIPlanner against the fake OpenAI server (fixed latency, RPM cap enforced with
 * 429s) answering each prompt with the plan the RulePlanner makes for it; the engine's limiter is set to the cap.
 * Measures achieved requests/min ÷ cap at the default concurrency, and samples/min against a sequential run.
 */
export async function runLlmScenario(context: BenchContext, options: LlmOptions): Promise<LlmResult> {
  const catalog = expandCatalog({ n: options.prompts, seed: options.seed, universe: context.universe });
  const { entries, sha256 } = readCatalogValue(catalog);
  const world = await createToolWorld({ snapshotDir: join(context.root, 'data/snapshot/synthetic-2026-11-25'), dataDir: join(context.scratch, 'llm-data') });
  const hub = await ToolHub.inMemory(world.servers);
  const perWindow = Math.max(1, Math.round((options.rpm * options.windowMs) / MINUTE_MS));
  const dilation = MINUTE_MS / options.windowMs;
  const plans = new Map<string, Plan>();
  const rule = new RulePlanner();
  for (const entry of entries) plans.set(entry.user_prompt, (await rule.plan({ entry, inventory: hub.inventory(), limits: BENCH_LIMITS, tools: hub })).plan);
  let arrivals: number[] = [];
  const replyFor = (request: RecordedRequest) => {
    arrivals.push(performance.now());
    const text = userText(request);
    const entry = entries.find((candidate: Entry) => text.includes(JSON.stringify(candidate.user_prompt).slice(1, -1)));
    return entry ? { type: 'json' as const, body: plans.get(entry.user_prompt) } : { type: 'content' as const, content: 'no prompt recognised' };
  };
  const fake = await startFakeOpenAI(replyFor, { latencyMs: options.latencyMs, rpm: perWindow, now: () => performance.now() * dilation });
  try {
    const run = async (label: string, slice: Entry[], concurrency: number) => {
      arrivals = [];
      const before = fake.requests.length;
      // The fake's Retry-After is in its compressed clock (×dilation); the 429s here come from a few ms of jitter
      // between admission and arrival, so one request interval of pause is what a real client would wait.
      const interval = Math.ceil(options.windowMs / perWindow);
      const limiter = new RateLimiter({ requestsPerMinute: perWindow, windowMs: options.windowMs, maxRetryAfterMs: interval });
      const openai = new OpenAIPlanner({ model: 'bench-model', apiKey: 'sk-bench-not-a-key', baseURL: fake.url, retry: { maxRetryAfterMs: interval } });
      const planner = onLimiter(openai, limiter);
      const pipeline = await buildPipeline({ root: context.root, tools: hub, catalogSha256: sha256, planner });
      context.log(`llm: ${slice.length} prompts at concurrency ${concurrency} (cap ${options.rpm} rpm, ${options.latencyMs} ms latency)`);
      const result = await runCatalog(slice, pipeline, { outDir: join(context.scratch, `llm-${label}`), concurrency, limiter, limitModelCalls: false });
      const rejected = fake.requests.slice(before).filter((request) => request.outcome === 'rpm-limited').length;
      return { result, arrivals: [...arrivals], rejected };
    };
    const sequential = await run('sequential', entries.slice(0, options.sequentialPrompts), 1);
    const concurrent = await run('concurrent', entries, options.concurrency);
    const achieved = achievedRpm(concurrent.arrivals, options.windowMs);
    const perMinute = (samples: number, seconds: number) => (samples / seconds) * 60;
    const samplesPerMin = perMinute(concurrent.result.samples, concurrent.result.seconds);
    const sequentialPerMin = perMinute(sequential.result.samples, sequential.result.seconds);
    return {
      prompts: entries.length,
      concurrency: options.concurrency,
      cap_rpm: options.rpm,
      window_ms: options.windowMs,
      achieved_rpm: achieved,
      rpm_ratio: achieved / options.rpm,
      peak_window_ratio: peakInWindow(concurrent.arrivals, options.windowMs) / perWindow,
      rejected_429: concurrent.rejected + sequential.rejected,
      samples: concurrent.result.samples,
      failed: concurrent.result.failed,
      samples_per_min: samplesPerMin,
      sequential_samples_per_min: sequentialPerMin,
      speedup_vs_sequential: samplesPerMin / sequentialPerMin,
    };
  } finally {
    await fake.close();
    await hub.close();
    await world.close();
  }
}
