import type { Entry } from '@forge/catalog';
import type { Plan, PlanIssue } from '@forge/plan';
import type { ToolCaller, ToolSpec } from '@forge/tools';
import type { CallBudget } from './call-budget.ts';

/** Tokens spent by one model call (zeros for offline planners). */
export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** True when the server reported no usage and these counts are a character-based estimate. */
  estimated?: boolean;
}

export interface PlanLimits {
  max_tools: number;
  max_turns: number;
}

export interface PlanRequest {
  entry: Entry;
  inventory: ToolSpec[];
  limits: PlanLimits;
  /** Read-only lookups while planning (e.g. resolving a company name); never part of the trace. */
  tools?: ToolCaller;
  /** The prompt's model-call budget (deadline, 429 allowance, stop signal); model planners pass it to every call. */
  budget?: CallBudget;
}

export interface PlanOutcome {
  plan: Plan;
  usage: TokenUsage[];
  /** How many repair rounds it took (0 for a plan that passed the checker first time). */
  repairs: number;
  /** Warning-severity checker issues the accepted plan still carries (e.g. non-portable helpers). */
  warnings?: PlanIssue[];
}

/** Writes a tool plan for one catalog entry. Throws a ForgeError when no acceptable plan can be made. */
export interface Planner {
  readonly id: string;
  readonly model: string;
  plan(request: PlanRequest): Promise<PlanOutcome>;
}
