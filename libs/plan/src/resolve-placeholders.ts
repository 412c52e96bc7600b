import { DslExecutionError } from './dsl-execution-error.ts';
import { DslParseError } from './dsl-parse-error.ts';
import { evaluate, type EvaluateOptions, type State } from './evaluate.ts';
import { isPlainObject, setOwn } from './own-property.ts';
import { parseExpression } from './parse-expression.ts';
import { renderText } from './render-python.ts';

/** A `${...}` with at least one character inside, as the environment matches it; `${}` is plain text. */
const PLACEHOLDER = /\$\{([^}]+)\}/g;

/** Every placeholder in a string: as written, its expression, and the expression's offset in the string. */
export function findPlaceholders(text: string): Array<{ placeholder: string; expression: string; offset: number }> {
  return Array.from(text.matchAll(PLACEHOLDER), (match) => ({ placeholder: match[0], expression: match[1]!, offset: match.index + 2 }));
}

export interface UnresolvedPlaceholder {
  /** The placeholder as written, e.g. "${tickers[5]}". */
  placeholder: string;
  error: string;
}

/**
 * Replaces `${expr}` in strings (recursively inside objects and arrays) by the Python text of the value:
 * strings as-is, None/True/2.0 Python-style, lists/dicts as json.dumps text. A placeholder that does not parse
 * or raises stays verbatim and is listed in `unresolved`. Never throws for DSL problems.
 */
export function resolvePlaceholders(template: unknown, state: State, options: EvaluateOptions = {}): { value: unknown; unresolved: UnresolvedPlaceholder[] } {
  const unresolved: UnresolvedPlaceholder[] = [];
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return resolveString(value, state, options, unresolved);
    if (Array.isArray(value)) return value.map(visit);
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) setOwn(out, key, visit(value[key]));
      return out;
    }
    return value;
  };
  return { value: visit(template), unresolved };
}

function resolveString(text: string, state: State, options: EvaluateOptions, unresolved: UnresolvedPlaceholder[]): string {
  return text.replace(PLACEHOLDER, (placeholder: string, expression: string) => {
    try {
      return renderText(evaluate(parseExpression(expression), state, options));
    } catch (error) {
      if (!(error instanceof DslParseError) && !(error instanceof DslExecutionError)) throw error;
      unresolved.push({ placeholder, error: error.message });
      return placeholder;
    }
  });
}
