import { z } from 'zod';

export const CitationSchema = z.object({
  fact: z.string().describe('key in facts'),
  step: z.number().int().describe('the plan step that produced it'),
  tool: z.string().describe('server.tool of that step'),
});
export type Citation = z.infer<typeof CitationSchema>;

/** A reference answer and the tool facts it was written from. */
export const ReferenceSchema = z.object({
  answer_text: z.string(),
  facts: z.record(z.string(), z.unknown()),
  citations: z.array(CitationSchema),
});
export type Reference = z.infer<typeof ReferenceSchema>;
