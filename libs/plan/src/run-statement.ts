import { DslExecutionError } from './dsl-execution-error.ts';
import { DslParseError } from './dsl-parse-error.ts';
import { evaluate, type EvaluateOptions, type State } from './evaluate.ts';
import { parseExpression } from './parse-expression.ts';

/** A compute/select statement split the environment's way: at the FIRST `=`, both sides trimmed. */
export interface Statement {
  name: string;
  expression: string;
  /** Offset of the expression inside the statement text, for error columns. */
  expressionOffset: number;
}

/**
 * Splits `name = expr` at the first `=` like the environment, so `n >= 5` assigns 5 to a variable named "n >".
 * Returns undefined when there is no `=` at all.
 */
export function splitStatement(text: string): Statement | undefined {
  const at = text.indexOf('=');
  if (at === -1) return undefined;
  const right = text.slice(at + 1);
  const leading = right.length - right.trimStart().length;
  return { name: text.slice(0, at).trim(), expression: right.trim(), expressionOffset: at + 1 + leading };
}

/**
 * Runs one compute/select statement over the state (without changing it) and returns the assignment.
 * Throws DslExecutionError wherever the environment raises: no `=`, an expression that does not parse
 * (the DslParseError is the cause), or any evaluation failure.
 */
export function runStatement(text: string, state: State, options: EvaluateOptions = {}): { name: string; value: unknown } {
  const statement = splitStatement(text);
  if (statement === undefined) {
    throw new DslExecutionError({ pythonError: 'ValueError', problem: 'a compute/select statement needs `name = expression`', expression: text, hint: `write e.g. \`result = ${text.trim()}\`` });
  }
  let node;
  try {
    node = parseExpression(statement.expression);
  } catch (error) {
    if (!(error instanceof DslParseError)) throw error;
    throw new DslExecutionError({ pythonError: 'SyntaxError', problem: `line ${error.line}:${error.column}: ${error.problem}`, expression: text, cause: error });
  }
  try {
    return { name: statement.name, value: evaluate(node, state, options) };
  } catch (error) {
    throw error instanceof DslExecutionError ? error.withExpression(text) : error;
  }
}

/** Runs a statement and stores its value in the state under its name (what runPlan does per statement). */
export function applyCompute(text: string, state: State, options: EvaluateOptions = {}): { name: string; value: unknown } {
  const assignment = runStatement(text, state, options);
  Object.defineProperty(state, assignment.name, { value: assignment.value, enumerable: true, writable: true, configurable: true });
  return assignment;
}
