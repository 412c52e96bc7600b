import { describe, expect, it } from 'vitest';
import { planJsonSchema, runPlan, TraceSchema, type Plan } from '@forge/plan';
import { FakeToolCaller } from './__fixtures__/fake-tool-caller.ts';

const fixedClock = () => new Date('2026-11-25T21:30:00Z');

function plan(steps: Plan['tool_sequence']): Plan {
  return {
    tool_sequence: steps,
    final_answer_requirements: { format: 'one sentence', must_include: [], grounded_from: [], quality_criteria: [] },
    judge_rubric: { weights: { coverage: 0.4, grounding: 0.3, clarity: 0.2, safety: 0.1 }, target_length_range: [20, 80], schema: ['coverage', 'grounding', 'clarity', 'safety', 'total'] },
  };
}

const requirements = (overrides: Partial<Plan['tool_sequence'][number]['analysis_requirements']>) => ({ extract: [], compute: [], select: [], accept_if: [], ...overrides });

describe('runPlan', () => {
  it('resolves placeholders from earlier steps, extracts, computes, selects and checks in order', async () => {
    const caller = new FakeToolCaller({
      'fmp.fmp_get_quote': { symbol: 'NVDA', price: 100.5, previousClose: 100, pe: null },
      'tavily.tavily_search': (args) => ({ query: args.query, results: [{ title: 'A', score: 0.9 }, { title: 'B', score: 0.4 }] }),
    });
    const trace = await runPlan(
      plan([
        { step: 1, server: 'fmp', tool: 'fmp_get_quote', params: { symbol: 'NVDA' }, analysis_requirements: requirements({ extract: ['symbol', 'price', 'previousClose', 'pe'], compute: ['ratio = price / previousClose * 2'], accept_if: ['price > 0', "symbol ~= '^NV'"], next_args_from: 'symbol' }) },
        { step: 2, server: 'tavily', tool: 'tavily_search', params: { query: '${symbol} news ${ratio}', max_results: 5 }, analysis_requirements: requirements({ extract: ['titles = results[][title]', 'results{title->score}'], compute: ['n = len(titles)'], select: ['top = topk(results, 1)'], accept_if: ['n == 2', "'A' in top"] }) },
      ]),
      caller,
      { now: fixedClock },
    );
    expect(() => TraceSchema.parse(trace)).not.toThrow();
    expect(caller.calls[1]!.args).toEqual({ query: 'NVDA news 2.01', max_results: 5 });
    expect(trace.steps.map((step) => [step.status, step.accepted])).toEqual([['ok', true], ['ok', true]]);
    expect(trace.steps[0]!.extracted).toEqual({ symbol: 'NVDA', price: 100.5, previousClose: 100 });
    expect(trace.steps[0]!.next_args).toEqual({ name: 'symbol', value: 'NVDA' });
    expect(trace.steps[1]!.updated).toEqual(['titles', 'results', 'n', 'top']);
    expect(trace.state.top).toEqual(['A']);
    expect(trace.all_accepted).toBe(true);
    expect(trace.started_at).toBe('2026-11-25T21:30:00.000Z');
  });

  it('renders a whole float computed earlier as Python does ("2.0") in the next params', async () => {
    const caller = new FakeToolCaller({ 'fmp.fmp_get_quote': { price: 4, previousClose: 2 }, 'tavily.tavily_search': { results: [] } });
    await runPlan(
      plan([
        { step: 1, server: 'fmp', tool: 'fmp_get_quote', params: { symbol: 'X' }, analysis_requirements: requirements({ extract: ['price', 'previousClose'], compute: ['ratio = price / previousClose'] }) },
        { step: 2, server: 'tavily', tool: 'tavily_search', params: { query: 'ratio ${ratio}' }, analysis_requirements: requirements({}) },
      ]),
      caller,
    );
    expect(caller.calls[1]!.args.query).toBe('ratio 2.0');
  });

  it('skips a step whose placeholder cannot be resolved, says why, and keeps going', async () => {
    const caller = new FakeToolCaller({ 'fmp.fmp_get_quote': { price: 1 }, 'tavily.tavily_search': { results: [] } });
    const trace = await runPlan(
      plan([
        { step: 1, server: 'tavily', tool: 'tavily_search', params: { query: '${ticker} news' }, analysis_requirements: requirements({ accept_if: ['True'] }) },
        { step: 2, server: 'fmp', tool: 'fmp_get_quote', params: { symbol: 'X' }, analysis_requirements: requirements({ extract: ['price'], accept_if: ['price == 1'] }) },
      ]),
      caller,
    );
    expect(trace.steps[0]).toMatchObject({ status: 'skipped', accepted: false, args: { query: '${ticker} news' } });
    expect(trace.steps[0]!.why).toContain("name 'ticker' is not defined");
    expect(caller.calls.map((call) => call.tool)).toEqual(['fmp_get_quote']);
    expect(trace.steps[1]!.accepted).toBe(true);
    expect(trace.all_accepted).toBe(false);
  });

  it('records a tool error (and a throwing caller) and continues to the end', async () => {
    const caller = new FakeToolCaller({ 'fmp.fmp_get_quote': { error: 'unknown symbol XYZQ in snapshot s1' }, 'tavily.tavily_search': { results: [1] } });
    const trace = await runPlan(
      plan([
        { step: 1, server: 'fmp', tool: 'fmp_get_quote', params: { symbol: 'XYZQ' }, analysis_requirements: requirements({ extract: ['price'] }) },
        { step: 2, server: 'tavily', tool: 'tavily_search', params: { query: 'q' }, analysis_requirements: requirements({ extract: ['results[]'], accept_if: ['len(results) == 1'] }) },
      ]),
      caller,
    );
    expect(trace.steps[0]).toMatchObject({ status: 'tool_error', accepted: false, latency_ms: 2 });
    expect(trace.steps[0]!.why).toContain('unknown symbol XYZQ');
    expect(trace.steps[1]!.accepted).toBe(true);

    const throwing = { inventory: () => [], call: async () => Promise.reject(new Error('socket hang up')) };
    const thrown = await runPlan(plan([{ step: 1, server: 'fmp', tool: 'fmp_get_quote', params: {}, analysis_requirements: requirements({}) }]), throwing);
    expect(thrown.steps[0]).toMatchObject({ status: 'tool_error', why: 'transport_error: socket hang up' });
  });

  it('records missing extractions and raising statements, and fails the step when a check fails', async () => {
    const caller = new FakeToolCaller({ 'fmp.fmp_get_quote': { price: 5, q: { price: 5 } } });
    const trace = await runPlan(
      plan([{ step: 1, server: 'fmp', tool: 'fmp_get_quote', params: {}, analysis_requirements: requirements({ extract: ['price', 'dividend', 'q'], compute: ['bad = q.price', 'ok = q["price"]'], accept_if: ['ok == 5', 'bad > 0'] }) }]),
      caller,
    );
    const step = trace.steps[0]!;
    expect(step.missing).toEqual(['dividend', 'bad = q.price']);
    expect(step.errors![0]!.field).toBe('analysis_requirements.compute[0]');
    expect(step.accept.map((check) => check.passed)).toEqual([true, false]);
    expect(step.accept[1]!.error).toContain("name 'bad' is not defined");
    expect(step.accepted).toBe(false);
  });
});

describe('planJsonSchema', () => {
  it('is generated from PlanSchema and describes the step fields', () => {
    const schema = planJsonSchema() as { properties: { tool_sequence: { items: { properties: Record<string, unknown> } } } };
    expect(Object.keys(schema.properties.tool_sequence.items.properties)).toEqual(['step', 'server', 'tool', 'params', 'analysis_requirements']);
  });
});
