import { DslExecutionError } from './dsl-execution-error.ts';
import { DslParseError } from './dsl-parse-error.ts';
import { evaluate, type EvaluateOptions, type State } from './evaluate.ts';
import { parseCondition } from './parse-expression.ts';
import { isTruthy } from './python-semantics.ts';

/** An accept_if outcome, with the reason when the condition could not be evaluated. */
export interface ConditionOutcome {
  passed: boolean;
  error?: string;
}

/**
 * Evaluates an accept_if condition like the environment: Python truthiness of the value, and false (never a
 * throw) when the condition does not parse or raises, e.g. an undefined variable or `none > 0`.
 */
export function evaluateCondition(text: string, state: State, options: EvaluateOptions = {}): ConditionOutcome {
  try {
    return { passed: isTruthy(evaluate(parseCondition(text), state, options)) };
  } catch (error) {
    if (error instanceof DslParseError || error instanceof DslExecutionError) return { passed: false, error: error.message };
    throw error;
  }
}

/** True when the accept_if condition holds; false when it is falsy, does not parse, or raises. */
export function checkCondition(text: string, state: State, options: EvaluateOptions = {}): boolean {
  return evaluateCondition(text, state, options).passed;
}
