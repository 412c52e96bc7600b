import { z } from 'zod';
import { ComplexitySchema } from './complexity.ts';

/** One normalised catalog entry; keys beyond the four core fields live on in `metadata`. */
export const EntrySchema = z.object({
  prompt_id: z.string().min(1),
  user_prompt: z.string().min(1),
  complexity: ComplexitySchema,
  original_complexity: z.string(),
  metadata: z.record(z.string(), z.unknown()),
});
export type Entry = z.infer<typeof EntrySchema>;

/** The row written to curriculum_prompts.json: metadata is dropped there. */
export function toCurriculumPrompt(entry: Entry) {
  return {
    prompt_id: entry.prompt_id,
    user_prompt: entry.user_prompt,
    complexity: entry.complexity,
    original_complexity: entry.original_complexity,
  };
}
