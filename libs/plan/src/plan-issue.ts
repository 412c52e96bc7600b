import { z } from 'zod';

/**
 * One defect found by checkPlan before any tool call. The message is fed back to an LLM planner for repair,
 * so it names the step, the field and what to change.
 */
export const PlanIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.enum([
    'unknown-server',
    'unknown-tool',
    'invalid-params',
    'impossible-extract-path',
    'undefined-variable',
    'parse-error',
    'non-portable',
    'step-count',
    'step-numbering',
    'accept-if-foreign-variable',
    'next-args-from',
    'placeholder-type',
    'invalid-expression',
    'invalid-statement',
  ]),
  /** 1-based step, absent for plan-wide issues. */
  step: z.number().int().optional(),
  /** e.g. "params.symbol", "analysis_requirements.extract[1]". */
  field: z.string(),
  message: z.string(),
});
export type PlanIssue = z.infer<typeof PlanIssueSchema>;
