export { PlanSchema, StepSchema, AnalysisRequirementsSchema, FinalAnswerRequirementsSchema, JudgeRubricSchema } from './plan-schema.ts';
export type { Plan, Step, AnalysisRequirements, FinalAnswerRequirements, JudgeRubric } from './plan-schema.ts';
export { TraceSchema, StepTraceSchema, AcceptCheckSchema } from './trace.ts';
export type { Trace, StepTrace, AcceptCheck } from './trace.ts';
export { PlanIssueSchema } from './plan-issue.ts';
export type { PlanIssue } from './plan-issue.ts';
