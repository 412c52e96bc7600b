export { valueInText } from './value-in-text.ts';
export { formatFixed } from './format-fixed.ts';
export { finalHeuristic } from './final-heuristic.ts';
export type { FinalHeuristic, FinalHeuristicInput, HeuristicRequirements, HeuristicWeights } from './final-heuristic.ts';
