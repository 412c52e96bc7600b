export type { Planner, PlanRequest, PlanOutcome, PlanLimits, TokenUsage } from './planner.ts';
export { RulePlanner, RULE_PLANNER_VERSION } from './rule-planner.ts';
export { readPrompt } from './rule/read-prompt.ts';
export type { PromptReading, Facet, AnswerFormat } from './rule/read-prompt.ts';
