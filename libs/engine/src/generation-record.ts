import { z } from 'zod';
import { ComplexitySchema } from '@forge/catalog';
import { PlanSchema, PlanIssueSchema, TraceSchema } from '@forge/plan';
import { ReferenceSchema, GroundingReportSchema } from '@forge/composer';

export const TokenUsageSchema = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
});

/** Where the generator stood when it made a record: enough to reproduce it and to key the content cache. */
export const ProvenanceSchema = z.object({
  planner: z.string().describe('planner id, e.g. rule-v1 or openai'),
  composer: z.string(),
  model: z.string().describe('model name, "none" for the offline planner'),
  backend: z.string().describe('snapshot | live'),
  snapshot_id: z.string(),
  as_of: z.string(),
  inventory_sha256: z.string().describe('hash of the tool inventory schemas'),
  template_version: z.string().describe('planner/composer prompt-template version'),
  catalog_sha256: z.string(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

const RecordBaseSchema = z.object({
  /** Content-cache key: sha256 of normalised prompt, complexity and the provenance fields that shape output. */
  key: z.string(),
  prompt_id: z.string(),
  prompt_index: z.number().int().describe('position in the catalog (after selection)'),
  complexity: ComplexitySchema,
  original_complexity: z.string(),
  user_prompt: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  provenance: ProvenanceSchema,
  generated_at: z.string(),
  attempts: z.number().int(),
});

export type RecordBase = z.infer<typeof RecordBaseSchema>;

/** The fields every ledger record of an entry starts with: who it is, where it stands, what made it and when. */
export function recordBase(
  entry: { prompt_id: string; complexity: RecordBase['complexity']; original_complexity: string; user_prompt: string; metadata: Record<string, unknown> },
  at: { key: string; prompt_index: number; provenance: Provenance; now: number; attempts: number },
): RecordBase {
  return {
    key: at.key,
    prompt_id: entry.prompt_id,
    prompt_index: at.prompt_index,
    complexity: entry.complexity,
    original_complexity: entry.original_complexity,
    user_prompt: entry.user_prompt,
    metadata: entry.metadata,
    provenance: at.provenance,
    generated_at: new Date(at.now).toISOString(),
    attempts: at.attempts,
  };
}

/** One finished sample as the engine appends it to data/generated/<complexity>.jsonl. */
export const GenerationRecordSchema = RecordBaseSchema.extend({
  status: z.literal('sample'),
  plan: PlanSchema,
  plan_issues: z.array(PlanIssueSchema).describe('warnings left after checking (errors never reach a sample)'),
  repairs: z.number().int(),
  trace: TraceSchema,
  reference: ReferenceSchema,
  grounding: GroundingReportSchema,
  usage: z.array(TokenUsageSchema),
  timings_ms: z.object({ plan: z.number(), run: z.number(), compose: z.number(), total: z.number() }),
  /** The plan limits the planner worked under; the sample's episode limits are never tighter. */
  limits: z.object({ max_tools: z.number().int(), max_turns: z.number().int() }).optional(),
});
export type GenerationRecord = z.infer<typeof GenerationRecordSchema>;

/** A prompt that could not become a sample, with the stage and reason; appended to <complexity>.failures.jsonl. */
export const FailureRecordSchema = RecordBaseSchema.extend({
  status: z.literal('failed'),
  stage: z.enum(['plan', 'check', 'run', 'compose', 'grounding', 'internal']),
  reason: z.string(),
  fault: z.string().optional().describe('the infrastructure fault behind the failure (model-timeout, model-deadline, model-rate-limit, circuit-open, …); absent for a verdict on the prompt'),
  plan: PlanSchema.optional(),
  trace: TraceSchema.optional(),
  usage: z.array(TokenUsageSchema),
});
export type FailureRecord = z.infer<typeof FailureRecordSchema>;
