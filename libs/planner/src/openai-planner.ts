import type { Complexity } from '@forge/catalog';
import { checkPlan, PlanSchema, type Plan, type PlanIssue } from '@forge/plan';
import type { ToolSpec } from '@forge/tools';
import type { Planner, PlanOutcome, PlanRequest, TokenUsage } from './planner.ts';
import { OpenAIJsonClient, type JsonMessage, type OpenAIJsonClientOptions } from './openai-json-client.ts';
import { toModelJsonSchema } from './openai-json-schema.ts';
import { parsePlanReply } from './openai-parse-plan-reply.ts';
import { buildPlanMessages, buildRepairPrompt } from './openai-plan-prompt.ts';
import { PlanningError } from './planning-error.ts';

/** The static checker's signature (checkPlan from @forge/plan); injectable so tests can pin its verdicts. */
export type PlanChecker = (plan: Plan, inventory: ToolSpec[], options: { complexity: Complexity }) => PlanIssue[];

export interface OpenAIPlannerOptions extends OpenAIJsonClientOptions {
  /** Repair rounds after the first reply (default 2). */
  maxRepairs?: number;
  check?: PlanChecker;
}

function limitIssues(plan: Plan, request: PlanRequest): PlanIssue[] {
  const count = plan.tool_sequence.length;
  if (count <= request.limits.max_tools) return [];
  return [
    {
      severity: 'error',
      code: 'step-count',
      field: 'tool_sequence',
      message: `the plan makes ${count} tool calls but max_tools is ${request.limits.max_tools}; merge or drop steps`,
    },
  ];
}

/**
 * Plans with an OpenAI-compatible model: structured output, then checkPlan, then up to `maxRepairs` repair
 * rounds that quote the checker's issues back. Throws PlanningError when no plan passes, OpenAICallError when
 * the model cannot be reached.
 */
export class OpenAIPlanner implements Planner {
  readonly id = 'openai';
  readonly model: string;
  private readonly client: OpenAIJsonClient;
  private readonly maxRepairs: number;
  private readonly check: PlanChecker;
  private readonly schema = toModelJsonSchema(PlanSchema);

  constructor(options: OpenAIPlannerOptions) {
    this.client = new OpenAIJsonClient(options);
    this.model = options.model;
    this.maxRepairs = Math.max(0, options.maxRepairs ?? 2);
    this.check = options.check ?? checkPlan;
  }

  /** The API flavour in use, for generation records. */
  get backend() {
    return this.client.backend;
  }

  async plan(request: PlanRequest): Promise<PlanOutcome> {
    const messages: JsonMessage[] = buildPlanMessages(request);
    const usage: TokenUsage[] = [];
    let lastIssues: PlanIssue[] = [];
    for (let round = 0; round <= this.maxRepairs; round += 1) {
      const reply = await this.client.complete({
        messages,
        schemaName: 'plan',
        schema: this.schema,
        purpose: round === 0 ? 'plan' : `plan repair ${round}`,
        entryId: request.entry.prompt_id,
        budget: request.budget,
      });
      usage.push(reply.usage);
      const parsed = parsePlanReply(reply.content);
      const issues = parsed.ok
        ? [...this.check(parsed.plan, request.inventory, { complexity: request.entry.complexity }), ...limitIssues(parsed.plan, request)]
        : parsed.issues;
      const errors = issues.filter((issue) => issue.severity === 'error');
      if (parsed.ok && errors.length === 0) {
        const warnings = issues.filter((issue) => issue.severity === 'warning');
        return { plan: parsed.plan, usage, repairs: round, ...(warnings.length > 0 ? { warnings } : {}) };
      }
      lastIssues = errors;
      messages.push({ role: 'assistant', content: reply.content }, { role: 'user', content: buildRepairPrompt(errors) });
    }
    throw new PlanningError({ entryId: request.entry.prompt_id, issues: lastIssues, repairs: this.maxRepairs, planner: this.id });
  }
}
