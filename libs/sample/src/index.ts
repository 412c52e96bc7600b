export {
  SkyRLSampleSchema,
  GroundTruthSchema,
  ExtraInfoSchema,
  BreadcrumbStepSchema,
  ResultSummarySchema,
  RubricStepSchema,
  MessageSchema,
  VerdictsSchema,
  TokenTotalsSchema,
  SampleJudgeRubricSchema,
  JudgeOutputSchemaSchema,
  JUDGE_SCORE_FIELDS,
  judgeOutputSchema,
} from './skyrl-sample.ts';
export type { SkyRLSample, BreadcrumbStep, TokenTotals, JudgeOutputSchema } from './skyrl-sample.ts';
export { toSample } from './to-sample.ts';
export { describeSample } from './describe-sample.ts';
export type { ToSampleOptions } from './to-sample.ts';
export { buildSystemPrompt, ACTION_FORMAT } from './build-system-prompt.ts';
export { DEFAULT_TOOL_INVENTORY } from './default-tool-inventory.ts';
export type { ToolListing } from './default-tool-inventory.ts';
export { sampleId } from './sample-id.ts';
export { sampleJsonSchema, sampleJsonSchemaText, SAMPLE_SCHEMA_ID } from './sample-json-schema.ts';
export { createSampleValidator, loadSampleValidator, SAMPLE_SCHEMA_FILE } from './sample-validator.ts';
export type { SampleValidator } from './sample-validator.ts';
export { validateSample, estimateTokens, DEFAULT_MAX_PROMPT_TOKENS } from './validate-sample.ts';
export type { SampleProblem, SampleProblemCode, SampleVerdict, SampleGates } from './validate-sample.ts';
export { countPromptTokens, isPromptTokenEncoding, PROMPT_TOKEN_ENCODINGS, DEFAULT_PROMPT_TOKEN_ENCODING } from './prompt-tokens.ts';
export type { PromptTokenEncoding, PromptMessage } from './prompt-tokens.ts';
