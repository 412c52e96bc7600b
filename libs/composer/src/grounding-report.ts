import { z } from 'zod';

/** The verdict of checkGrounding: every number traced to a fact, every required facet present. */
export const GroundingReportSchema = z.object({
  ok: z.boolean(),
  /** Numbers in the answer that match no fact (after allowed rounding and percent/fraction forms). */
  ungrounded: z.array(z.object({ text: z.string(), value: z.number() })),
  /** must_include facets the answer leaves out. */
  missing: z.array(z.string()),
});
export type GroundingReport = z.infer<typeof GroundingReportSchema>;
