import { z } from 'zod';
import { ComplexitySchema } from '@forge/catalog';
import { StepSchema, FinalAnswerRequirementsSchema, JudgeRubricSchema } from '@forge/plan';
import { ReferenceSchema, GroundingReportSchema } from '@forge/composer';

const ToolFqnSchema = z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/).describe('"<server>.<tool>"');

export const MessageSchema = z.object({
  role: z.enum(['system', 'user']),
  content: z.string().min(1),
});

export const RubricStepSchema = z.object({
  step: z.number().int().min(1),
  tool: ToolFqnSchema,
  extract: z.array(z.string()),
  compute: z.array(z.string()),
  select: z.array(z.string()),
  accept_if: z.array(z.string()),
});

/** The score fields the LLM judge returns, each a number in [0, 1]. */
export const JUDGE_SCORE_FIELDS = ['coverage', 'grounding', 'clarity', 'safety', 'total'] as const;

const JudgeScoreSchema = z.object({ type: z.literal('number'), minimum: z.literal(0), maximum: z.literal(1) });

/** judge_rubric.schema: the JSON Schema the environment hands its LLM judge as the structured-output schema. */
export const JudgeOutputSchemaSchema = z
  .object({
    type: z.literal('object'),
    properties: z.object({
      coverage: JudgeScoreSchema,
      grounding: JudgeScoreSchema,
      clarity: JudgeScoreSchema,
      safety: JudgeScoreSchema,
      total: JudgeScoreSchema,
    }),
    required: z.array(z.enum(JUDGE_SCORE_FIELDS)),
    additionalProperties: z.literal(false),
  })
  .describe('JSON Schema of the judge\'s scores: coverage, grounding, clarity, safety, total (numbers 0-1), all required');
export type JudgeOutputSchema = z.infer<typeof JudgeOutputSchemaSchema>;

/** A fresh copy of the judge's output schema, as every packaged sample carries it. */
export function judgeOutputSchema(): JudgeOutputSchema {
  const score = () => ({ type: 'number' as const, minimum: 0 as const, maximum: 1 as const });
  return {
    type: 'object',
    properties: { coverage: score(), grounding: score(), clarity: score(), safety: score(), total: score() },
    required: [...JUDGE_SCORE_FIELDS],
    additionalProperties: false,
  };
}

/** The plan's judge rubric, with `schema` as a JSON Schema object instead of the plan's list of field names. */
export const SampleJudgeRubricSchema = JudgeRubricSchema.extend({ schema: JudgeOutputSchemaSchema });

export const GroundTruthSchema = z.object({
  task_id: z.string().min(1),
  complexity: ComplexitySchema,
  max_turns: z.number().int().min(2).describe('at least one turn per step plus the final answer'),
  success: z.object({ must_call_tool: ToolFqnSchema.describe('the first step\'s server.tool') }),
  tool_sequence: z.array(StepSchema).min(1),
  limits: z.object({
    max_tools: z.number().int().min(1),
    max_servers: z.number().int().min(1).describe('at least the number of distinct servers the plan uses'),
  }),
  analysis_rubric: z.object({
    steps: z.array(RubricStepSchema),
    final_answer_requirements: FinalAnswerRequirementsSchema,
  }),
  final_reference: ReferenceSchema,
  judge_rubric: SampleJudgeRubricSchema,
});

export const ResultSummarySchema = z.union([
  z.object({ ok: z.literal(true), keys: z.array(z.string()), latency_ms: z.number() }),
  z.object({ ok: z.literal(false), error: z.string(), latency_ms: z.number() }),
]);

export const BreadcrumbStepSchema = z.object({
  step: z.number().int().min(1),
  tool_fqn: ToolFqnSchema,
  args: z.record(z.string(), z.unknown()),
  result_summary: ResultSummarySchema,
  accept_pass: z.boolean(),
  checks: z.object({
    missing: z.array(z.string()).describe('extraction paths or expressions that produced nothing'),
    updated: z.array(z.string()).describe('state keys this step set'),
  }),
});

export const TokenTotalsSchema = z.object({
  prompt_tokens: z.number().int().min(0),
  completion_tokens: z.number().int().min(0),
  total_tokens: z.number().int().min(0),
  calls: z.number().int().min(0),
});

// The code stays an open string here: the checker's list of codes grows, and a new code must not break the
// published row schema (nor rows packaged before it existed).
const PlanWarningSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  step: z.number().int().optional(),
  field: z.string(),
  message: z.string(),
});

export const VerdictsSchema = z.object({
  grounding: GroundingReportSchema,
  all_steps_accepted: z.boolean(),
  plan_issues: z.array(PlanWarningSchema).describe('warnings left after checking the plan'),
  repairs: z.number().int().min(0),
});

export const ExtraInfoSchema = z.object({
  sample_id: z.string().regex(/^[0-9a-f]{16}$/).describe('sha256 of prompt_id and record key, first 16 hex digits'),
  prompt_id: z.string().min(1),
  prompt_index: z.number().int().min(0),
  original_complexity: z.string(),
  domain: z.string().describe('the catalog entry\'s domain, default equities-research'),
  catalog_sha256: z.string(),
  snapshot_id: z.string(),
  as_of: z.string(),
  planner: z.string(),
  composer: z.string(),
  model: z.string(),
  generated_at: z.string(),
  verdicts: VerdictsSchema,
  token_usage: TokenTotalsSchema,
  task_metadata: z.object({
    tools_available: z.array(ToolFqnSchema),
    model: z.string(),
    backend: z.string(),
    generated_at: z.string(),
    raw_output_path: z.string().nullable().describe('raw trace file, relative to the package directory'),
    exec_breadcrumbs: z.object({
      state_keys: z.array(z.string()),
      steps: z.array(BreadcrumbStepSchema),
    }),
  }),
});

/** One SkyRL training row, as ARCHITECTURE.md "The sample row" pins it; the published JSON Schema is made from this. */
export const SkyRLSampleSchema = z.object({
  data_source: z.string().min(1),
  env_class: z.string().min(1),
  prompt: z.tuple([
    MessageSchema.extend({ role: z.literal('system') }),
    MessageSchema.extend({ role: z.literal('user') }),
  ]),
  reward_spec: z.object({ method: z.literal('rule'), ground_truth: GroundTruthSchema }),
  extra_info: ExtraInfoSchema,
});
export type SkyRLSample = z.infer<typeof SkyRLSampleSchema>;
export type BreadcrumbStep = z.infer<typeof BreadcrumbStepSchema>;
export type TokenTotals = z.infer<typeof TokenTotalsSchema>;
