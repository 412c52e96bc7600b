import { z } from 'zod';
import { EntrySchema } from '@forge/catalog';
import { FailureRecordSchema, GenerationRecordSchema, ProvenanceSchema } from '@forge/engine';

/** The BullMQ job name of one prompt to generate. */
export const GENERATE_JOB = 'generate-entry';

/**
 * One prompt as the coordinator enqueues it: the entry, its place and content key, the plan limits and the
 * coordinator's provenance, so a worker can refuse to serve a run its own pipeline would answer differently.
 */
export const GenerationJobSchema = z.object({
  entry: EntrySchema,
  prompt_index: z.number().int().min(0),
  key: z.string().min(1),
  limits: z.object({ max_tools: z.number().int(), max_turns: z.number().int() }),
  provenance: ProvenanceSchema,
});
export type GenerationJob = z.infer<typeof GenerationJobSchema>;

/** What a worker returns for a job: the record (sample or recorded failure), its task log and who made it. */
export const JobResultSchema = z.object({
  record: z.discriminatedUnion('status', [GenerationRecordSchema, FailureRecordSchema]),
  log: z.string(),
  worker: z.string(),
});
export type JobResult = z.infer<typeof JobResultSchema>;
