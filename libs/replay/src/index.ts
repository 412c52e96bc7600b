export { valueInText } from './value-in-text.ts';
export { formatFixed } from './format-fixed.ts';
export { finalHeuristic, answerTokens } from './final-heuristic.ts';
export type { FinalHeuristic, FinalHeuristicInput, HeuristicRequirements, HeuristicWeights } from './final-heuristic.ts';
export { replaySample } from './replay-sample.ts';
export type { Replay, ReplayInput, ReplayProblem, ReplayProblemCode, ReplayStep, RecordedCall } from './replay-sample.ts';
