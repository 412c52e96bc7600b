import { z } from 'zod';
import { AsksSchema } from '@forge/asks';

/** What a step asks of its own result: extraction paths, derived values, checks, and chaining. */
export const AnalysisRequirementsSchema = z.object({
  extract: z.array(z.string()).describe('extraction paths into the tool result: field, a.b, x[], a.b[], x[][f], x{k->v}, alias = path'),
  compute: z.array(z.string()).describe('name = expr, evaluated over the state after extraction'),
  select: z.array(z.string()).describe('name = expr choosing among values (e.g. topk, head)'),
  accept_if: z.array(z.string()).describe('boolean expressions over this step\'s own variables; all must hold'),
  next_args_from: z.string().optional().describe('variable of this step whose value feeds the next step\'s params'),
});
export type AnalysisRequirements = z.infer<typeof AnalysisRequirementsSchema>;

/** One tool call of a plan. Params may hold `${expr}` placeholders over earlier steps' variables. */
export const StepSchema = z.object({
  step: z.number().int().min(1).describe('1-based position in the sequence'),
  server: z.string().min(1).describe('MCP server name, e.g. fmp'),
  tool: z.string().min(1).describe('tool name on that server, e.g. fmp_get_quote'),
  params: z.record(z.string(), z.unknown()).describe('tool arguments; strings may contain ${expr} placeholders'),
  analysis_requirements: AnalysisRequirementsSchema,
});
export type Step = z.infer<typeof StepSchema>;

export const FinalAnswerRequirementsSchema = z.object({
  format: z.string().describe('e.g. "one sentence", "bullets", "paragraph (<= 120 words)"'),
  must_include: z.array(z.string()).describe('facets the answer must state, as state keys'),
  grounded_from: z.array(z.string()).describe('state keys the answer may draw numbers from'),
  quality_criteria: z.array(z.string()),
  asks: AsksSchema.optional().describe('what the prompt asks the answer to deliver (libs/asks); the generator fills it in, a planner need not'),
});
export type FinalAnswerRequirements = z.infer<typeof FinalAnswerRequirementsSchema>;

export const JudgeRubricSchema = z.object({
  weights: z.object({ coverage: z.number(), grounding: z.number(), clarity: z.number(), safety: z.number() }),
  target_length_range: z.tuple([z.number().int(), z.number().int()]).describe('answer length in words, [min, max]'),
  schema: z.array(z.string()).describe('score fields: coverage, grounding, clarity, safety, total'),
});
export type JudgeRubric = z.infer<typeof JudgeRubricSchema>;

/** A complete tool plan: what a planner writes and the training environment re-runs. */
export const PlanSchema = z.object({
  tool_sequence: z.array(StepSchema).min(1),
  final_answer_requirements: FinalAnswerRequirementsSchema,
  judge_rubric: JudgeRubricSchema,
});
export type Plan = z.infer<typeof PlanSchema>;
