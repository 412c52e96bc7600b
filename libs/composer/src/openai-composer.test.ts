import { afterEach, describe, expect, it } from 'vitest';
import type { Entry } from '@forge/catalog';
import type { Plan, StepTrace, Trace } from '@forge/plan';
import { OpenAICallError } from '@forge/planner';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions, type FakeScript } from '../../../tools/fake-openai/src/index.ts';
import { OpenAIComposeError } from './openai-compose-error.ts';
import { OpenAIComposer, citeFacts, selectFacts, type OpenAIComposerOptions } from './openai-composer.ts';

const API_KEY = 'sk-test-SECRET123';

const entry: Entry = {
  prompt_id: 'E01',
  user_prompt: "How did Apple's stock move in the last session?",
  complexity: 'simple',
  original_complexity: 'easy',
  metadata: {},
};

const plan: Plan = {
  tool_sequence: [
    { step: 1, server: 'fmp', tool: 'fmp_get_quote', params: { symbol: 'AAPL' }, analysis_requirements: { extract: ['price = price', 'prev_close = previousClose'], compute: [], select: [], accept_if: ['price > 0'] } },
    { step: 2, server: 'python', tool: 'execute_python', params: { code: 'result = {}' }, analysis_requirements: { extract: ['move_pct = result.move_pct'], compute: [], select: [], accept_if: [] } },
  ],
  final_answer_requirements: {
    format: 'one sentence',
    must_include: ['price'],
    grounded_from: ['price', 'prev_close', 'move_pct'],
    quality_criteria: ['mentions the direction of the move'],
  },
  judge_rubric: { weights: { coverage: 0.4, grounding: 0.4, clarity: 0.1, safety: 0.1 }, target_length_range: [10, 40], schema: ['coverage', 'grounding', 'clarity', 'safety', 'total'] },
};

function stepTrace(step: number, server: string, tool: string, extracted: Record<string, unknown>): StepTrace {
  return { step, server, tool, status: 'ok', args: {}, latency_ms: 1, structured_content: null, extracted, computed: {}, missing: [], accept: [], accepted: true };
}

const trace: Trace = {
  steps: [stepTrace(1, 'fmp', 'fmp_get_quote', { price: 258.02, prev_close: 255.0 }), stepTrace(2, 'python', 'execute_python', { move_pct: 1.18 })],
  state: { price: 258.02, prev_close: 255.0, move_pct: 1.18, scratch: 'not a fact' },
  started_at: '2026-11-25T21:30:00Z',
  finished_at: '2026-11-25T21:30:01Z',
  all_accepted: true,
};

const GROUNDED = 'Apple closed at $258.02, up 1.18% from the previous close of $255.00.';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(script: FakeScript, options: Partial<OpenAIComposerOptions> = {}, fakeOptions: FakeOpenAIOptions = {}) {
  fake = await startFakeOpenAI(script, fakeOptions);
  const composer = new OpenAIComposer({
    model: 'test-model',
    apiKey: API_KEY,
    baseURL: fake.url,
    timeoutMs: 2_000,
    retry: { maxAttempts: 3, baseDelayMs: 1 },
    ...options,
  });
  return { fake, composer };
}

type ChatBody = { messages: { role: string; content: string }[]; response_format: any };
const bodyOf = (fake: FakeOpenAI, index: number) => fake.requests[index].body as ChatBody;

describe('selectFacts / citeFacts', () => {
  it('keeps only grounded_from keys the state holds and cites the step that produced each', () => {
    const facts = selectFacts(plan, trace);
    expect(facts).toEqual({ price: 258.02, prev_close: 255.0, move_pct: 1.18 });
    expect(citeFacts(facts, trace)).toEqual([
      { fact: 'price', step: 1, tool: 'fmp.fmp_get_quote' },
      { fact: 'prev_close', step: 1, tool: 'fmp.fmp_get_quote' },
      { fact: 'move_pct', step: 2, tool: 'python.execute_python' },
    ]);
  });
});

describe('OpenAIComposer', () => {
  it('writes the answer from the facts alone and returns facts with citations', async () => {
    const { fake, composer } = await setup([{ type: 'json', body: { answer_text: GROUNDED } }]);
    const outcome = await composer.compose(entry, plan, trace);
    expect(outcome.reference.answer_text).toBe(GROUNDED);
    expect(outcome.reference.facts).toEqual({ price: 258.02, prev_close: 255.0, move_pct: 1.18 });
    expect(outcome.reference.citations.map((citation) => citation.step)).toEqual([1, 1, 2]);
    expect(outcome.usage).toHaveLength(1);
    const body = bodyOf(fake, 0);
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'reference_answer' } });
    expect(body.messages[0].content).toContain('Format: one sentence');
    expect(body.messages[1].content).toContain(entry.user_prompt);
    expect(body.messages[1].content).toContain('"move_pct":1.18');
    expect(body.messages[1].content).not.toContain('scratch');
  });

  it('asks again when the answer uses a number outside the facts', async () => {
    const { fake, composer } = await setup([
      { type: 'json', body: { answer_text: 'Apple closed at $258.02, up 7.5% on the day.' } },
      { type: 'json', body: { answer_text: GROUNDED } },
    ]);
    const outcome = await composer.compose(entry, plan, trace);
    expect(outcome.reference.answer_text).toBe(GROUNDED);
    expect(outcome.usage).toHaveLength(2);
    expect(bodyOf(fake, 1).messages[3].content).toContain('the number 7.5% is not in the facts');
  });

  it('returns the last readable answer when repairs run out (the grounding gate decides)', async () => {
    const ungrounded = 'Apple closed at $258.02, up 7.5% on the day.';
    const { composer } = await setup(() => ({ type: 'json', body: { answer_text: ungrounded } }), { maxRepairs: 1 });
    expect((await composer.compose(entry, plan, trace)).reference.answer_text).toBe(ungrounded);
  });

  it('throws OpenAIComposeError when no reply is readable', async () => {
    const { fake, composer } = await setup(() => ({ type: 'content', content: 'Apple went up.' }), { maxRepairs: 1 });
    const error = await composer.compose(entry, plan, trace).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAIComposeError);
    expect((error as OpenAIComposeError).context.entryId).toBe('E01');
    expect(fake.requests).toHaveLength(2);
  });

  it('retries a 429 and a 500 through the shared retry module', async () => {
    const { fake, composer } = await setup([
      { type: 'rate-limit', retryAfterMs: 10 },
      { type: 'error', status: 500 },
      { type: 'json', body: { answer_text: GROUNDED } },
    ]);
    expect((await composer.compose(entry, plan, trace)).reference.answer_text).toBe(GROUNDED);
    expect(fake.requests).toHaveLength(3);
  });

  it('works over the Responses API and without json_schema support', async () => {
    const { fake, composer } = await setup(() => ({ type: 'json', body: { answer_text: GROUNDED } }), { backend: 'responses' }, { rejectJsonSchema: true });
    await composer.compose(entry, plan, trace);
    expect(fake.requests.map((request) => request.outcome)).toEqual(['json-schema-rejected', 'json']);
    expect((fake.requests[1].body as { text: { format: unknown } }).text.format).toEqual({ type: 'json_object' });
  });

  it('keeps the API key out of errors', async () => {
    const { composer } = await setup(() => ({ type: 'error', status: 401, message: `bad key ${API_KEY}` }));
    const error = await composer.compose(entry, plan, trace).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAICallError);
    expect(`${String(error)} ${(error as Error).stack} ${String((error as Error).cause)}`).not.toContain('SECRET123');
  });
});
