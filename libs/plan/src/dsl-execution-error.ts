import { ForgeError } from '@forge/errors';

/** The Python exception class the training environment would raise for the same failure. */
export type PythonErrorKind =
  | 'NameError'
  | 'TypeError'
  | 'ValueError'
  | 'KeyError'
  | 'IndexError'
  | 'ZeroDivisionError'
  | 'AttributeError'
  | 're.error'
  | 'SyntaxError'
  | 'MemoryError';

export interface DslExecutionErrorContext {
  pythonError: PythonErrorKind;
  problem: string;
  expression?: string;
  hint?: string;
  cause?: unknown;
}

/** Evaluating a DSL expression failed where the training environment raises (DSLExecutionError there too). */
export class DslExecutionError extends ForgeError {
  readonly pythonError: PythonErrorKind;
  readonly problem: string;
  readonly expression: string | undefined;

  constructor(context: DslExecutionErrorContext) {
    const where = context.expression !== undefined ? ` in \`${context.expression}\`` : '';
    const hint = context.hint ? `. Hint: ${context.hint}` : '';
    super(
      { problem: context.problem, hint: context.hint, cause: context.cause },
      `${context.pythonError}: ${context.problem}${where}${hint}`,
    );
    this.pythonError = context.pythonError;
    this.problem = context.problem;
    this.expression = context.expression;
  }

  /** The same error, now naming the expression it happened in. */
  withExpression(expression: string): DslExecutionError {
    if (this.expression !== undefined) return this;
    return new DslExecutionError({ pythonError: this.pythonError, problem: this.problem, hint: this.context.hint, expression, cause: this.context.cause });
  }
}
