export type { Planner, PlanRequest, PlanOutcome, PlanLimits, TokenUsage } from './planner.ts';
