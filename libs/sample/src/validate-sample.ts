import type { ErrorObject } from 'ajv';
import { checkAnswer } from '@forge/asks';
import { countPromptTokens, DEFAULT_PROMPT_TOKEN_ENCODING, type PromptTokenEncoding } from './prompt-tokens.ts';
import type { SampleValidator } from './sample-validator.ts';
import { JUDGE_SCORE_FIELDS, type SkyRLSample } from './skyrl-sample.ts';

export type SampleProblemCode =
  | 'not-an-object'
  | 'schema'
  | 'contract'
  | 'step-not-accepted'
  | 'empty-fact'
  | 'grounding-failed'
  | 'must-include-uncovered'
  | 'prompt-too-long'
  | 'duplicate-sample-id'
  // Set by the packager's oracle replay (libs/replay), which needs the recorded tool results a row does not hold.
  | 'replay:step'
  | 'replay:coverage'
  | 'replay:grounding'
  // The answer misses what the prompt asked (libs/asks): ask-not-met:bullets, :pick, :verdict, :slack-read, …
  | `ask-not-met:${string}`;

/** One reason a row cannot be trained on; `path` is a JSON pointer into the row when it points somewhere. */
export interface SampleProblem {
  code: SampleProblemCode;
  message: string;
  path?: string;
}

export interface SampleVerdict {
  ok: boolean;
  sample_id: string | null;
  problems: SampleProblem[];
  /** Tokens of the row's prompt (chat template included) in the gates' encoding; null when the row has no prompt array. */
  prompt_tokens?: number | null;
}

export interface SampleGates {
  /** SkyRL's loader drops prompts above its max_prompt_length silently, so we reject them loudly. */
  maxPromptTokens: number;
  /** Encoding the prompt is counted in; defaults to o200k_base. */
  promptTokenEncoding?: PromptTokenEncoding;
  /** Ids seen earlier in the same file; the check adds this row's id (a Set, or the packager's compact one). */
  seenSampleIds?: { has(id: string): boolean; add(id: string): unknown };
}

export const DEFAULT_MAX_PROMPT_TOKENS = 8192;

const WEIGHT_TOLERANCE = 1e-6;

/** Rough token count of a text (chars / 4, rounded up), the estimate the prompt-length gate uses. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Checks one row against the published JSON Schema and every quality gate. Never throws: a malformed row
 * gets problems, not an exception.
 */
export function validateSample(row: unknown, validator: SampleValidator, gates: SampleGates): SampleVerdict {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) {
    return { ok: false, sample_id: null, problems: [{ code: 'not-an-object', message: `expected a JSON object, got ${kindOf(row)}` }] };
  }
  const id = sampleIdOf(row);
  const problems: SampleProblem[] = [];
  checkDuplicate(id, gates, problems);
  const promptTokens = checkPromptLength(row, gates, problems);
  if (!validator(row)) {
    problems.push(...(validator.errors ?? []).map(toSchemaProblem));
  } else {
    checkGates(row as SkyRLSample, problems);
  }
  return { ok: problems.length === 0, sample_id: id, problems, prompt_tokens: promptTokens };
}

function checkGates(sample: SkyRLSample, problems: SampleProblem[]): void {
  const truth = sample.reward_spec.ground_truth;
  const info = sample.extra_info;
  const breadcrumbs = info.task_metadata.exec_breadcrumbs;
  const steps = truth.tool_sequence;

  if (breadcrumbs.steps.length !== steps.length) {
    problems.push({ code: 'step-not-accepted', path: '/extra_info/task_metadata/exec_breadcrumbs/steps', message: `${breadcrumbs.steps.length} executed steps for a ${steps.length}-step plan` });
  }
  breadcrumbs.steps.forEach((step, index) => {
    if (!step.accept_pass) {
      const why = step.result_summary.ok ? `accept_if failed or missing: ${step.checks.missing.join(', ') || 'condition false'}` : `tool error: ${step.result_summary.error}`;
      problems.push({ code: 'step-not-accepted', path: `/extra_info/task_metadata/exec_breadcrumbs/steps/${index}`, message: `step ${step.step} (${step.tool_fqn}) not accepted: ${why}` });
    }
  });

  const facts = truth.final_reference.facts;
  if (Object.keys(facts).length === 0) problems.push({ code: 'empty-fact', path: '/reward_spec/ground_truth/final_reference/facts', message: 'the reference has no facts' });
  for (const [key, value] of Object.entries(facts)) {
    if (isEmptyValue(value)) problems.push({ code: 'empty-fact', path: `/reward_spec/ground_truth/final_reference/facts/${escapePointer(key)}`, message: `fact "${key}" is empty (${kindOf(value)})` });
  }

  const grounding = info.verdicts.grounding;
  if (!grounding.ok) {
    const details = [
      ...grounding.ungrounded.map((number) => `ungrounded ${number.text}`),
      ...grounding.missing.map((facet) => `missing ${facet}`),
    ];
    problems.push({ code: 'grounding-failed', path: '/extra_info/verdicts/grounding', message: `grounding check failed${details.length ? `: ${details.join('; ')}` : ''}` });
  }

  const requirements = truth.analysis_rubric.final_answer_requirements;
  for (const facet of requirements.must_include) {
    if (!(facet in facts)) problems.push({ code: 'must-include-uncovered', path: '/reward_spec/ground_truth/analysis_rubric/final_answer_requirements/must_include', message: `must_include "${facet}" has no fact` });
  }
  checkContract(sample, problems);
  checkAsks(sample, problems);
}

/** The answer delivers what the prompt asked: form, counts, pick/verdict/stance, window, Slack side effects. */
function checkAsks(sample: SkyRLSample, problems: SampleProblem[]): void {
  const asks = sample.reward_spec.ground_truth.analysis_rubric.final_answer_requirements.asks;
  if (!asks) return;
  const posts = sample.extra_info.task_metadata.exec_breadcrumbs.steps
    .filter((step) => step.tool_fqn === 'slack.send_slack_message')
    .map((step) => ({ channel: String(step.args.channel ?? ''), text: String(step.args.text ?? '') }));
  for (const found of checkAnswer({ asks, answer: sample.reward_spec.ground_truth.final_reference.answer_text, posts })) {
    problems.push({ code: found.code, path: '/reward_spec/ground_truth/final_reference/answer_text', message: found.message });
  }
}

/** The cross-field rules of ARCHITECTURE.md that a JSON Schema cannot say. */
function checkContract(sample: SkyRLSample, problems: SampleProblem[]): void {
  const truth = sample.reward_spec.ground_truth;
  const steps = truth.tool_sequence;
  const contract = (path: string, message: string) => problems.push({ code: 'contract', path: `/reward_spec/ground_truth/${path}`, message });
  if (truth.max_turns < steps.length + 1) contract('max_turns', `max_turns ${truth.max_turns} leaves no turn for the final answer after ${steps.length} steps`);
  const first = `${steps[0].server}.${steps[0].tool}`;
  if (truth.success.must_call_tool !== first) contract('success/must_call_tool', `must_call_tool is ${truth.success.must_call_tool}, the first step calls ${first}`);
  const servers = new Set(steps.map((step) => step.server)).size;
  if (truth.limits.max_servers < servers) contract('limits/max_servers', `max_servers ${truth.limits.max_servers} < ${servers} distinct servers used`);
  if (truth.limits.max_tools < steps.length) contract('limits/max_tools', `max_tools ${truth.limits.max_tools} < ${steps.length} steps`);
  steps.forEach((step, index) => {
    if (step.step !== index + 1) contract(`tool_sequence/${index}/step`, `step numbered ${step.step} at position ${index + 1}`);
  });
  const weights = truth.judge_rubric.weights;
  const sum = weights.coverage + weights.grounding + weights.clarity + weights.safety;
  if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) contract('judge_rubric/weights', `judge weights sum to ${sum}, not 1`);
  const [low, high] = truth.judge_rubric.target_length_range;
  if (low > high) contract('judge_rubric/target_length_range', `length range [${low}, ${high}] is inverted`);
  const judgeSchema = truth.judge_rubric.schema;
  const missingFields = JUDGE_SCORE_FIELDS.filter((field) => !judgeSchema.required.includes(field) || !judgeSchema.properties[field]);
  if (missingFields.length) contract('judge_rubric/schema', `judge schema lacks ${missingFields.join(', ')}`);
  const stateKeys = new Set(sample.extra_info.task_metadata.exec_breadcrumbs.state_keys);
  const foreign = truth.analysis_rubric.final_answer_requirements.grounded_from.filter((key) => !stateKeys.has(key));
  if (foreign.length) contract('analysis_rubric/final_answer_requirements/grounded_from', `grounded_from names keys never set: ${foreign.join(', ')}`);
}

function checkDuplicate(id: string | null, gates: SampleGates, problems: SampleProblem[]): void {
  if (id === null || !gates.seenSampleIds) return;
  if (gates.seenSampleIds.has(id)) problems.push({ code: 'duplicate-sample-id', path: '/extra_info/sample_id', message: `sample_id ${id} appears earlier in the file` });
  gates.seenSampleIds.add(id);
}

function checkPromptLength(row: object, gates: SampleGates, problems: SampleProblem[]): number | null {
  const prompt = (row as { prompt?: unknown }).prompt;
  if (!Array.isArray(prompt)) return null;
  const messages = prompt.map((message: unknown) => {
    const fields = message && typeof message === 'object' ? (message as { role?: unknown; content?: unknown }) : {};
    return { role: typeof fields.role === 'string' ? fields.role : 'user', content: typeof fields.content === 'string' ? fields.content : '' };
  });
  const encoding = gates.promptTokenEncoding ?? DEFAULT_PROMPT_TOKEN_ENCODING;
  const tokens = countPromptTokens(messages, encoding);
  if (tokens > gates.maxPromptTokens) problems.push({ code: 'prompt-too-long', path: '/prompt', message: `prompt is ${tokens} tokens (${encoding}, chat template included), over the ${gates.maxPromptTokens}-token max_prompt_length` });
  return tokens;
}

function sampleIdOf(row: object): string | null {
  const info = (row as { extra_info?: unknown }).extra_info;
  const id = info && typeof info === 'object' ? (info as { sample_id?: unknown }).sample_id : undefined;
  return typeof id === 'string' ? id : null;
}

function toSchemaProblem(error: ErrorObject): SampleProblem {
  const where = error.instancePath || '/';
  const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : error.keyword === 'enum' || error.keyword === 'const' ? ` (${JSON.stringify(error.params)})` : '';
  return { code: 'schema', path: where, message: `${where} ${error.message ?? 'is invalid'}${extra}` };
}

function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  return typeof value;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
