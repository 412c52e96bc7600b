import type { Entry } from '@forge/catalog';
import { ForgeError, isRetryable } from '@forge/errors';
import type { Plan, PlanIssue, Trace } from '@forge/plan';
import type { PlanLimits, TokenUsage } from '@forge/planner';
import { forEpisode, type ToolCaller, type ToolCallOptions, type ToolSpec } from '@forge/tools';
import type { Reference } from '@forge/composer';
import { answerTokens, valueInText } from '@forge/replay';
import { readAsks } from '@forge/asks';
import type { Clock } from './clock.ts';
import type { FailureRecord, GenerationRecord } from './generation-record.ts';
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
  /** Runs one planner/composer call through the shared rate limiter (or directly when there is none). */
  callModel<T>(stage: ModelStage, entry: Entry, fn: () => Promise<T>, usageOf: (result: T) => TokenUsage[]): Promise<T>;
}

export interface EntryInput {
  entry: Entry;
  prompt_index: number;
  key: string;
}

type Stage = FailureRecord['stage'];

/** A prompt that stopped at a stage: becomes a FailureRecord, never an exception across the run. */
class StageFailure {
  constructor(
    readonly stage: Stage,
    readonly reason: string,
    readonly attempts: number,
    readonly extra: { plan?: Plan; trace?: Trace } = {},
  ) {}
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

/** Counts transport errors and timeouts while passing every call through. */
function recordingCaller(tools: ToolCaller): ToolCaller & { transportErrors: number } {
  const recorder = {
    transportErrors: 0,
    inventory: () => tools.inventory(),
    call: async (server: string, tool: string, args: Record<string, unknown>, options?: ToolCallOptions) => {
      const result = await tools.call(server, tool, args, options);
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
const PROSE_CHARS = 160;

/**
 * The packaged answer requirements are what the reference answer states, as the environment scores it: grounded_from
 * = the facts the answer used whose values its matcher finds in the text (libs/replay), must_include = the planned
 * ones among them. A planned must_include fact the answer does not state findably is a failure, never dropped. Left
 * out of both: a boolean flag (a check, not a figure an answer states) and a prose text longer than a sentence (a
 * company description: an answer summarises it, and the judge, not the substring matcher, scores a summary).
 */
function statedRequirements(plan: Plan, trace: Trace, reference: Reference): { plan: Plan } | { missing: string[] } {
  const requirements = plan.final_answer_requirements;
  const text = reference.answer_text;
  const stateable = (key: string) => {
    const value = trace.state[key];
    return key in trace.state && typeof value !== 'boolean' && !(typeof value === 'string' && value.length > PROSE_CHARS);
  };
  const stated = (key: string) => stateable(key) && valueInText(trace.state[key], text);
  const missing = requirements.must_include.filter((key) => stateable(key) && !stated(key));
  if (missing.length > 0) return { missing };
  const mustInclude = requirements.must_include.filter(stated);
  const groundedFrom = [...new Set([...mustInclude, ...Object.keys(reference.facts).filter(stated)])];
  if (groundedFrom.length === 0) return { missing: ['(the answer states no tool fact)'] };
  return { plan: { ...plan, final_answer_requirements: { ...requirements, must_include: mustInclude, grounded_from: groundedFrom } } };
}

const SYMBOL_PARAMS = new Set(['symbol', 'ticker', 'symbols', 'tickers', 'stocksTicker']);

/** The symbols the run asked tools about (placeholders resolved), in first-use order: what picks and tables range over. */
function tracedSymbols(trace: Trace): string[] {
  const symbols: string[] = [];
  for (const step of trace.steps) {
    if (step.tool === 'fmp_search_ticker') continue;
    for (const [name, value] of Object.entries(step.args)) {
      if (!SYMBOL_PARAMS.has(name)) continue;
      for (const item of Array.isArray(value) ? value : String(value).split(',')) {
        const symbol = String(item).trim();
        if (/^[A-Z][A-Z.]{0,5}$/.test(symbol) && !symbols.includes(symbol)) symbols.push(symbol);
      }
    }
  }
  return symbols;
}

/**
 * Attaches what the prompt asks (libs/asks) to the plan, so the composer answers it, the gate checks it and a judge
 * sees it; the entities are the plan's symbols, less a benchmark asked against (it is the yardstick, not a pick).
 */
function withAsks(plan: Plan, prompt: string): Plan {
  if (plan.final_answer_requirements.asks) return plan;
  return { ...plan, final_answer_requirements: { ...plan.final_answer_requirements, asks: readAsks(prompt) } };
}

/** The asks' entities, once the run has resolved every name to its symbol. */
function withEntities(plan: Plan, trace: Trace): Plan {
  const asks = plan.final_answer_requirements.asks;
  if (!asks || asks.entities.length > 0) return plan;
  const benchmarks = new Set(asks.asks.flatMap((ask) => (ask.kind === 'benchmark' ? [ask.symbol] : [])));
  const symbols = tracedSymbols(trace);
  const names = symbols.filter((symbol) => !benchmarks.has(symbol));
  const entities = names.length > 0 ? names : symbols;
  return { ...plan, final_answer_requirements: { ...plan.final_answer_requirements, asks: { ...asks, entities } } };
}

/**
 * The environment scores length against `target_length_range` in whitespace tokens. A length the prompt asked for
 * ("<= 60 words") caps the answer: going over it is a compose failure. Otherwise the range is the
 * planner's guess for the format, and it is widened to take in the reference answer, the exemplar of the target.
 */
function fittedLength(plan: Plan, text: string): { plan: Plan } | { problem: string } {
  const tokens = answerTokens(text);
  const [low, high] = plan.judge_rubric.target_length_range;
  if (tokens >= low && tokens <= high) return { plan };
  if (tokens > high && /\bwords?\b/i.test(plan.final_answer_requirements.format)) {
    return { problem: `the answer is ${tokens} words, outside the asked length ${low}-${high} (${plan.final_answer_requirements.format})` };
  }
  const range: [number, number] = [Math.min(low, Math.max(1, Math.floor(tokens * 0.75))), Math.max(high, Math.ceil(tokens * 1.25))];
  return { plan: { ...plan, judge_rubric: { ...plan.judge_rubric, target_length_range: range } } };
}

export async function generateEntry(input: EntryInput, context: EntryContext, log: TaskLog): Promise<GenerationRecord | FailureRecord> {
  const { entry } = input;
  const { pipeline, clock } = context;
  const usage: TokenUsage[] = [];
  let maxAttempts = 1;
  const base = () => ({
    key: input.key,
    prompt_id: entry.prompt_id,
    prompt_index: input.prompt_index,
    complexity: entry.complexity,
    original_complexity: entry.original_complexity,
    user_prompt: entry.user_prompt,
    metadata: entry.metadata,
    provenance: pipeline.provenance,
    generated_at: new Date(clock.now()).toISOString(),
    attempts: maxAttempts,
  });
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
      throw new StageFailure(name, messageOf(error), error.attempts, { trace });
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
        () => pipeline.planner.plan({ entry, inventory: context.inventory, limits: context.limits, tools: pipeline.tools }),
        (outcome) => outcome.usage,
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

    const plannedChecked = plan;
    const trace = await stage(
      'run',
      async (attempt) => {
        // One episode per sample: stateful tools (Slack) show it the seed world plus its own writes only.
        const caller = recordingCaller(forEpisode(pipeline.tools, input.key));
        const result = await pipeline.runPlan(plannedChecked, caller);
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
    const checkedPlan = withEntities(plannedChecked, trace);

    const composed = await stage('compose', async (attempt) => {
      log.add('compose', `attempt ${attempt} with ${pipeline.composer.id}`);
      return context.callModel('compose', entry, () => pipeline.composer.compose(entry, checkedPlan, trace), (outcome) => outcome.usage);
    });
    usage.push(...composed.usage);
    log.add('compose', 'reference', { answer_text: composed.reference.answer_text, citations: composed.reference.citations });
    const composeDone = clock.now();

    const grounding = await pipeline.checkGrounding(composed.reference, checkedPlan);
    log.add('grounding', grounding.ok ? 'ok' : 'not grounded', grounding);
    if (!grounding.ok) {
      const parts = [
        grounding.ungrounded.length > 0 ? `ungrounded numbers: ${grounding.ungrounded.map((item) => item.text).join(', ')}` : '',
        grounding.missing.length > 0 ? `missing facets: ${grounding.missing.join(', ')}` : '',
      ].filter(Boolean);
      throw new StageFailure('grounding', parts.join('; ') || 'grounding check failed', 1, { plan, trace });
    }

    const packaged = statedRequirements(checkedPlan, trace, composed.reference);
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
      plan: failure.extra.plan ?? plan,
      trace: failure.extra.trace,
      usage,
    };
  }
}
