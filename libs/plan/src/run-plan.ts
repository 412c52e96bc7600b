import type { ToolCaller, ToolResult } from '@forge/tools';
import { evaluateCondition } from './check-condition.ts';
import { DslExecutionError } from './dsl-execution-error.ts';
import type { State } from './evaluate.ts';
import { extract } from './extract.ts';
import { setOwn } from './own-property.ts';
import type { Plan, Step } from './plan-schema.ts';
import { toPlainJson } from './py-float.ts';
import { resolvePlaceholders } from './resolve-placeholders.ts';
import { applyCompute } from './run-statement.ts';
import type { StepTrace, Trace } from './trace.ts';

export interface RunPlanOptions {
  /** Allow generator-only helpers while running (off by default: packaged plans must run in the environment). */
  nonPortable?: boolean;
  /** Clock for started_at/finished_at; injected so tests are deterministic. */
  now?: () => Date;
  /**
   * Keep Python types in `trace.state`: whole floats stay PyFloat (`2.0`, not `2`). For consumers that render
   * state values the environment's way (the replay's final-answer matcher); off by default, as state is JSON.
   */
  pythonTypes?: boolean;
}

/**
 * Runs a plan step by step the way the environment re-runs it: resolve `${}` params against the state so far
 * (an unresolvable placeholder skips the step), call the tool, then extract → compute → select into the state
 * and evaluate accept_if. Tool errors and skipped steps are recorded and the run continues; never throws for
 * plan or tool problems. State values in the trace are plain JSON (whole floats become plain numbers).
 */
export async function runPlan(plan: Pick<Plan, 'tool_sequence'>, caller: ToolCaller, options: RunPlanOptions = {}): Promise<Trace> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const state: State = {};
  const steps: StepTrace[] = [];
  for (const step of plan.tool_sequence) steps.push(await runStep(step, state, caller, options));
  return {
    steps,
    state: options.pythonTypes ? { ...state } : (toPlainJson(state) as Record<string, unknown>),
    started_at: startedAt,
    finished_at: now().toISOString(),
    all_accepted: steps.every((step) => step.accepted),
  };
}

async function runStep(step: Step, state: State, caller: ToolCaller, options: RunPlanOptions): Promise<StepTrace> {
  const requirements = step.analysis_requirements;
  const base = { step: step.step, server: step.server, tool: step.tool };
  const { value: args, unresolved } = resolvePlaceholders(step.params, state, options);
  const notRun = (status: 'skipped' | 'tool_error', why: string, latency: number, resolved: unknown): StepTrace => ({
    ...base,
    status,
    why,
    args: resolved as Record<string, unknown>,
    latency_ms: latency,
    structured_content: null,
    extracted: {},
    computed: {},
    missing: [],
    accept: requirements.accept_if.map((condition) => ({ condition, passed: false, error: status === 'skipped' ? 'step skipped' : 'tool error' })),
    accepted: false,
    updated: [],
  });
  if (unresolved.length > 0) {
    const why = `unresolved placeholder${unresolved.length > 1 ? 's' : ''}: ${unresolved.map((entry) => `${entry.placeholder} (${entry.error})`).join('; ')}`;
    return notRun('skipped', why, 0, args);
  }

  const result = await callSafely(caller, step, args as Record<string, unknown>);
  if (!result.ok) return notRun('tool_error', `${result.kind}: ${result.error}`, result.latencyMs, args);

  const extracted: Record<string, unknown> = {};
  const computed: Record<string, unknown> = {};
  const missing: string[] = [];
  const updated: string[] = [];
  const errors: Array<{ field: string; message: string }> = [];
  for (const path of requirements.extract) {
    const outcome = extract(result.structuredContent, path);
    if (outcome.stored) {
      setOwn(state, outcome.key, outcome.value);
      setOwn(extracted, outcome.key, toPlainJson(outcome.value));
      updated.push(outcome.key);
    }
    if (!outcome.success) missing.push(path);
  }
  for (const kind of ['compute', 'select'] as const) {
    requirements[kind].forEach((statement, index) => {
      try {
        const { name, value } = applyCompute(statement, state, options);
        setOwn(computed, name, toPlainJson(value));
        updated.push(name);
      } catch (error) {
        if (!(error instanceof DslExecutionError)) throw error;
        missing.push(statement);
        errors.push({ field: `analysis_requirements.${kind}[${index}]`, message: error.message });
      }
    });
  }
  const accept = requirements.accept_if.map((condition) => ({ condition, ...evaluateCondition(condition, state, options) }));
  const nextName = requirements.next_args_from;
  return {
    ...base,
    status: 'ok',
    args: args as Record<string, unknown>,
    latency_ms: result.latencyMs,
    structured_content: result.structuredContent ?? null,
    extracted,
    computed,
    missing,
    accept,
    accepted: accept.every((check) => check.passed),
    updated,
    ...(errors.length > 0 ? { errors } : {}),
    ...(nextName !== undefined ? { next_args: { name: nextName, value: toPlainJson(Object.hasOwn(state, nextName) ? state[nextName] : null) } } : {}),
  };
}

/** A caller that throws (a bug or a dropped transport) is recorded like a tool error, so the run goes on. */
async function callSafely(caller: ToolCaller, step: Step, args: Record<string, unknown>): Promise<ToolResult> {
  try {
    return await caller.call(step.server, step.tool, args);
  } catch (error) {
    return { ok: false, kind: 'transport_error', error: error instanceof Error ? error.message : String(error), latencyMs: 0 };
  }
}
