import { z } from 'zod';

export const AcceptCheckSchema = z.object({
  condition: z.string(),
  passed: z.boolean(),
  error: z.string().optional().describe('why the condition could not be evaluated'),
});
export type AcceptCheck = z.infer<typeof AcceptCheckSchema>;

/** What running one step actually did. */
export const StepTraceSchema = z.object({
  step: z.number().int(),
  server: z.string(),
  tool: z.string(),
  status: z.enum(['ok', 'tool_error', 'skipped']),
  why: z.string().optional().describe('tool error text, or why the step was skipped'),
  args: z.record(z.string(), z.unknown()).describe('params after placeholder resolution'),
  latency_ms: z.number(),
  structured_content: z.unknown().describe('the raw structuredContent the tool returned (null when none)'),
  extracted: z.record(z.string(), z.unknown()).describe('variables stored by extract'),
  computed: z.record(z.string(), z.unknown()).describe('variables stored by compute and select'),
  missing: z.array(z.string()).describe('extraction paths or expressions that produced nothing'),
  accept: z.array(AcceptCheckSchema),
  accepted: z.boolean().describe('status ok and every accept_if passed'),
  updated: z.array(z.string()).optional().describe('state keys this step set, in order'),
  errors: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe('compute/select statements that raised, e.g. field "analysis_requirements.compute[0]"'),
  next_args: z
    .object({ name: z.string(), value: z.unknown() })
    .optional()
    .describe('the next_args_from variable and its value, handed to the next step'),
});
export type StepTrace = z.infer<typeof StepTraceSchema>;

/** What running a whole plan called and got back, plus the final state of variables. */
export const TraceSchema = z.object({
  steps: z.array(StepTraceSchema),
  state: z.record(z.string(), z.unknown()),
  started_at: z.string(),
  finished_at: z.string(),
  all_accepted: z.boolean(),
});
export type Trace = z.infer<typeof TraceSchema>;
