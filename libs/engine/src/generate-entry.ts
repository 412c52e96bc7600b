import type { Entry } from '@forge/catalog';
import { ForgeError, isRetryable } from '@forge/errors';
import type { Plan, PlanIssue, Trace } from '@forge/plan';
import { CallBudgetError, OpenAICallError, type CallBudget, type PlanLimits, type TokenUsage } from '@forge/planner';
import { forEpisode, type ToolCaller, type ToolCallOptions, type ToolSpec } from '@forge/tools';
import type { Clock } from './clock.ts';
import { fittedLength, statedRequirements, withAsks, withEntities } from './packaged-requirements.ts';
import { recordBase, type FailureRecord, type GenerationRecord } from './generation-record.ts';
import type { Pipeline } from './pipeline.ts';
import { retryStage, StageAttemptsError, type RetryOptions } from './retry-stage.ts';
import type { TaskLog } from './task-log.ts';

export type ModelStage = 'plan' | 'compose';

export interface EntryContext {
  pipeline: Pipeline;
  inventory: ToolSpec[];
  limits: PlanLimits;
  retry: Omit<RetryOptions, 'retryable'>;
  clock: Clock;
  /** Runs one planner/composer call through the shared rate limiter (or directly when there is none), under the entry's budget. */
  callModel<T>(stage: ModelStage, entry: Entry, fn: () => Promise<T>, usageOf: (result: T) => TokenUsage[], budget?: CallBudget): Promise<T>;
}

export interface EntryInput {
  entry: Entry;
  prompt_index: number;
  key: string;
  /** This prompt's model-call budget (deadline, 429 allowance, stop signal), passed to the planner and composer. */
  budget?: CallBudget;
  /** The run's stop signal: cancels the entry's tool calls in flight. */
  signal?: AbortSignal;
}

type Stage = FailureRecord['stage'];

/** A prompt that stopped at a stage: becomes a FailureRecord, never an exception across the run. */
class StageFailure {
  constructor(
    readonly stage: Stage,
    readonly reason: string,
    readonly attempts: number,
    readonly extra: { plan?: Plan; trace?: Trace; fault?: string } = {},
  ) {}
}

/**
 * The infrastructure fault behind a failure, for the circuit breaker and the ledger: `model-timeout`,
 * `model-deadline`, `model-rate-limit`, `model-empty-reply`, …; undefined for a verdict on the prompt itself.
 */
function faultOf(error: unknown): string | undefined {
  if (error instanceof OpenAICallError) return `model-${error.kind}`;
  if (error instanceof CallBudgetError) return error.stop === 'rate-limit-budget' ? 'model-rate-limit' : `model-${error.stop}`;
  return undefined;
}

/** A finished trace that failed because of tool transport trouble (not a tool's verdict): worth another run. */
class TransportTraceError extends ForgeError {
  constructor(readonly trace: Trace) {
    super({ problem: 'a tool call failed in transport (connection or timeout)', retryable: true });
  }
}

function messageOf(error: unknown): string {
  if (error instanceof StageAttemptsError) return messageOf(error.error);
  return error instanceof Error ? error.message : String(error);
}

/** Counts transport errors and timeouts while passing every call through, with the run's stop signal. */
function recordingCaller(tools: ToolCaller, signal?: AbortSignal): ToolCaller & { transportErrors: number } {
  const recorder = {
    transportErrors: 0,
    inventory: () => tools.inventory(),
    call: async (server: string, tool: string, args: Record<string, unknown>, options?: ToolCallOptions) => {
      const result = await tools.call(server, tool, args, signal ? { ...options, signal } : options);
      if (!result.ok && result.kind !== 'tool_error') recorder.transportErrors += 1;
      return result;
    },
  };
  return recorder;
}

/** "step 2 fmp.fmp_get_quote: tool_error (unknown symbol); accept_if failed: price > 0" for each failing step. */
export function describeFailingSteps(trace: Trace): string {
  const failing = trace.steps.filter((step) => !step.accepted);
  if (failing.length === 0) return 'the trace was not accepted as a whole';
  return failing
    .map((step) => {
      const why = step.why ? ` (${step.why})` : '';
      const checks = step.accept
        .filter((check) => !check.passed)
        .map((check) => `${check.condition}${check.error ? ` [${check.error}]` : ''}`);
      const accept = checks.length > 0 ? `; accept_if failed: ${checks.join(', ')}` : '';
      return `step ${step.step} ${step.server}.${step.tool}: ${step.status}${why}${accept}`;
    })
    .join(' | ');
}

function summariseResult(content: unknown): unknown {
  if (content && typeof content === 'object' && !Array.isArray(content)) return { keys: Object.keys(content) };
  return content === null || content === undefined ? null : { type: Array.isArray(content) ? 'array' : typeof content };
}

function logTrace(log: TaskLog, trace: Trace, attempt: number): void {
  for (const step of trace.steps) {
    log.add('run', `attempt ${attempt} step ${step.step} ${step.server}.${step.tool} ${step.status} ${step.latency_ms}ms`, {
      args: step.args,
      result: summariseResult(step.structured_content),
      why: step.why,
      missing: step.missing,
      accept: step.accept,
      accepted: step.accepted,
    });
  }
}

/**
 * Takes one entry through plan → check → run → compose → grounding with bounded retries for retryable errors,
 * and returns a GenerationRecord or a FailureRecord. Never throws: anything unexpected is a failure at 'internal'.
 */
export async function generateEntry(input: EntryInput, context: EntryContext, log: TaskLog): Promise<GenerationRecord | FailureRecord> {
  const { entry } = input;
  const { pipeline, clock } = context;
  const usage: TokenUsage[] = [];
  let maxAttempts = 1;
  const base = () => recordBase(entry, { key: input.key, prompt_index: input.prompt_index, provenance: pipeline.provenance, now: clock.now(), attempts: maxAttempts });
  const stage = async <T>(name: Stage, fn: (attempt: number) => Promise<T>, retryable?: (error: unknown) => boolean): Promise<T> => {
    try {
      const { value, attempts } = await retryStage(fn, { ...context.retry, retryable });
      maxAttempts = Math.max(maxAttempts, attempts);
      return value;
    } catch (error) {
      if (!(error instanceof StageAttemptsError)) throw error;
      maxAttempts = Math.max(maxAttempts, error.attempts);
      const trace = error.error instanceof TransportTraceError ? error.error.trace : undefined;
      // Our errors are expected outcomes of a stage; anything else is a bug in a part: 'internal', with its name.
      if (!(error.error instanceof ForgeError)) {
        const cause = error.error instanceof Error ? `${error.error.name}: ${error.error.message}` : String(error.error);
        throw new StageFailure('internal', `${name} stage: ${cause}`, error.attempts, { trace });
      }
      throw new StageFailure(name, messageOf(error), error.attempts, { trace, fault: faultOf(error.error) });
    }
  };

  const started = clock.now();
  let plan: Plan | undefined;
  try {
    log.add('entry', `${entry.prompt_id} (${entry.complexity}) key ${input.key}`, { user_prompt: entry.user_prompt });
    const planned = await stage('plan', async (attempt) => {
      log.add('plan', `attempt ${attempt} with ${pipeline.planner.id}`);
      return context.callModel(
        'plan',
        entry,
        () => pipeline.planner.plan({ entry, inventory: context.inventory, limits: context.limits, tools: pipeline.tools, budget: input.budget }),
        (outcome) => outcome.usage,
        input.budget,
      );
    });
    plan = withAsks(planned.plan, entry.user_prompt);
    usage.push(...planned.usage);
    log.add('plan', `${plan.tool_sequence.length} steps after ${planned.repairs} repairs`, plan);
    const planDone = clock.now();

    const issues: PlanIssue[] = await pipeline.checkPlan(plan, context.inventory, { complexity: entry.complexity });
    const errors = issues.filter((issue) => issue.severity === 'error');
    log.add('check', `${errors.length} errors, ${issues.length - errors.length} warnings`, issues);
    if (errors.length > 0) {
      const reason = errors.map((issue) => `${issue.step !== undefined ? `step ${issue.step} ` : ''}${issue.field}: ${issue.message} (${issue.code})`).join(' | ');
      throw new StageFailure('check', reason, 1, { plan });
    }

    const checkedPlan = plan;
    const trace = await stage(
      'run',
      async (attempt) => {
        // One episode per sample: stateful tools (Slack) show it the seed world plus its own writes only.
        const caller = recordingCaller(forEpisode(pipeline.tools, input.key), input.signal);
        const result = await pipeline.runPlan(checkedPlan, caller);
        logTrace(log, result, attempt);
        const accepted = result.all_accepted && result.steps.every((step) => step.accepted);
        if (!accepted && caller.transportErrors > 0) throw new TransportTraceError(result);
        return result;
      },
      isRetryable,
    );
    if (!(trace.all_accepted && trace.steps.every((step) => step.accepted))) {
      throw new StageFailure('run', describeFailingSteps(trace), maxAttempts, { plan, trace });
    }
    const runDone = clock.now();
    // The asks range over the names the run resolved; the composer answers them.
    const answerPlan = withEntities(checkedPlan, trace);

    const composed = await stage('compose', async (attempt) => {
      log.add('compose', `attempt ${attempt} with ${pipeline.composer.id}`);
      return context.callModel('compose', entry, () => pipeline.composer.compose(entry, answerPlan, trace, { budget: input.budget }), (outcome) => outcome.usage, input.budget);
    });
    usage.push(...composed.usage);
    log.add('compose', 'reference', { answer_text: composed.reference.answer_text, citations: composed.reference.citations });
    const composeDone = clock.now();

    const grounding = await pipeline.checkGrounding(composed.reference, answerPlan);
    log.add('grounding', grounding.ok ? 'ok' : 'not grounded', grounding);
    if (!grounding.ok) {
      const parts = [
        grounding.ungrounded.length > 0 ? `ungrounded numbers: ${grounding.ungrounded.map((item) => item.text).join(', ')}` : '',
        grounding.missing.length > 0 ? `missing facets: ${grounding.missing.join(', ')}` : '',
      ].filter(Boolean);
      throw new StageFailure('grounding', parts.join('; ') || 'grounding check failed', 1, { plan, trace });
    }

    const packaged = statedRequirements(answerPlan, trace, composed.reference);
    if ('missing' in packaged) {
      throw new StageFailure('grounding', `not stated where the environment's matcher finds it: ${packaged.missing.join(', ')}`, 1, { plan, trace });
    }
    const fitted = fittedLength(packaged.plan, composed.reference.answer_text);
    if ('problem' in fitted) throw new StageFailure('compose', fitted.problem, 1, { plan, trace });
    const finished = clock.now();
    log.add('result', 'sample');
    return {
      ...base(),
      status: 'sample',
      plan: fitted.plan,
      plan_issues: issues,
      repairs: planned.repairs,
      trace,
      reference: composed.reference,
      grounding,
      usage,
      timings_ms: { plan: planDone - started, run: runDone - planDone, compose: composeDone - runDone, total: finished - started },
      limits: context.limits,
    };
  } catch (error) {
    const failure =
      error instanceof StageFailure
        ? error
        : new StageFailure('internal', error instanceof Error ? `${error.name}: ${error.message}` : String(error), maxAttempts, { plan });
    log.add('result', `failed at ${failure.stage} after ${failure.attempts} attempt(s): ${failure.reason}`);
    return {
      ...base(),
      attempts: Math.max(maxAttempts, failure.attempts),
      status: 'failed',
      stage: failure.stage,
      reason: failure.reason,
      ...(failure.extra.fault !== undefined ? { fault: failure.extra.fault } : {}),
      plan: failure.extra.plan ?? plan,
      trace: failure.extra.trace,
      usage,
    };
  }
}
