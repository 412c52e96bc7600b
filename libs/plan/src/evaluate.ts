import { compilePythonRegex } from './compile-python-regex.ts';
import { DslExecutionError } from './dsl-execution-error.ts';
import type { ExpressionNode } from './expression-node.ts';
import { HELPERS } from './helpers.ts';
import { getOwn, isPlainObject, setOwn } from './own-property.ts';
import { makeNumber } from './py-float.ts';
import { integerOf, isTruthy, numeric, pyArithmetic, pyCompare, pyContains, pyEquals, pyIs, pythonTypeName } from './python-semantics.ts';
import { renderPython } from './render-python.ts';

export interface EvaluateOptions {
  /** Allow the generator-only helpers (first, safe_index, safe_attr, median); the environment lacks them. */
  nonPortable?: boolean;
}

/** The variables an expression sees: state keys introduced by extract, compute and select. */
export type State = Record<string, unknown>;

/**
 * Evaluates a parsed expression over the state with the environment's Python semantics. Never runs host code:
 * names read own state keys only, calls reach whitelisted helpers only, and subscripts read own properties of
 * plain objects/arrays. Throws DslExecutionError wherever the environment raises.
 */
export function evaluate(node: ExpressionNode, state: State, options: EvaluateOptions = {}): unknown {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'name': {
      if (!Object.hasOwn(state, node.name)) {
        throw new DslExecutionError({ pythonError: 'NameError', problem: `name '${node.name}' is not defined`, hint: 'use a state key introduced by an earlier extract, compute or select' });
      }
      return state[node.name] ?? null;
    }
    case 'list':
      return node.items.map((item) => evaluate(item, state, options));
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const entry of node.entries) {
        const key = evaluate(entry.key, state, options);
        if (typeof key !== 'string') throw new DslExecutionError({ pythonError: 'TypeError', problem: `dict keys in plans must be strings, not ${pythonTypeName(key)}` });
        setOwn(out, key, evaluate(entry.value, state, options));
      }
      return out;
    }
    case 'attribute': {
      const object = evaluate(node.object, state, options);
      // The environment evaluates `q.price` as Python getattr: a dict has no attribute 'price', so it raises.
      throw new DslExecutionError({
        pythonError: 'AttributeError',
        problem: `'${pythonTypeName(object)}' object has no attribute '${node.name}'`,
        hint: `use a subscript: ['${node.name}']`,
      });
    }
    case 'subscript':
      return subscript(evaluate(node.object, state, options), evaluate(node.index, state, options));
    case 'slice': {
      const object = evaluate(node.object, state, options);
      const bound = (part: ExpressionNode | undefined): number | null => {
        if (part === undefined) return null;
        const value = evaluate(part, state, options);
        if (value === null) return null;
        const index = integerOf(value);
        if (index === undefined) throw new DslExecutionError({ pythonError: 'TypeError', problem: `slice indices must be integers or None, not ${pythonTypeName(value)}` });
        return index;
      };
      return sliceValue(object, bound(node.lower), bound(node.upper), bound(node.step));
    }
    case 'call':
      return callHelper(node.callee, node.args.map((arg) => evaluate(arg, state, options)), options);
    case 'unary': {
      const operand = evaluate(node.operand, state, options);
      if (node.operator === 'not') return !isTruthy(operand);
      const number = numeric(operand);
      if (!number) throw new DslExecutionError({ pythonError: 'TypeError', problem: `bad operand type for unary ${node.operator}: '${pythonTypeName(operand)}'` });
      return makeNumber(node.operator === '-' ? -number.value : number.value, number.isFloat);
    }
    case 'binary':
      return pyArithmetic(node.operator, evaluate(node.left, state, options), evaluate(node.right, state, options));
    case 'boolean': {
      // Python's and/or return an operand, not a bool: `empty or 'none'` is 'none'.
      let value: unknown = null;
      for (const part of node.values) {
        value = evaluate(part, state, options);
        if (node.operator === 'or' ? isTruthy(value) : !isTruthy(value)) return value;
      }
      return value;
    }
    case 'compare': {
      let left = evaluate(node.first, state, options);
      for (const { operator, right: rightNode } of node.rest) {
        const right = evaluate(rightNode, state, options);
        if (!compare(operator, left, right)) return false;
        left = right;
      }
      return true;
    }
    case 'regex-search': {
      const subject = renderPython(evaluate(node.subject, state, options));
      const pattern = evaluate(node.pattern, state, options);
      if (typeof pattern !== 'string') throw new DslExecutionError({ pythonError: 'TypeError', problem: `a regex pattern must be a string, not ${pythonTypeName(pattern)}` });
      return compilePythonRegex(pattern).test(subject);
    }
  }
}

function compare(operator: string, left: unknown, right: unknown): boolean {
  switch (operator) {
    case '==':
      return pyEquals(left, right);
    case '!=':
      return !pyEquals(left, right);
    case 'in':
      return pyContains(right, left);
    case 'not in':
      return !pyContains(right, left);
    case 'is':
      return pyIs(left, right);
    case 'is not':
      return !pyIs(left, right);
    default:
      return pyCompare(operator as '<' | '<=' | '>' | '>=', left, right);
  }
}

function subscript(object: unknown, index: unknown): unknown {
  if (Array.isArray(object) || typeof object === 'string') {
    const position = integerOf(index);
    const kind = Array.isArray(object) ? 'list' : 'string';
    if (position === undefined) throw new DslExecutionError({ pythonError: 'TypeError', problem: `${kind} indices must be integers or slices, not ${pythonTypeName(index)}` });
    const items = typeof object === 'string' ? Array.from(object) : object;
    const at = position < 0 ? items.length + position : position;
    if (at < 0 || at >= items.length) throw new DslExecutionError({ pythonError: 'IndexError', problem: `${kind} index out of range` });
    return items[at] ?? null;
  }
  if (isPlainObject(object)) {
    if (Array.isArray(index) || isPlainObject(index)) throw new DslExecutionError({ pythonError: 'TypeError', problem: `unhashable type: '${pythonTypeName(index)}'` });
    const value = typeof index === 'string' ? getOwn(object, index) : undefined;
    if (value === undefined) throw new DslExecutionError({ pythonError: 'KeyError', problem: renderPython(index === null ? null : index), hint: 'the key is absent from this dict' });
    return value;
  }
  throw new DslExecutionError({ pythonError: 'TypeError', problem: `'${pythonTypeName(object)}' object is not subscriptable` });
}

/** Python slice semantics (start, stop, step with clamping and negative indices). */
function sliceValue(object: unknown, lower: number | null, upper: number | null, step: number | null): unknown {
  if (!Array.isArray(object) && typeof object !== 'string') {
    throw new DslExecutionError({ pythonError: 'TypeError', problem: `'${pythonTypeName(object)}' object is not subscriptable` });
  }
  const items: unknown[] = typeof object === 'string' ? Array.from(object) : object;
  const length = items.length;
  const stride = step ?? 1;
  if (stride === 0) throw new DslExecutionError({ pythonError: 'ValueError', problem: 'slice step cannot be zero' });
  const clamp = (value: number | null, fallback: number, low: number, high: number): number => {
    if (value === null) return fallback;
    const resolved = value < 0 ? value + length : value;
    return Math.min(Math.max(resolved, low), high);
  };
  const out: unknown[] = [];
  if (stride > 0) {
    const start = clamp(lower, 0, 0, length);
    const stop = clamp(upper, length, 0, length);
    for (let index = start; index < stop; index += stride) out.push(items[index]);
  } else {
    const start = clamp(lower, length - 1, -1, length - 1);
    const stop = clamp(upper, -1, -1, length - 1);
    for (let index = start; index > stop; index += stride) out.push(items[index]);
  }
  return typeof object === 'string' ? out.join('') : out;
}

function callHelper(name: string, args: unknown[], options: EvaluateOptions): unknown {
  const helper = Object.hasOwn(HELPERS, name) ? HELPERS[name] : undefined;
  if (helper === undefined) {
    throw new DslExecutionError({ pythonError: 'NameError', problem: `'${name}' is not a whitelisted helper`, hint: `use one of: ${Object.keys(HELPERS).filter((key) => HELPERS[key]!.portable).join(', ')}` });
  }
  if (!helper.portable && !options.nonPortable) {
    throw new DslExecutionError({ pythonError: 'NameError', problem: `'${name}' is a generator-only helper the training environment does not have`, hint: 'rewrite it with portable helpers and subscripts, or evaluate with { nonPortable: true }' });
  }
  if (args.length < helper.minArgs || args.length > helper.maxArgs) {
    const expected = helper.minArgs === helper.maxArgs ? `${helper.minArgs}` : helper.maxArgs === Infinity ? `at least ${helper.minArgs}` : `${helper.minArgs}–${helper.maxArgs}`;
    throw new DslExecutionError({ pythonError: 'TypeError', problem: `${name}() takes ${expected} argument(s) but ${args.length} were given`, hint: helper.signature });
  }
  return helper.call(args);
}
