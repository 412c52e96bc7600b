import type { Entry } from '@forge/catalog';
import { ForgeError } from '@forge/errors';
import type { Plan, PlanIssue, Trace } from '@forge/plan';
import type { Planner, PlanOutcome, PlanRequest } from '@forge/planner';
import type { Composer, ComposeOutcome, GroundingReport, Reference } from '@forge/composer';
import type { ToolCaller, ToolResult, ToolSpec } from '@forge/tools';
import type { Pipeline, Provenance } from '../index.ts';

/**
 * Fakes for every pipeline part. Behaviour is scripted by markers in the prompt text:
 * [plan-error] non-retryable planner error, [plan-flaky] retryable planner error on the first call,
 * [check-fail] an error-severity plan issue, [tool-error] a tool error (not retryable),
 * [transport-once] a transport error on the first run only, [ungrounded] a reference with an unknown number,
 * [internal] runPlan throws a plain Error, [secret] errors and tool output that contain the secret.
 */
export const FAKE_SECRET = 'sk-test-FAKE0123456789abcdef';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function fakeProvenance(overrides: Partial<Provenance> = {}): Provenance {
  return {
    planner: 'fake-planner',
    composer: 'fake-composer',
    model: 'none',
    backend: 'snapshot',
    snapshot_id: 'snap-1',
    as_of: '2025-01-02T21:00:00Z',
    inventory_sha256: 'inv-1',
    template_version: 't1',
    catalog_sha256: 'cat-1',
    ...overrides,
  };
}

export function fakeEntry(id: string, text: string, complexity: Entry['complexity'] = 'simple'): Entry {
  return { prompt_id: id, user_prompt: text, complexity, original_complexity: complexity, metadata: {} };
}

function planFor(entry: Entry): Plan {
  const symbol = entry.user_prompt.includes('[check-fail]')
    ? 'CHECKFAIL'
    : entry.user_prompt.includes('[tool-error]')
      ? 'BAD'
      : entry.user_prompt.includes('[internal]')
        ? 'INTERNAL'
        : entry.user_prompt.includes('[transport-once]')
          ? `FLAKY-${entry.prompt_id}`
          : entry.user_prompt.includes('[secret]')
            ? 'SECRET'
            : 'AAPL';
  return {
    tool_sequence: [
      {
        step: 1,
        server: 'fmp',
        tool: 'fmp_get_quote',
        params: { symbol },
        analysis_requirements: { extract: ['price'], compute: [], select: [], accept_if: ['price > 0'] },
      },
    ],
    // `pe` is declared but the fake quote never returns it: the packaged plan must not promise it.
    final_answer_requirements: { format: 'one sentence', must_include: ['price'], grounded_from: ['price', 'pe'], quality_criteria: [] },
    judge_rubric: {
      weights: { coverage: 0.4, grounding: 0.4, clarity: 0.1, safety: 0.1 },
      target_length_range: [5, 50],
      schema: ['coverage', 'grounding', 'clarity', 'safety', 'total'],
    },
  };
}

export class FakePlanner implements Planner {
  readonly id = 'fake-planner';
  readonly model = 'none';
  readonly calls: string[] = [];
  constructor(private readonly delayMs: () => number = () => 0) {}

  async plan(request: PlanRequest): Promise<PlanOutcome> {
    const { entry } = request;
    this.calls.push(entry.prompt_id);
    const delay = this.delayMs();
    if (delay > 0) await sleep(delay);
    if (entry.user_prompt.includes('[plan-error]')) {
      throw new ForgeError({ entryId: entry.prompt_id, problem: `planner refused with key ${FAKE_SECRET}` });
    }
    if (entry.user_prompt.includes('[plan-flaky]') && this.calls.filter((id) => id === entry.prompt_id).length === 1) {
      throw new ForgeError({ entryId: entry.prompt_id, problem: 'upstream 503', retryable: true });
    }
    return { plan: planFor(entry), usage: [{ prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 }], repairs: 0 };
  }
}

export class FakeComposer implements Composer {
  readonly id = 'fake-composer';
  readonly calls: string[] = [];

  async compose(entry: Entry, _plan: Plan, trace: Trace): Promise<ComposeOutcome> {
    this.calls.push(entry.prompt_id);
    const price = trace.state.price;
    const answer = entry.user_prompt.includes('[ungrounded]') ? `The price is ${String(price)} and 42.5.` : `The price is ${String(price)}.`;
    const reference: Reference = { answer_text: answer, facts: { price }, citations: [{ fact: 'price', step: 1, tool: 'fmp.fmp_get_quote' }] };
    return { reference, usage: [{ prompt_tokens: 80, completion_tokens: 20, total_tokens: 100 }] };
  }
}

export class FakeTools implements ToolCaller {
  readonly calls: Array<{ server: string; tool: string; args: Record<string, unknown> }> = [];
  private readonly flakySeen = new Set<string>();

  inventory(): ToolSpec[] {
    return [{ server: 'fmp', tool: 'fmp_get_quote', description: 'quote', inputSchema: { type: 'object' } }];
  }

  async call(server: string, tool: string, args: Record<string, unknown>): Promise<ToolResult> {
    this.calls.push({ server, tool, args });
    const symbol = String(args.symbol);
    if (symbol === 'BAD') return { ok: false, kind: 'tool_error', error: 'unknown symbol BAD', latencyMs: 1 };
    if (symbol.startsWith('FLAKY') && !this.flakySeen.has(symbol)) {
      this.flakySeen.add(symbol);
      return { ok: false, kind: 'transport_error', error: 'ECONNRESET', latencyMs: 1 };
    }
    const content = symbol === 'SECRET' ? { price: 187.5, echo: `Authorization: Bearer ${FAKE_SECRET}` } : { price: 187.5 };
    return { ok: true, structuredContent: content, text: JSON.stringify(content), latencyMs: 1 };
  }
}

/** A tiny runPlan: one call per step, extract top-level fields, accept when the call was ok. */
export async function fakeRunPlan(plan: Plan, tools: ToolCaller): Promise<Trace> {
  const state: Record<string, unknown> = {};
  const steps: Trace['steps'] = [];
  for (const step of plan.tool_sequence) {
    if (step.params.symbol === 'INTERNAL') throw new Error('interpreter exploded');
    const result = await tools.call(step.server, step.tool, step.params);
    const extracted: Record<string, unknown> = {};
    if (result.ok) for (const path of step.analysis_requirements.extract) extracted[path] = result.structuredContent[path];
    Object.assign(state, extracted);
    steps.push({
      step: step.step,
      server: step.server,
      tool: step.tool,
      status: result.ok ? 'ok' : 'tool_error',
      why: result.ok ? undefined : result.error,
      args: step.params,
      latency_ms: result.latencyMs,
      structured_content: result.ok ? result.structuredContent : null,
      extracted,
      computed: {},
      missing: [],
      accept: step.analysis_requirements.accept_if.map((condition) => ({ condition, passed: result.ok })),
      accepted: result.ok,
    });
  }
  return { steps, state, started_at: '2025-01-01T00:00:00Z', finished_at: '2025-01-01T00:00:01Z', all_accepted: steps.every((step) => step.accepted) };
}

export function fakeCheckPlan(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  for (const step of plan.tool_sequence) {
    if (step.params.symbol === 'CHECKFAIL') {
      issues.push({ severity: 'error', code: 'invalid-params', step: step.step, field: 'params.symbol', message: 'symbol CHECKFAIL is not a ticker' });
    }
  }
  issues.push({ severity: 'warning', code: 'non-portable', field: 'analysis_requirements', message: 'harmless warning' });
  return issues;
}

export function fakeCheckGrounding(reference: Reference): GroundingReport {
  const ungrounded = reference.answer_text.includes('42.5') ? [{ text: '42.5', value: 42.5 }] : [];
  return { ok: ungrounded.length === 0, ungrounded, missing: [] };
}

export interface FakeParts {
  pipeline: Pipeline;
  planner: FakePlanner;
  composer: FakeComposer;
  tools: FakeTools;
}

export function createFakePipeline(options: { provenance?: Partial<Provenance>; delayMs?: () => number } = {}): FakeParts {
  const planner = new FakePlanner(options.delayMs);
  const composer = new FakeComposer();
  const tools = new FakeTools();
  const pipeline: Pipeline = {
    planner,
    composer,
    tools,
    checkPlan: fakeCheckPlan,
    runPlan: fakeRunPlan,
    checkGrounding: fakeCheckGrounding,
    provenance: fakeProvenance(options.provenance),
  };
  return { pipeline, planner, composer, tools };
}
