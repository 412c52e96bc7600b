import { valueInText } from './value-in-text.ts';

/** What the heuristic reads of `final_answer_requirements` (the length range may also come from the judge rubric). */
export interface HeuristicRequirements {
  must_include?: readonly string[];
  grounded_from?: readonly string[];
  length_range?: readonly number[] | null;
  target_length_range?: readonly number[] | null;
}

/** The environment's overrides of the heuristic's weights. */
export interface HeuristicWeights {
  heur_cov?: number;
  heur_grd?: number;
  heur_len?: number;
}

export interface FinalHeuristicInput {
  finalText: string;
  requirements: HeuristicRequirements;
  /** The environment's state after the plan ran: plan values (PyFloat for whole floats). */
  facts: Readonly<Record<string, unknown>>;
  weights?: HeuristicWeights | null;
}

export interface FinalHeuristic {
  coverage: number;
  grounding: number;
  length: number;
  heuristic: number;
  /** must_include keys whose fact is absent or not found in the text, in list order. */
  missing_must_include: string[];
  missing_grounded_from: string[];
  /** Whitespace tokens of the text, what the length range is tested against. */
  tokens: number;
}

const DEFAULT_WEIGHTS = { heur_cov: 0.5, heur_grd: 0.4, heur_len: 0.1 };

// Python's str.split() whitespace: JS \s lacks \x1c-\x1f and \x85, and has \ufeff, which Python does not split on.
const PYTHON_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * The environment's final-answer heuristic (libs/replay/conformance/final_heuristic_vectors.json): coverage and
 * grounding are the shares of must_include / grounded_from keys whose fact is found in the text (a key absent from
 * facts is a miss, an empty list scores 1), length is 1 when the whitespace token count is inside length_range
 * (else target_length_range) inclusive or there is no range, and heuristic = 0.5·coverage + 0.4·grounding +
 * 0.1·length unless weights override.
 */
export function finalHeuristic(input: FinalHeuristicInput): FinalHeuristic {
  const { finalText, requirements, facts } = input;
  const missing = (keys: readonly string[] = []) => keys.filter((key) => !(Object.hasOwn(facts, key) && valueInText(facts[key], finalText)));
  const share = (keys: readonly string[] = [], misses: string[]) => (keys.length === 0 ? 1 : (keys.length - misses.length) / keys.length);
  const missingMust = missing(requirements.must_include);
  const missingGrounded = missing(requirements.grounded_from);
  const coverage = share(requirements.must_include, missingMust);
  const grounding = share(requirements.grounded_from, missingGrounded);
  const tokens = answerTokens(finalText);
  const range = requirements.length_range ?? requirements.target_length_range ?? null;
  const length = range && range.length >= 2 ? (tokens >= range[0]! && tokens <= range[1]! ? 1 : 0) : 1;
  const weights = { ...DEFAULT_WEIGHTS, ...definedOnly(input.weights ?? {}) };
  return {
    coverage,
    grounding,
    length,
    heuristic: weights.heur_cov * coverage + weights.heur_grd * grounding + weights.heur_len * length,
    missing_must_include: missingMust,
    missing_grounded_from: missingGrounded,
    tokens,
  };
}

function definedOnly(weights: HeuristicWeights): HeuristicWeights {
  return Object.fromEntries(Object.entries(weights).filter(([, weight]) => typeof weight === 'number'));
}

/** Whitespace tokens of an answer as the environment counts them for its length range (Python's str.split()). */
export function answerTokens(text: string): number {
  return text.split(PYTHON_WHITESPACE).filter((token) => token !== '').length;
}
