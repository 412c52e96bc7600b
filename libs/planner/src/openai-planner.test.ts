import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPlan, type Plan, type PlanIssue } from '@forge/plan';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions, type FakeScript } from '../../../tools/fake-openai/src/index.ts';
import { TEST_INVENTORY, testEntry } from './__fixtures__/openai-test-inventory.ts';
import { OpenAICallError } from './openai-call-error.ts';
import { OPENAI_PLAN_EXAMPLE } from './openai-plan-example.ts';
import { OpenAIPlanner, type OpenAIPlannerOptions } from './openai-planner.ts';
import { PlanningError } from './planning-error.ts';

const API_KEY = 'sk-test-SECRET123';
const VALID_PLAN: Plan = OPENAI_PLAN_EXAMPLE.plan;
const UNKNOWN_TOOL_PLAN: Plan = {
  ...VALID_PLAN,
  tool_sequence: [{ ...VALID_PLAN.tool_sequence[0], tool: 'fmp_get_quotes' }, ...VALID_PLAN.tool_sequence.slice(1)],
};

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(script: FakeScript, options: Partial<OpenAIPlannerOptions> = {}, fakeOptions: FakeOpenAIOptions = {}) {
  fake = await startFakeOpenAI(script, fakeOptions);
  const planner = new OpenAIPlanner({
    model: 'test-model',
    apiKey: API_KEY,
    baseURL: fake.url,
    timeoutMs: 2_000,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return { fake, planner };
}

const request = (overrides: Parameters<typeof testEntry>[0] = {}) => ({
  entry: testEntry(overrides),
  inventory: TEST_INVENTORY,
  limits: { max_tools: 6, max_turns: 8 },
});

type ChatBody = { model: string; messages: { role: string; content: string }[]; response_format: any };
const bodyOf = (fake: FakeOpenAI, index: number) => fake.requests[index].body as ChatBody;

function expectNoSecret(error: unknown) {
  const cause = (error as Error).cause as Error | undefined;
  const texts = [String(error), (error as Error).stack, inspect(error, { depth: 5 }), JSON.stringify(error), cause?.message, cause?.stack];
  for (const text of texts) expect(text ?? '').not.toContain('SECRET123');
}

describe('OpenAIPlanner', () => {
  it('returns a plan that passes the checker first time, asking for json_schema structured output', async () => {
    const { fake, planner } = await setup([{ type: 'json', body: VALID_PLAN }]);
    const outcome = await planner.plan(request());
    expect(outcome.plan).toEqual(VALID_PLAN);
    expect(outcome.repairs).toBe(0);
    expect(outcome.usage).toEqual([{ prompt_tokens: 120, completion_tokens: 80, total_tokens: 200 }]);
    const body = bodyOf(fake, 0);
    expect(body.model).toBe('test-model');
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'plan', strict: false } });
    expect(body.response_format.json_schema.schema.required).toEqual(['tool_sequence', 'final_answer_requirements', 'judge_rubric']);
    const system = body.messages[0].content;
    expect(system).toContain('"tool":"fmp.fmp_get_quote"');
    expect(system).toContain('"output":');
    expect(system).toContain('between 2 and 4 steps; at most 6 tool calls');
    expect(system).toContain('equities-research');
    expect(body.messages[1].content).toContain(testEntry().user_prompt);
    expect(fake.requests[0].hasAuthorization).toBe(true);
  });

  it('uses the entry domain and the complexity step range in the prompt', async () => {
    const { fake, planner } = await setup([{ type: 'json', body: VALID_PLAN }], { check: () => [] });
    await planner.plan(request({ complexity: 'complex', metadata: { domain: 'macro-research' } }));
    const system = bodyOf(fake, 0).messages[0].content;
    expect(system).toContain('macro-research');
    expect(system).toContain('between 7 and 16 steps');
  });

  it('repairs an invalid plan by quoting the checkPlan issues back', async () => {
    const { fake, planner } = await setup([
      { type: 'json', body: UNKNOWN_TOOL_PLAN },
      { type: 'json', body: VALID_PLAN },
    ]);
    const outcome = await planner.plan(request());
    expect(outcome.repairs).toBe(1);
    expect(outcome.plan).toEqual(VALID_PLAN);
    expect(outcome.usage).toHaveLength(2);
    const repair = bodyOf(fake, 1).messages;
    expect(repair).toHaveLength(4);
    expect(repair[2]).toEqual({ role: 'assistant', content: JSON.stringify(UNKNOWN_TOOL_PLAN) });
    expect(repair[3].role).toBe('user');
    const [issue] = checkPlan(UNKNOWN_TOOL_PLAN, TEST_INVENTORY, { complexity: 'simple' });
    expect(issue).toMatchObject({ code: 'unknown-tool', step: 1 });
    expect(repair[3].content).toContain(issue.message);
    expect(repair[3].content).toContain('[unknown-tool] step 1, tool');
  });

  it('treats a plan over max_tools as an error to repair', async () => {
    const { fake, planner } = await setup(() => ({ type: 'json', body: VALID_PLAN }), { maxRepairs: 1 });
    const error = await planner.plan({ ...request(), limits: { max_tools: 2, max_turns: 4 } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlanningError);
    expect((error as PlanningError).issues).toMatchObject([{ code: 'step-count', field: 'tool_sequence' }]);
    expect(bodyOf(fake, 1).messages[3].content).toContain('max_tools is 2');
  });

  it('returns warnings alongside an accepted plan', async () => {
    const warning: PlanIssue = { severity: 'warning', code: 'non-portable', step: 2, field: 'select[0]', message: 'median is not portable' };
    const { planner } = await setup([{ type: 'json', body: VALID_PLAN }], { check: () => [warning] });
    expect((await planner.plan(request())).warnings).toEqual([warning]);
  });

  it('turns malformed JSON into repair rounds and finally a PlanningError, not a crash', async () => {
    const { fake, planner } = await setup(() => ({ type: 'content', content: '{"tool_sequence": [' }), { maxRepairs: 2 });
    const error = await planner.plan(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlanningError);
    const planning = error as PlanningError;
    expect(planning.repairs).toBe(2);
    expect(planning.issues[0]).toMatchObject({ code: 'parse-error', field: '(reply)' });
    expect(planning.context.entryId).toBe('E01');
    expect(fake.requests).toHaveLength(3);
    expect(bodyOf(fake, 1).messages[3].content).toContain('not valid JSON');
  });

  it('reports zod shape errors with their paths in the repair request', async () => {
    const broken = { ...VALID_PLAN, judge_rubric: undefined, tool_sequence: [{ ...VALID_PLAN.tool_sequence[0], step: 'one' }] };
    const { fake, planner } = await setup([
      { type: 'content', content: `\`\`\`json\n${JSON.stringify(broken)}\n\`\`\`` },
      { type: 'content', content: `\`\`\`json\n${JSON.stringify(VALID_PLAN)}\n\`\`\`` },
    ]);
    const outcome = await planner.plan(request());
    expect(outcome.repairs).toBe(1);
    const repair = bodyOf(fake, 1).messages[3].content;
    expect(repair).toContain('tool_sequence[0].step');
    expect(repair).toContain('judge_rubric');
  });

  it('waits out a 429 (retry-after-ms) and tells the shared limiter', async () => {
    const paused: number[] = [];
    const { fake, planner } = await setup(
      [
        { type: 'rate-limit', retryAfterMs: 30 },
        { type: 'json', body: VALID_PLAN },
      ],
      { retry: { maxAttempts: 3, baseDelayMs: 1, onRateLimited: (ms) => paused.push(ms) } },
    );
    const outcome = await planner.plan(request());
    expect(outcome.repairs).toBe(0);
    expect(paused).toEqual([30]);
    expect(fake.requests.map((recorded) => recorded.outcome)).toEqual(['rate-limit', 'json']);
  });

  it('caps a huge Retry-After at maxRetryAfterMs', async () => {
    const paused: number[] = [];
    const { planner } = await setup(
      [
        { type: 'rate-limit', retryAfterSeconds: 3600 },
        { type: 'json', body: VALID_PLAN },
      ],
      { retry: { maxAttempts: 2, maxRetryAfterMs: 20, onRateLimited: (ms) => paused.push(ms) } },
    );
    await planner.plan(request());
    expect(paused).toEqual([20]);
  });

  it('retries a 500 and succeeds', async () => {
    const { fake, planner } = await setup([
      { type: 'error', status: 500 },
      { type: 'json', body: VALID_PLAN },
    ]);
    expect((await planner.plan(request())).plan).toEqual(VALID_PLAN);
    expect(fake.requests).toHaveLength(2);
  });

  it('gives up on a server that hangs past the timeout after maxAttempts', async () => {
    const { fake, planner } = await setup(() => ({ type: 'hang' }), { timeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await planner.plan(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAICallError);
    expect(error).toMatchObject({ kind: 'timeout', attempts: 2, isRetryable: true });
    expect(fake.requests).toHaveLength(2);
  });

  it('stops a hanging call at once when the run-wide signal aborts', async () => {
    const controller = new AbortController();
    const { fake, planner } = await setup(() => ({ type: 'hang' }), { timeoutMs: 60_000, retry: { maxAttempts: 4, signal: controller.signal } });
    const pending = planner.plan(request()).catch((caught: unknown) => caught);
    while (fake.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await pending).toMatchObject({ attempts: 1, isRetryable: false });
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a 400 that is not about the response format', async () => {
    const { fake, planner } = await setup(() => ({ type: 'error', status: 400, message: 'context too long' }));
    const error = await planner.plan(request()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, attempts: 1, isRetryable: false });
    // json_schema then one json_object try, both refused: no retry loop.
    expect(fake.requests).toHaveLength(2);
  });

  it('falls back to json_object when json_schema is refused, and remembers it', async () => {
    const { fake, planner } = await setup(() => ({ type: 'json', body: VALID_PLAN }), {}, { rejectJsonSchema: true });
    await planner.plan(request());
    await planner.plan(request());
    expect(fake.requests.map((recorded) => recorded.outcome)).toEqual(['json-schema-rejected', 'json', 'json']);
    expect(bodyOf(fake, 1).response_format).toEqual({ type: 'json_object' });
    expect(bodyOf(fake, 2).response_format).toEqual({ type: 'json_object' });
  });

  it('speaks the Responses API with a json_schema text format', async () => {
    const { fake, planner } = await setup([{ type: 'json', body: VALID_PLAN }], { backend: 'responses' });
    const outcome = await planner.plan(request());
    expect(outcome.plan).toEqual(VALID_PLAN);
    expect(outcome.usage[0]).toEqual({ prompt_tokens: 120, completion_tokens: 80, total_tokens: 200 });
    expect(fake.requests[0].path).toBe('/v1/responses');
    const body = fake.requests[0].body as { text: { format: Record<string, unknown> }; input: unknown[] };
    expect(body.text.format).toMatchObject({ type: 'json_schema', name: 'plan', strict: false });
    expect(body.input).toHaveLength(2);
  });

  it('estimates usage when the server omits it', async () => {
    const { planner } = await setup([{ type: 'json', body: VALID_PLAN }], {}, { usage: null });
    const [usage] = (await planner.plan(request())).usage;
    expect(usage.estimated).toBe(true);
    expect(usage.prompt_tokens).toBeGreaterThan(100);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  });

  it('never lets the API key into an error, even when the server echoes it', async () => {
    const echo = `Incorrect API key provided: ${API_KEY}. Authorization: Bearer ${API_KEY}`;
    const { planner } = await setup(() => ({ type: 'error', status: 401, message: echo }));
    const unauthorized = await planner.plan(request()).catch((caught: unknown) => caught);
    expect(unauthorized).toBeInstanceOf(OpenAICallError);
    expect((unauthorized as Error).message).toContain('[redacted]');
    expectNoSecret(unauthorized);
    await fake?.close();

    const { planner: flaky } = await setup(() => ({ type: 'error', status: 503, message: `upstream saw key ${API_KEY}` }));
    const exhausted = await flaky.plan(request()).catch((caught: unknown) => caught);
    expect(exhausted).toMatchObject({ attempts: 3, status: 503 });
    expectNoSecret(exhausted);
  });
});
